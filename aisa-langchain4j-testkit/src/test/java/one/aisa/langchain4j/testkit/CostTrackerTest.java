package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaGatewayClient;
import one.aisa.langchain4j.cost.CostReport;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.cost.ModelCost;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import org.junit.jupiter.api.Test;

/** The cost tracker against the simulator, whose reported costs are the ground truth. */
@AisaSimulatorTest
class CostTrackerTest {

    @Test
    void totals_under_concurrency_equal_the_costs_the_gateway_reported_exactly(AisaSimulator simulator)
            throws Exception {
        CostTracker tracker = new CostTracker();
        List<ChatModel> models = List.of(
                simulator.chatModelBuilder("gpt-4o-mini").listeners(tracker).build(),
                simulator
                        .chatModelBuilder("claude-haiku-4-5")
                        .listeners(tracker)
                        .build(),
                simulator.chatModelBuilder("qwen3-max").listeners(tracker).build());
        BigDecimal before = simulator.credits();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<ChatResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ChatModel model = models.get(i % models.size());
            String prompt = "question number " + i + " " + "x".repeat(i % 37);
            futures.add(pool.submit(() -> model.chat(UserMessage.from(prompt))));
        }
        BigDecimal reported = BigDecimal.ZERO;
        long inputTokens = 0;
        for (Future<ChatResponse> future : futures) {
            ChatResponse response = future.get(30, TimeUnit.SECONDS);
            reported = reported.add(((AisaChatResponseMetadata) response.metadata()).cost());
            inputTokens += response.tokenUsage().inputTokenCount();
        }
        pool.shutdown();

        CostReport report = tracker.snapshot();
        assertThat(report.totalCalls()).isEqualTo(300);
        assertThat(report.totalCost()).isEqualByComparingTo(reported);
        assertThat(report.totalCost()).isEqualByComparingTo(before.subtract(simulator.credits()));
        assertThat(report.totalEstimatedCost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(report.totalInputTokens()).isEqualTo(inputTokens);
        assertThat(report.models()).extracting(ModelCost::calls).containsOnly(100L);
        assertThat(report.models().get(0).model()).isEqualTo("claude-haiku-4-5");
        assertThat(report.creditsRemaining()).isNotNull();
    }

    @Test
    void counts_errors_per_model_and_resets(AisaSimulator simulator) {
        CostTracker tracker = new CostTracker();
        ChatModel model =
                simulator.chatModelBuilder("gpt-4o").listeners(tracker).build();
        simulator.failNext("gpt-4o", 1, SimulatedFault.status(401));

        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(AisaAuthenticationException.class);
        model.chat("hi");

        ModelCost gpt = tracker.snapshot().model("gpt-4o").orElseThrow();
        assertThat(gpt.errors()).isEqualTo(1);
        assertThat(gpt.calls()).isEqualTo(1);
        tracker.reset();
        assertThat(tracker.snapshot().models()).isEmpty();
        assertThat(tracker.creditsRemaining()).isNull();
    }

    @Test
    void reads_the_balance_from_the_gateway(AisaSimulator simulator) {
        CostTracker tracker = new CostTracker();
        simulator.credits(new BigDecimal("3.25"));

        BigDecimal balance = tracker.refreshCredits(AisaGatewayClient.builder()
                .apiKey(AisaSimulator.API_KEY)
                .baseUrl(simulator.baseUrl())
                .build());

        assertThat(balance).isEqualByComparingTo("3.25");
        assertThat(tracker.creditsRemaining()).isEqualByComparingTo("3.25");
    }
}
