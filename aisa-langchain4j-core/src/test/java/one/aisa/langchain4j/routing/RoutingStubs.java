package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.Sleeper;

/**
 * A loopback WireMock server standing in for the gateway behind a router: each stub answers one model (selected by
 * the request's {@code "model"}), so one server plays every route; plus the canned bodies and faults the routing
 * tests inject, and sleepers that record waits instead of sleeping.
 */
final class RoutingStubs {

    static final String CHAT_PATH = "/v1/chat/completions";
    static final String API_KEY = "sk-aisa-routing-test-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockExtension server;
    /** The router's waits. */
    final RecordingSleeper routerSleeper = new RecordingSleeper();
    /** The models' own waits: they must never retry inside a router, so this stays empty. */
    final RecordingSleeper modelSleeper = new RecordingSleeper();

    RoutingStubs(WireMockExtension server) {
        this.server = server;
    }

    static WireMockExtension newServer() {
        return WireMockExtension.newInstance()
                .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                        .dynamicPort()
                        .bindAddress("127.0.0.1")
                        .containerThreads(80))
                .build();
    }

    WireMockExtension server() {
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    /** A model aimed at the stub, with the default two retries of its own (which a router must switch off). */
    AisaChatModel.AisaChatModelBuilder chatModel(String name) {
        return AisaChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .modelName(name)
                .maxRetries(2)
                .sleeper(modelSleeper)
                .timeout(Duration.ofSeconds(5));
    }

    AisaChatModel model(String name) {
        return chatModel(name).build();
    }

    AisaStreamingChatModel.AisaStreamingChatModelBuilder streamingModel(String name) {
        return AisaStreamingChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .modelName(name)
                .maxRetries(2)
                .sleeper(modelSleeper)
                .timeout(Duration.ofSeconds(5));
    }

    static MappingBuilder chatFor(String model) {
        return post(urlEqualTo(CHAT_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    /** The model answers every request with {@code text}. */
    void answers(String model, String text) {
        server.stubFor(chatFor(model).willReturn(okJson(completion(model, text))));
    }

    /** The model answers every request with its own name. */
    void answers(String model) {
        answers(model, "answer from " + model);
    }

    void responds(String model, ResponseDefinitionBuilder response) {
        server.stubFor(chatFor(model).willReturn(response));
    }

    /** The model gives these responses one after the other; the last one repeats. */
    void respondsInTurn(String model, ResponseDefinitionBuilder... responses) {
        String scenario = "turns of " + model;
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder stub = chatFor(model)
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "turn " + i)
                    .willReturn(responses[i]);
            if (i < responses.length - 1) {
                stub = stub.willSetStateTo("turn " + (i + 1));
            }
            server.stubFor(stub);
        }
    }

    /** How many chat requests the stub received for this model. */
    int requests(String model) {
        return server.findAll(postRequestedFor(urlEqualTo(CHAT_PATH))
                        .withRequestBody(matchingJsonPath("$.model", equalTo(model))))
                .size();
    }

    int allRequests() {
        return server.findAll(postRequestedFor(urlEqualTo(CHAT_PATH))).size();
    }

    /** The JSON of every chat request, in the order received. */
    List<JsonNode> requestBodies() {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(urlEqualTo(CHAT_PATH)))) {
            try {
                bodies.add(JSON.readTree(request.getBodyAsString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return bodies;
    }

    static String completion(String model, String text) {
        return """
                {"id":"chatcmpl-%s","object":"chat.completion","created":1741570283,"model":%s,
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"cost":0.0012,"credits_remaining":4.9988}}
                """.formatted(model, quote(model), quote(text));
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder serverError(int status) {
        return error(status, "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}");
    }

    static ResponseDefinitionBuilder rateLimited(String header, String value) {
        return error(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")
                .withHeader(header, value);
    }

    static ResponseDefinitionBuilder modelNotFound() {
        return error(404, """
                {"error":{"message":"The model does not exist or you do not have access to it.",
                  "type":"invalid_request_error","code":"model_not_found"}}""");
    }

    static ResponseDefinitionBuilder noChannel() {
        return error(503, """
                {"error":{"message":"No available channels for model under group default (request id: req_1)",
                  "type":"new_api_error"}}""");
    }

    static ResponseDefinitionBuilder contextTooLong() {
        return error(400, """
                {"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
                  "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""");
    }

    static ResponseDefinitionBuilder contentPolicy(int status) {
        return error(status, """
                {"error":{"message":"Your request was rejected as a result of our safety system.",
                  "type":"invalid_request_error","code":"content_policy_violation"}}""");
    }

    static ResponseDefinitionBuilder invalidRequest(int status) {
        return error(status, """
                {"error":{"message":"Invalid value for 'temperature': expected a number between 0 and 2.",
                  "type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""");
    }

    /** A model of the user's own (not an AIsa one) that fails every call with what {@code failure} makes. */
    static ChatModel failingWith(java.util.function.Supplier<RuntimeException> failure) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
                throw failure.get();
            }
        };
    }

    static ChatResponse ask(ChatModel model) {
        return model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());
    }

    static ChatResponse ask(ChatModel model, String prompt) {
        return model.chat(
                ChatRequest.builder().messages(UserMessage.from(prompt)).build());
    }

    static RouteTrace traceOf(ChatResponse response) {
        return ((AisaChatResponseMetadata) response.metadata()).route();
    }

    /** Records each wait instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {

        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
