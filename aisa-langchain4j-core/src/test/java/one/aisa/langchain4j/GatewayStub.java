package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback WireMock server standing in for the gateway, plus what tests need around it: a model builder aimed
 * at it, canned chat-completion bodies, the JSON of the requests it received, and a sleeper that records waits.
 */
final class GatewayStub {

    static final String API_KEY = "sk-aisa-test-0123456789abcdefSECRET";
    static final String CHAT_PATH = "/v1/chat/completions";
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockExtension server;
    final RecordingSleeper sleeper = new RecordingSleeper();

    GatewayStub(WireMockExtension server) {
        this.server = server;
    }

    static WireMockExtension newServer() {
        return WireMockExtension.newInstance()
                .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                        .dynamicPort()
                        .bindAddress("127.0.0.1"))
                .build();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    /** A model aimed at the stub with retries that wait on the recording sleeper, not the clock. */
    AisaChatModel.AisaChatModelBuilder model() {
        return AisaChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .modelName("gpt-4o-mini")
                .sleeper(sleeper)
                .timeout(Duration.ofSeconds(5));
    }

    void respond(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(CHAT_PATH)).willReturn(response));
    }

    void respondJson(String body) {
        respond(okJson(body));
    }

    void respondError(int status, String body) {
        respond(aResponse().withStatus(status).withBody(body));
    }

    /** The JSON bodies of every chat completion request received, in order. */
    List<JsonNode> requests() {
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

    JsonNode lastRequest() {
        List<JsonNode> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the stub received no chat completion request");
        }
        return all.get(all.size() - 1);
    }

    List<LoggedRequest> rawRequests() {
        return server.findAll(postRequestedFor(urlEqualTo(CHAT_PATH)));
    }

    WireMockExtension server() {
        return server;
    }

    /** A chat completion answering {@code text}, with AIsa's cost fields in {@code usage}. */
    static String completion(String text) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"cost":0.0012,"credits_remaining":4.9988}}
                """.formatted(quote(text));
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Records each wait instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {

        final List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
