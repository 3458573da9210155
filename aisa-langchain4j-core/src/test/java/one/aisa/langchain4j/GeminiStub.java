package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The gateway's native Gemini route on a loopback WireMock server, with byte-exact Gemini bodies. */
final class GeminiStub {

    static final String MODEL = "gemini-2.5-flash";
    static final String PATH = "/v1beta/models/" + MODEL + ":generateContent";
    static final String STREAM_PATH = "/v1beta/models/" + MODEL + ":streamGenerateContent";

    private final WireMockExtension server;
    final GatewayStub.RecordingSleeper sleeper = new GatewayStub.RecordingSleeper();

    GeminiStub(WireMockExtension server) {
        this.server = server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/v1beta";
    }

    AisaGeminiChatModel.AisaGeminiChatModelBuilder model() {
        return AisaGeminiChatModel.builder()
                .apiKey(GatewayStub.API_KEY)
                .baseUrl(baseUrl())
                .modelName(MODEL)
                .sleeper(sleeper)
                .timeout(Duration.ofSeconds(5));
    }

    void respond(ResponseDefinitionBuilder response) {
        server.stubFor(
                post(urlPathMatching("/v1(beta)?/models/[^/]+:generateContent")).willReturn(response));
    }

    void respondJson(String body) {
        respond(json(body));
    }

    /** Each response once, in turn (a WireMock scenario), and the last one for every call after. */
    void respondInTurn(ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder stub = post(urlPathMatching("/v1(beta)?/models/[^/]+:generateContent"))
                    .inScenario("gemini answers")
                    .whenScenarioStateIs(state)
                    .willReturn(responses[i]);
            if (i < responses.length - 1) {
                state = "after answer " + (i + 1);
                stub.willSetStateTo(state);
            }
            server.stubFor(stub);
        }
    }

    /** An error status with a body in Google's shape ({@link #googleError}). */
    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("x-request-id", "req_gemini_error")
                .withBody(body);
    }

    /**
     * Google's error body: {@code {"error":{"code","message","status","details"}}}, {@code details} a JSON array
     * such as {@code [{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}.
     */
    static String googleError(int code, String status, String message, String details) {
        return """
                {
                  "error": {
                    "code": %d,
                    "message": %s,
                    "status": "%s",
                    "details": %s
                  }
                }
                """.formatted(code, GatewayStub.quote(message), status, details);
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("x-request-id", "req_gemini_1")
                .withHeader("x-aisa-price-usd", "0.000042")
                .withBody(body);
    }

    List<LoggedRequest> rawRequests() {
        return server.findAll(postRequestedFor(urlPathMatching("/v1(beta)?/models/.*")));
    }

    List<JsonNode> requests() {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : rawRequests()) {
            try {
                bodies.add(GatewayStub.JSON.readTree(request.getBodyAsString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return bodies;
    }

    /** JSON text as a tree, to compare with what was sent. */
    static JsonNode tree(String json) {
        try {
            return GatewayStub.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    JsonNode lastRequest() {
        List<JsonNode> all = requests();
        return all.get(all.size() - 1);
    }

    /** A one-candidate answer with {@code parts} (a JSON array) and {@code finishReason}. */
    static String answer(String parts, String finishReason) {
        return """
                {
                  "candidates": [
                    {
                      "content": {
                        "parts": %s,
                        "role": "model"
                      },
                      "finishReason": "%s",
                      "index": 0,
                      "safetyRatings": [
                        {"category": "HARM_CATEGORY_HATE_SPEECH", "probability": "NEGLIGIBLE"},
                        {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "LOW", "blocked": false}
                      ]
                    }
                  ],
                  "usageMetadata": {
                    "promptTokenCount": 31,
                    "candidatesTokenCount": 9,
                    "totalTokenCount": 58,
                    "cachedContentTokenCount": 4,
                    "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 31}],
                    "thoughtsTokenCount": 18
                  },
                  "modelVersion": "gemini-2.5-flash",
                  "responseId": "mFq3aKa2ApyEz7IPmJ2u6Qo"
                }
                """.formatted(parts, finishReason);
    }

    static String text(String text) {
        return answer("[{\"text\": " + GatewayStub.quote(text) + "}]", "STOP");
    }
}
