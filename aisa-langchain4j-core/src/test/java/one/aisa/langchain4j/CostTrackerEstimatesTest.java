package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.cost.ModelCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When the gateway reports no cost, the tracker estimates from the catalog, and says so; unknown models are unpriced. */
class CostTrackerEstimatesTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    private static String withoutCost(String model) {
        return """
                {"id":"c","object":"chat.completion","created":1,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500}}
                """.formatted(model);
    }

    @Test
    void a_missing_cost_is_estimated_from_the_catalog_and_marked() {
        CostTracker tracker = new CostTracker();
        gateway.respondJson(withoutCost("gpt-4o-mini-2024-07-18"));

        gateway.model().listeners(tracker).build().chat("hi");

        ModelCost cost = tracker.snapshot().model("gpt-4o-mini-2024-07-18").orElseThrow();
        assertThat(cost.cost()).isEqualByComparingTo("0.00045");
        assertThat(cost.estimatedCost()).isEqualByComparingTo("0.00045");
        assertThat(cost.includesEstimates()).isTrue();
        assertThat(cost.unpricedCalls()).isZero();
    }

    @Test
    void a_reported_cost_wins_over_the_estimate() {
        CostTracker tracker = new CostTracker();
        gateway.respondJson(GatewayStub.completion("ok"));

        gateway.model().listeners(tracker).build().chat("hi");

        ModelCost cost = tracker.snapshot().models().get(0);
        assertThat(cost.cost()).isEqualByComparingTo("0.0012");
        assertThat(cost.estimatedCost()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void an_unknown_model_without_cost_is_counted_as_unpriced_not_as_free() {
        CostTracker tracker = new CostTracker();
        gateway.respondJson(withoutCost("brand-new-model"));

        gateway.model().modelName("brand-new-model").listeners(tracker).build().chat("hi");

        ModelCost cost = tracker.snapshot().model("brand-new-model").orElseThrow();
        assertThat(cost.unpricedCalls()).isEqualTo(1);
        assertThat(cost.calls()).isEqualTo(1);
        assertThat(cost.inputTokens()).isEqualTo(1000);
        assertThat(tracker.canEstimate("brand-new-model")).isFalse();
    }

    @Test
    void a_native_gemini_answer_without_a_reported_cost_is_estimated_and_marked_never_zero() {
        CostTracker tracker = new CostTracker();
        new GeminiStub(server)
                .respond(com.github.tomakehurst.wiremock.client.WireMock.okJson(GeminiStub.text("Paris.")));

        ChatResponse response = new GeminiStub(server)
                .model()
                .listeners(tracker)
                .build()
                .chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from("Capital of France?"))
                        .build());

        assertThat(((AisaChatResponseMetadata) response.metadata()).cost()).isNull();
        ModelCost cost = tracker.snapshot().model("gemini-2.5-flash").orElseThrow();
        assertThat(cost.estimatedCost()).isPositive();
        assertThat(cost.cost()).isEqualByComparingTo(cost.estimatedCost());
        assertThat(cost.includesEstimates()).isTrue();
        // thoughts are billed output: 9 candidates + 18 thoughts tokens
        assertThat(cost.outputTokens()).isEqualTo(27);
    }
}
