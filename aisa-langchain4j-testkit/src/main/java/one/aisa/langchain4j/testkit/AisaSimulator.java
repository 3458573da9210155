package one.aisa.langchain4j.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.util.regex.Pattern.CASE_INSENSITIVE;
import static java.util.regex.Pattern.UNICODE_CASE;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaGeminiChatModel;
import one.aisa.langchain4j.AisaGeminiStreamingChatModel;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * An offline AIsa gateway: a real HTTP server on loopback that speaks the AIsa wire protocol, so agents can be
 * tested without a key, without the network and without paying.
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions} (JSON, and SSE with a usage chunk), {@code GET /v1/models} and
 *       {@code /v1/models/{id}},
 *       {@code GET /v1/credits/balance}, and Gemini's {@code POST /v1beta/models/{model}:generateContent} and
 *       {@code :streamGenerateContent} (SSE with {@code alt=sse}), also under {@code /v1/...}.
 *   <li>Deterministic answers: scripted replies per model and prompt pattern; otherwise a reply that names the
 *       model, echoes the prompt with a digest, and says it is simulated. Tool calls when the request offers tools
 *       and a script asks for them.
 *   <li>Token counts estimated from the text; {@code usage.cost} from the model catalog's prices;
 *       {@code credits_remaining} falls from the starting balance, and a spent balance answers 402.
 *   <li>Faults per model, for the next N calls or always: {@link SimulatedFault}.
 *   <li>Every request is recorded: {@link #requests()}.
 * </ul>
 *
 * <pre>{@code
 * try (AisaSimulator simulator = AisaSimulator.start()) {
 *     simulator.whenPrompt("capital of Germany").reply("Berlin");
 *     simulator.failNext("gpt-4o", 1, SimulatedFault.status(503));
 *     ChatModel model = simulator.chatModel("gpt-4o-mini");
 * }
 * }</pre>
 */
public final class AisaSimulator implements AutoCloseable {

    /** Use as the model of {@link #failNext} / {@link #failAlways} to hit every model. */
    public static final String ANY_MODEL = "*";

    /** The API key the simulator's models are built with; any non-blank Bearer key is accepted. */
    public static final String API_KEY = "sk-aisa-simulator";

    private final WireMockServer server;
    private final GatewayState state;
    private final BigDecimal startingBalance;

    private AisaSimulator(Builder builder) {
        this.state = new GatewayState(builder.catalog, builder.startingBalance);
        this.startingBalance = builder.startingBalance;
        // Plain HTTP/2 (h2c) off: a JDK HttpClient on HTTP/2 posting a body of unknown length (Spring's default
        // request factory does) gets reset streams or loses the body; every client speaks HTTP/1.1.
        this.server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .port(builder.port)
                .http2PlainDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .disableRequestJournal()
                .extensions(new SimulatedGateway(state, builder.streamChunkDelay), new NoProxying()));
    }

    /** Starts a simulator on a free loopback port with the built-in catalog and a 10 USD balance. */
    public static AisaSimulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private AisaSimulator startServer() {
        server.start();
        server.stubFor(any(anyUrl())
                .willReturn(ResponseDefinitionBuilder.responseDefinition().withTransformers(SimulatedGateway.NAME)));
        return this;
    }

    /** The base URL to give a model, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    public int port() {
        return server.port();
    }

    /** A blocking model aimed at the simulator. */
    public AisaChatModel chatModel(String modelName) {
        return chatModelBuilder(modelName).build();
    }

    /** A blocking model builder aimed at the simulator, to adjust before building. */
    public AisaChatModel.AisaChatModelBuilder chatModelBuilder(String modelName) {
        return AisaChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl()).modelName(modelName);
    }

    /** A streaming model aimed at the simulator. */
    public AisaStreamingChatModel streamingChatModel(String modelName) {
        return streamingChatModelBuilder(modelName).build();
    }

    /** A streaming model builder aimed at the simulator, to adjust before building. */
    public AisaStreamingChatModel.AisaStreamingChatModelBuilder streamingChatModelBuilder(String modelName) {
        return AisaStreamingChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .modelName(modelName);
    }

    /** A blocking model on Gemini's native route ({@code /v1beta/models/{model}:generateContent}). */
    public AisaGeminiChatModel geminiChatModel(String modelName) {
        return geminiChatModelBuilder(modelName).build();
    }

    /** A builder of {@link #geminiChatModel(String)}, to adjust before building. */
    public AisaGeminiChatModel.AisaGeminiChatModelBuilder geminiChatModelBuilder(String modelName) {
        return AisaGeminiChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(geminiBaseUrl())
                .modelName(modelName);
    }

    /** A streaming model on Gemini's native route ({@code :streamGenerateContent?alt=sse}). */
    public AisaGeminiStreamingChatModel geminiStreamingChatModel(String modelName) {
        return geminiStreamingChatModelBuilder(modelName).build();
    }

    /** A builder of {@link #geminiStreamingChatModel(String)}, to adjust before building. */
    public AisaGeminiStreamingChatModel.AisaGeminiStreamingChatModelBuilder geminiStreamingChatModelBuilder(
            String modelName) {
        return AisaGeminiStreamingChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(geminiBaseUrl())
                .modelName(modelName);
    }

    /** The base URL of Gemini's native route, {@code http://127.0.0.1:PORT/v1beta} ({@code /v1} answers too). */
    public String geminiBaseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1beta";
    }

    /**
     * Starts a script for prompts whose last user message contains {@code text}, ignoring case:
     * {@code whenPrompt("capital of Germany")} answers "Capital of Germany?".
     */
    public Script whenPrompt(String text) {
        return new Script(null, Pattern.compile(Pattern.quote(text), CASE_INSENSITIVE | UNICODE_CASE));
    }

    /** Starts a script for prompts whose last user message contains a match of the regular expression. */
    public Script whenPromptMatches(String regex) {
        return new Script(null, Pattern.compile(regex));
    }

    /** Starts a script for prompts whose last user message is exactly {@code text} (case and spaces count). */
    public Script whenPromptIs(String text) {
        return new Script(null, Pattern.compile("\\A" + Pattern.quote(text) + "\\z"));
    }

    /** Starts a script for any prompt sent to {@code model}. */
    public Script whenModel(String model) {
        return new Script(Objects.requireNonNull(model, "model"), Pattern.compile(""));
    }

    /** Injects {@code fault} into the next {@code times} calls to {@code model} (or {@link #ANY_MODEL}). */
    public AisaSimulator failNext(String model, int times, SimulatedFault fault) {
        if (times <= 0) {
            throw new IllegalArgumentException("times must be positive, was " + times);
        }
        return schedule(model, fault, times);
    }

    /** Injects {@code fault} into every call to {@code model} (or {@link #ANY_MODEL}) until {@link #clearFaults()}. */
    public AisaSimulator failAlways(String model, SimulatedFault fault) {
        return schedule(model, fault, FaultSchedule.ALWAYS);
    }

    private AisaSimulator schedule(String model, SimulatedFault fault, int times) {
        state.faults().add(Objects.requireNonNull(model, "model"), Objects.requireNonNull(fault, "fault"), times);
        return this;
    }

    public AisaSimulator clearFaults() {
        state.faults().clear();
        return this;
    }

    /** Serves another model, or replaces one, with these prices and capabilities. */
    public AisaSimulator addModel(ModelInfo model) {
        state.addModel(model);
        return this;
    }

    public Collection<ModelInfo> models() {
        return state.models();
    }

    /** The balance left, in USD. */
    public BigDecimal credits() {
        return state.balance();
    }

    public AisaSimulator credits(BigDecimal balance) {
        state.setBalance(Objects.requireNonNull(balance, "balance"));
        return this;
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return state.requests();
    }

    /** The chat completion requests received so far, in order. */
    public List<RecordedRequest> chatRequests() {
        return state.requests().stream()
                .filter(request -> request.path().endsWith("/chat/completions"))
                .toList();
    }

    /** Forgets the recorded requests, faults and scripts are kept. */
    public AisaSimulator clearRequests() {
        state.clearRequests();
        return this;
    }

    /**
     * Back to the state after start: no faults, no scripts, no recorded requests, the starting catalog and balance.
     */
    public AisaSimulator reset() {
        state.faults().clear();
        state.clearScripts();
        state.clearRequests();
        state.resetModels();
        state.setBalance(startingBalance);
        return this;
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }

    /**
     * The simulator never proxies, so WireMock's own proxy client (an Apache HTTP client with TLS, built when the
     * server is) is replaced by one that refuses: a third of the simulator's start-up, measured from the CLI.
     */
    private static final class NoProxying implements com.github.tomakehurst.wiremock.http.client.HttpClientFactory {

        @Override
        public com.github.tomakehurst.wiremock.http.client.HttpClient buildHttpClient(
                com.github.tomakehurst.wiremock.core.Options options,
                boolean trustAllCertificates,
                List<String> trustedHosts,
                boolean useSystemProperties) {
            return request -> {
                throw new java.io.IOException("the AIsa simulator does not proxy " + request.getAbsoluteUrl());
            };
        }
    }

    /** A scripted reply under construction: finish it with {@link #reply} or {@link #callTool}. */
    public final class Script {

        private final String model;
        private final Pattern prompt;

        private Script(String model, Pattern prompt) {
            this.model = model;
            this.prompt = prompt;
        }

        /** Only for this model. */
        public Script forModel(String modelName) {
            return new Script(Objects.requireNonNull(modelName, "modelName"), prompt);
        }

        /** Answers with this text. */
        public AisaSimulator reply(String text) {
            state.addScript(new ScriptedReply(model, prompt, Objects.requireNonNull(text, "text"), List.of()));
            return AisaSimulator.this;
        }

        /**
         * Asks for a tool call when the request offers tools and its last message is the user's; after the tool
         * result comes back, the default reply quotes it. Gemini's native route needs the arguments as a JSON object.
         */
        public AisaSimulator callTool(String toolName, String argumentsJson) {
            return callTools(new ScriptedReply.ToolCall(toolName, argumentsJson));
        }

        /** Asks for several tool calls at once (parallel tool calls). */
        public AisaSimulator callTools(String... nameArgumentPairs) {
            if (nameArgumentPairs.length == 0 || nameArgumentPairs.length % 2 != 0) {
                throw new IllegalArgumentException("give tool names and JSON arguments in pairs");
            }
            ScriptedReply.ToolCall[] calls = new ScriptedReply.ToolCall[nameArgumentPairs.length / 2];
            for (int i = 0; i < calls.length; i++) {
                calls[i] = new ScriptedReply.ToolCall(nameArgumentPairs[2 * i], nameArgumentPairs[2 * i + 1]);
            }
            return callTools(calls);
        }

        private AisaSimulator callTools(ScriptedReply.ToolCall... calls) {
            state.addScript(new ScriptedReply(model, prompt, null, Arrays.asList(calls)));
            return AisaSimulator.this;
        }
    }

    public static final class Builder {

        private int port;
        private AisaModelCatalog catalog = AisaModelCatalog.builtIn();
        private BigDecimal startingBalance = new BigDecimal("10.00");
        private java.time.Duration streamChunkDelay = java.time.Duration.ZERO;

        private Builder() {}

        /** The loopback port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The models served and their prices. Default: {@link AisaModelCatalog#builtIn()}. */
        public Builder catalog(AisaModelCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The balance in USD before the first call. Default 10.00. */
        public Builder startingCredits(BigDecimal startingBalance) {
            this.startingBalance = Objects.requireNonNull(startingBalance, "startingBalance");
            return this;
        }

        /**
         * The pause between the pieces of a streamed answer, so that streaming visibly streams in a demo. Default
         * zero: tests get the whole stream at once.
         */
        public Builder streamChunkDelay(java.time.Duration streamChunkDelay) {
            if (streamChunkDelay == null || streamChunkDelay.isNegative()) {
                throw new IllegalArgumentException(
                        "streamChunkDelay must be zero or positive, was " + streamChunkDelay);
            }
            this.streamChunkDelay = streamChunkDelay;
            return this;
        }

        public AisaSimulator start() {
            return new AisaSimulator(this).startServer();
        }
    }
}
