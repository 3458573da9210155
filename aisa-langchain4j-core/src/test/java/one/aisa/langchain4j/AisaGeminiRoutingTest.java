package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.RouteTrace.Outcome;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gemini-native models wherever a model goes: in mixed router chains and in a comparison. */
class AisaGeminiRoutingTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub openAi = new GatewayStub(server);
    private final GeminiStub gemini = new GeminiStub(server);

    @Test
    void a_router_falls_back_from_the_openai_route_to_a_native_gemini_model_and_keeps_its_metadata() {
        openAi.respondError(503, "{\"error\":{\"message\":\"no channel\",\"type\":\"upstream_error\"}}");
        gemini.respondJson(GeminiStub.text("Paris."));

        ChatModel router = RoutingChatModel.builder()
                .models(openAi.model().build(), gemini.model().build())
                .build();
        ChatResponse response = router.chat(ChatRequest.builder()
                .messages(UserMessage.from("Capital of France?"))
                .build());

        assertThat(response.aiMessage().text()).isEqualTo("Paris.");
        AisaGeminiChatResponseMetadata metadata = (AisaGeminiChatResponseMetadata) response.metadata();
        assertThat(metadata.route().answeredBy()).isEqualTo(GeminiStub.MODEL);
        assertThat(metadata.route().attempts())
                .extracting(RouteTrace.Attempt::model, RouteTrace.Attempt::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("gpt-4o-mini", Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple(GeminiStub.MODEL, Outcome.ANSWERED));
        assertThat(metadata.cost()).isEqualByComparingTo(new BigDecimal("0.000042"));
        assertThat(metadata.safetyRatings()).hasSize(2);
        // the router owns retries: the Gemini model was asked once, the failing one once
        assertThat(gemini.rawRequests()).hasSize(1);
        assertThat(openAi.rawRequests()).hasSize(1);
    }

    @Test
    void a_streaming_router_falls_back_to_a_native_gemini_stream() throws Exception {
        server.stubFor(post(urlPathEqualTo(GatewayStub.CHAT_PATH))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"no channel\"}}")));
        server.stubFor(post(urlPathEqualTo(GeminiStub.STREAM_PATH))
                .willReturn(AisaGeminiStreamingChatModelTest.sse(
                        AisaGeminiStreamingChatModelTest.textEvent("Paris.", 2, "STOP"))));

        RoutingStreamingChatModel router = RoutingStreamingChatModel.builder()
                .models(
                        AisaStreamingChatModel.builder()
                                .apiKey(GatewayStub.API_KEY)
                                .baseUrl(openAi.baseUrl())
                                .modelName("gpt-4o-mini")
                                .sleeper(openAi.sleeper)
                                .build(),
                        AisaGeminiStreamingChatModel.builder()
                                .apiKey(GatewayStub.API_KEY)
                                .baseUrl(gemini.baseUrl())
                                .modelName(GeminiStub.MODEL)
                                .sleeper(gemini.sleeper)
                                .build())
                .build();
        RecordingStreamingHandler handler = new RecordingStreamingHandler();
        router.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), handler);
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks()).containsExactly("partial:Paris.", "complete:Paris.");
        assertThat(((AisaChatResponseMetadata) response.metadata()).route().answeredBy())
                .isEqualTo(GeminiStub.MODEL);
        assertThat(openAi.sleeper.waits).isEmpty();
        assertThat(gemini.sleeper.waits).isEmpty();
    }

    @Test
    void a_comparison_runs_a_native_gemini_model_beside_an_openai_route_one() {
        openAi.respondJson(GatewayStub.completion("Berlin"));
        gemini.respondJson(GeminiStub.text("Berlin."));

        Map<String, ChatModel> models = new LinkedHashMap<>();
        models.put("gpt-4o-mini", openAi.model().build());
        models.put("gemini-native", gemini.model().build());
        List<ModelComparison.Result> results = ModelComparison.of(models).compare("Capital of Germany?");

        assertThat(results).extracting(ModelComparison.Result::label).containsExactly("gpt-4o-mini", "gemini-native");
        assertThat(results).allMatch(ModelComparison.Result::succeeded);
        assertThat(results.get(1).text()).isEqualTo("Berlin.");
        assertThat(results.get(1).cost()).isEqualByComparingTo(new BigDecimal("0.000042"));
    }
}
