package one.aisa.langchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * The simulator's behaviour: answers every AIsa route from its scripts, prices, balance and injected faults. Runs
 * inside WireMock as a response transformer, on WireMock's request threads, so its state is thread-safe.
 */
final class SimulatedGateway implements ResponseDefinitionTransformerV2 {

    static final String NAME = "aisa-simulator";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern GEMINI_PATH = Pattern.compile("/(v1|v1beta)/models/([^/:]+):generateContent");
    private static final int PROMPT_ECHO_CHARS = 60;

    private final Map<String, ModelInfo> models = new ConcurrentHashMap<>();
    private final AisaModelCatalog catalog;
    private final List<ScriptedReply> scripts = new CopyOnWriteArrayList<>();
    private final Map<String, FaultSchedule> faults = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object balanceLock = new Object();
    private BigDecimal balance;
    private final java.time.Duration streamChunkDelay;

    SimulatedGateway(AisaModelCatalog catalog, BigDecimal startingBalance, java.time.Duration streamChunkDelay) {
        this.catalog = catalog;
        this.streamChunkDelay = streamChunkDelay;
        resetModels();
        this.balance = startingBalance;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    // ---- configuration, called by AisaSimulator ----

    void resetModels() {
        models.clear();
        catalog.models().forEach(model -> models.put(model.id(), model));
    }

    void addModel(ModelInfo model) {
        models.put(model.id(), model);
    }

    void addScript(ScriptedReply script) {
        scripts.add(0, script);
    }

    void schedule(String model, SimulatedFault fault, int times) {
        faults.computeIfAbsent(model, m -> new FaultSchedule()).add(fault, times);
    }

    void clearScripts() {
        scripts.clear();
    }

    void clearFaults() {
        faults.clear();
    }

    void setBalance(BigDecimal newBalance) {
        synchronized (balanceLock) {
            balance = newBalance;
        }
    }

    BigDecimal balance() {
        synchronized (balanceLock) {
            return balance;
        }
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    java.util.Collection<ModelInfo> models() {
        return models.values();
    }

    // ---- serving ----

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        String path = request.getUrl().split("\\?", 2)[0];
        JsonNode body = parse(request.getBodyAsString());
        Matcher gemini = GEMINI_PATH.matcher(path);
        String model = gemini.matches() ? gemini.group(2) : text(body, "model");
        boolean stream = body != null && body.path("stream").asBoolean(false);
        String authorization = request.getHeader("Authorization");
        requests.add(new RecordedRequest(request.getMethod().getName(), path, model, stream, body, authorization));

        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return error(
                    401,
                    "authentication_error",
                    "missing_api_key",
                    "Missing API key: send Authorization: Bearer <key>.");
        }
        String method = request.getMethod().getName();
        if (method.equals("GET") && path.equals("/v1/models")) {
            return json(200, modelList()).build();
        }
        if (method.equals("GET") && path.startsWith("/v1/models/")) {
            String id = path.substring("/v1/models/".length());
            ModelInfo info = models.get(id);
            return info == null
                    ? error(404, "invalid_request_error", "model_not_found", "The model '" + id + "' does not exist.")
                    : json(200, modelEntry(NODES.objectNode(), info)).build();
        }
        if (method.equals("GET") && path.equals("/v1/credits/balance")) {
            return json(200, balanceBody()).build();
        }
        if (method.equals("POST") && path.equals("/v1/chat/completions")) {
            return chat(model, body, stream);
        }
        if (method.equals("POST") && gemini.matches()) {
            return generateContent(model, body);
        }
        return error(404, "invalid_request_error", "unknown_endpoint", "Unknown endpoint " + method + " " + path + ".");
    }

    private ResponseDefinition chat(String model, JsonNode body, boolean stream) {
        if (body == null || model == null || model.isBlank()) {
            return error(400, "invalid_request_error", "missing_parameter", "The request body must name a model.");
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return error(400, "invalid_request_error", "missing_parameter", "messages must be a non-empty array.");
        }
        SimulatedFault fault = nextFault(model);
        int delayMillis = 0;
        SimulatedFault streamFault = null;
        if (fault != null) {
            switch (fault.kind) {
                case LATENCY -> delayMillis = (int) fault.latency.toMillis();
                case STREAM_CUT, ERROR_IN_STREAM -> {
                    if (!stream) {
                        return fault(
                                fault.kind == SimulatedFault.Kind.STREAM_CUT ? SimulatedFault.malformedBody() : fault);
                    }
                    streamFault = fault;
                }
                default -> {
                    return fault(fault);
                }
            }
        }
        ModelInfo info = models.get(model);
        if (info == null) {
            return error(404, "invalid_request_error", "model_not_found", "The model '" + model + "' does not exist.");
        }
        if (balance().signum() <= 0) {
            return error(
                    402, "insufficient_credits", "insufficient_credits", "Insufficient credits: the balance is spent.");
        }
        Answer answer = answer(model, body);
        long promptTokens = estimateTokens(promptText(body));
        long completionTokens = Math.max(
                1, estimateTokens(answer.text()) + 8L * answer.toolCalls().size());
        BigDecimal cost = info.priceOf(promptTokens, completionTokens);
        BigDecimal remaining = charge(cost);
        ObjectNode usage = NODES.objectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens)
                .put("cost", cost)
                .put("credits_remaining", remaining);
        String id = "chatcmpl-sim-" + sequence.incrementAndGet();
        ResponseDefinitionBuilder response = stream
                ? paced(ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(SimulatedStream.body(id, model, answer, usage, streamFault)))
                : ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(write(completion(id, model, answer, usage)));
        return response.withHeader("x-request-id", "req_" + id)
                .withHeader("x-aisa-price-usd", cost.toPlainString())
                .withFixedDelay(delayMillis)
                .build();
    }

    /** What the simulated model says: a script's answer, or a labelled echo of the prompt. */
    record Answer(String text, List<ScriptedReply.ToolCall> toolCalls) {}

    private Answer answer(String model, JsonNode body) {
        String lastUser = lastUserText(body);
        boolean lastIsUser = "user".equals(lastMessage(body).path("role").asText());
        boolean offersTools =
                body.path("tools").isArray() && !body.path("tools").isEmpty();
        for (ScriptedReply script : scripts) {
            if (!script.matches(model, lastUser)) {
                continue;
            }
            if (!script.toolCalls.isEmpty()) {
                if (offersTools && lastIsUser) {
                    return new Answer(script.text, script.toolCalls);
                }
                continue;
            }
            return new Answer(script.text, List.of());
        }
        if (!lastIsUser) {
            return new Answer("[simulated " + model + "] The tool answered: " + trailingToolResults(body), List.of());
        }
        return new Answer(defaultReply(model, lastUser), List.of());
    }

    /** The results of the last round of tool calls, every one of them when several ran in parallel. */
    private static String trailingToolResults(JsonNode body) {
        JsonNode messages = body.path("messages");
        java.util.LinkedList<String> results = new java.util.LinkedList<>();
        for (int i = messages.size() - 1;
                i >= 0 && "tool".equals(messages.get(i).path("role").asText());
                i--) {
            results.addFirst(contentText(messages.get(i).get("content")));
        }
        return results.isEmpty() ? contentText(lastMessage(body).get("content")) : String.join("; ", results);
    }

    static String defaultReply(String model, String prompt) {
        String echo = prompt.length() <= PROMPT_ECHO_CHARS ? prompt : prompt.substring(0, PROMPT_ECHO_CHARS) + "...";
        return "[simulated " + model + "] You said: \"" + echo + "\" (digest " + digest(prompt) + ")";
    }

    private JsonNode completion(String id, String model, Answer answer, ObjectNode usage) {
        ObjectNode message = NODES.objectNode().put("role", "assistant");
        message.putNull("refusal");
        if (answer.text() == null) {
            message.putNull("content");
        } else {
            message.put("content", answer.text());
        }
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < answer.toolCalls().size(); i++) {
                ScriptedReply.ToolCall call = answer.toolCalls().get(i);
                calls.addObject()
                        .put("id", toolCallId(id, i))
                        .put("type", "function")
                        .putObject("function")
                        .put("name", call.name())
                        .put("arguments", call.argumentsJson());
            }
        }
        ObjectNode root = NODES.objectNode()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L + sequence.get())
                .put("model", model);
        root.putArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", answer.toolCalls().isEmpty() ? "stop" : "tool_calls")
                .putNull("logprobs")
                .set("message", message);
        root.set("usage", usage);
        return root;
    }

    static String toolCallId(String responseId, int index) {
        return "call_" + responseId.substring(responseId.lastIndexOf('-') + 1) + "_" + index;
    }

    private ResponseDefinition generateContent(String model, JsonNode body) {
        SimulatedFault fault = nextFault(model);
        if (fault != null && fault.kind != SimulatedFault.Kind.LATENCY) {
            return geminiFault(fault);
        }
        ModelInfo info = models.get(model);
        if (info == null) {
            return geminiError(404, "models/" + model + " is not found.").build();
        }
        if (balance().signum() <= 0) {
            return geminiError(402, "Insufficient credits: the balance is spent.")
                    .build();
        }
        StringBuilder prompt = new StringBuilder();
        for (JsonNode content : body == null ? NODES.arrayNode() : body.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                prompt.append(part.path("text").asText(""));
            }
        }
        String reply = defaultReply(model, prompt.toString());
        for (ScriptedReply script : scripts) {
            if (script.toolCalls.isEmpty() && script.matches(model, prompt.toString())) {
                reply = script.text;
                break;
            }
        }
        long promptTokens = estimateTokens(prompt.toString());
        long outputTokens = Math.max(1, estimateTokens(reply));
        charge(info.priceOf(promptTokens, outputTokens));
        ObjectNode root = NODES.objectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        candidate
                .putObject("content")
                .put("role", "model")
                .putArray("parts")
                .addObject()
                .put("text", reply);
        candidate.put("finishReason", "STOP").put("index", 0);
        root.putObject("usageMetadata")
                .put("promptTokenCount", promptTokens)
                .put("candidatesTokenCount", outputTokens)
                .put("totalTokenCount", promptTokens + outputTokens);
        root.put("modelVersion", model).put("responseId", "sim-" + sequence.incrementAndGet());
        return json(200, root)
                .withFixedDelay(fault == null ? 0 : (int) fault.latency.toMillis())
                .build();
    }

    /** Faults on the native Gemini route, in Google's error shape ({@code code} numeric, {@code status} a name). */
    private ResponseDefinition geminiFault(SimulatedFault fault) {
        return switch (fault.kind) {
            case STATUS -> {
                ResponseDefinitionBuilder response = geminiError(fault.status, fault.message);
                if (fault.retryAfter != null) {
                    response.withHeader("Retry-After", String.valueOf(Math.max(1, fault.retryAfter.toSeconds())));
                }
                yield response.build();
            }
            case STREAM_CUT -> fault(SimulatedFault.malformedBody());
            case ERROR_IN_STREAM -> geminiError(500, fault.message).build();
            default -> fault(fault);
        };
    }

    private static ResponseDefinitionBuilder geminiError(int status, String message) {
        ObjectNode root = NODES.objectNode();
        root.putObject("error").put("code", status).put("message", message).put("status", googleStatus(status));
        return json(status, root);
    }

    private static String googleStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 402 -> "FAILED_PRECONDITION";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "INTERNAL";
        };
    }

    private ResponseDefinition fault(SimulatedFault fault) {
        return switch (fault.kind) {
            case STATUS -> {
                ResponseDefinitionBuilder response = errorBuilder(fault.status, fault.type, fault.code, fault.message);
                if (fault.retryAfter != null) {
                    response.withHeader("Retry-After", String.valueOf(Math.max(1, fault.retryAfter.toSeconds())));
                    response.withHeader("retry-after-ms", String.valueOf(fault.retryAfter.toMillis()));
                }
                yield response.build();
            }
            case CONNECTION_RESET ->
                ResponseDefinitionBuilder.responseDefinition()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER)
                        .build();
            case MALFORMED_BODY ->
                ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"id\":\"chatcmpl-sim-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,")
                        .build();
            case ERROR_IN_STREAM ->
                json(200, errorBody(fault.type, fault.code, fault.message)).build();
            default -> throw new IllegalStateException("not an immediate fault: " + fault);
        };
    }

    private SimulatedFault nextFault(String model) {
        FaultSchedule forModel = faults.get(model);
        SimulatedFault fault = forModel == null ? null : forModel.next();
        if (fault != null) {
            return fault;
        }
        FaultSchedule forAll = faults.get(AisaSimulator.ANY_MODEL);
        return forAll == null ? null : forAll.next();
    }

    private BigDecimal charge(BigDecimal cost) {
        synchronized (balanceLock) {
            balance = balance.subtract(cost);
            return balance;
        }
    }

    private JsonNode modelList() {
        ObjectNode root = NODES.objectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        models.values().stream()
                .sorted(java.util.Comparator.comparing(ModelInfo::id))
                .forEach(model -> modelEntry(data.addObject(), model));
        return root;
    }

    /** One model as {@code GET /v1/models} lists it and {@code GET /v1/models/{id}} returns it. */
    private static ObjectNode modelEntry(ObjectNode entry, ModelInfo model) {
        return entry.put("id", model.id())
                .put("object", "model")
                .put("created", 0)
                .put("owned_by", model.provider());
    }

    private JsonNode balanceBody() {
        long micros = balance().movePointRight(6).longValue();
        ObjectNode root = NODES.objectNode()
                .put("account_balance_micros_usd", micros)
                .put("available_balance_micros_usd", micros)
                .put("currency", "USD");
        root.putObject("api_key").put("unlimited", false).put("remaining_micros_usd", micros);
        return root;
    }

    /** A stream sent as it would arrive from a model: one piece per word, {@code streamChunkDelay} apart. */
    private ResponseDefinitionBuilder paced(ResponseDefinitionBuilder stream) {
        if (streamChunkDelay.isZero()) {
            return stream;
        }
        String body = stream.build().getBody();
        int events = Math.max(1, body.split("\n\n").length);
        return stream.withChunkedDribbleDelay(events, (int) (streamChunkDelay.toMillis() * events));
    }

    private static ResponseDefinition error(int status, String type, String code, String message) {
        return errorBuilder(status, type, code, message).build();
    }

    private static ResponseDefinitionBuilder errorBuilder(int status, String type, String code, String message) {
        return json(status, errorBody(type, code, message));
    }

    static ObjectNode errorBody(String type, String code, String message) {
        ObjectNode root = NODES.objectNode();
        // OpenAI's schema: message, type, param (required, may be null) and code
        root.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .put("code", code)
                .put("request_id", "req_sim_error");
        return root;
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(write(body));
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.path(field).isTextual()
                ? null
                : node.path(field).asText();
    }

    private static JsonNode lastMessage(JsonNode body) {
        JsonNode messages = body == null ? NODES.arrayNode() : body.path("messages");
        return messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : NODES.objectNode();
    }

    static String lastUserText(JsonNode body) {
        JsonNode messages = body == null ? NODES.arrayNode() : body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return contentText(messages.get(i).get("content"));
            }
        }
        return "";
    }

    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.has("text")) {
                parts.add(part.path("text").asText());
            } else if (part.has("image_url")) {
                parts.add("[image]");
            }
        }
        return String.join(" ", parts);
    }

    private static String promptText(JsonNode body) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            text.append(contentText(message.get("content"))).append('\n');
        }
        JsonNode tools = body.get("tools");
        if (tools != null) {
            text.append(tools);
        }
        return text.toString();
    }

    /** About four characters per token, the usual rule of thumb for English text. */
    static long estimateTokens(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Faults queued for one model: a number of times each, or for ever. */
    private static final class FaultSchedule {
        private final List<SimulatedFault> queue = new ArrayList<>();
        private final List<Integer> remaining = new ArrayList<>();

        synchronized void add(SimulatedFault fault, int times) {
            queue.add(fault);
            remaining.add(times);
        }

        synchronized SimulatedFault next() {
            while (!queue.isEmpty()) {
                int left = remaining.get(0);
                SimulatedFault fault = queue.get(0);
                if (left == AisaSimulator.ALWAYS) {
                    return fault;
                }
                if (left <= 1) {
                    queue.remove(0);
                    remaining.remove(0);
                } else {
                    remaining.set(0, left - 1);
                }
                return fault;
            }
            return null;
        }
    }
}
