package one.aisa.langchain4j.benchmarks.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStrategies;
import org.junit.jupiter.api.Test;

class RouterReplayTest {

    private static final String PROMPT = "x".repeat(400); // 100 input tokens by the router's estimate
    private final AisaModelCatalog catalog = ReplayReport.pairCatalog();

    @Test
    void each_answer_is_scored_with_the_result_and_the_price_of_the_model_that_gave_it() {
        RoutingChatModel alwaysStrong = RoutingChatModel.builder()
                .route("strong", new FixedAnswerChatModel("strong", 500))
                .route("weak", new FixedAnswerChatModel("weak", 500))
                .catalog(catalog)
                .build();
        List<RouterReplay.Case> cases = List.of(
                new RouterReplay.Case(PROMPT, Map.of("strong", 1.0, "weak", 0.0)),
                new RouterReplay.Case(PROMPT, Map.of("strong", 0.0, "weak", 1.0)));

        RouterReplay.Outcome outcome = RouterReplay.replay(alwaysStrong, cases, catalog);

        assertThat(outcome.meanResult()).isEqualTo(0.5);
        assertThat(outcome.share("strong")).isEqualTo(1.0);
        assertThat(outcome.answers()).containsExactly(Map.entry("strong", 2));
        // 2 × ($10 × 100 + $30 × 500) / 1M
        assertThat(outcome.cost()).isEqualByComparingTo(new BigDecimal("0.032"));
    }

    @Test
    void the_tiered_strategy_sends_the_wanted_share_to_the_strong_model() {
        RoutingChatModel tiered = RoutingChatModel.builder()
                .route("strong", new FixedAnswerChatModel("strong", 500))
                .route("weak", new FixedAnswerChatModel("weak", 500))
                .strategy(RoutingStrategies.tiered(List.of("weak"), List.of("strong"), 0.5))
                .catalog(catalog)
                .build();
        List<RouterReplay.Case> cases = EvalData.gsm8k().stream()
                .limit(100)
                .map(item -> new RouterReplay.Case(item.prompt(), Map.of("strong", item.strong(), "weak", item.weak())))
                .toList();

        RouterReplay.Outcome outcome = RouterReplay.replay(tiered, cases, catalog);

        assertThat(outcome.calls()).isEqualTo(100);
        assertThat(outcome.share("strong")).isBetween(0.4, 0.6);
    }

    @Test
    void a_model_without_a_recorded_result_fails_the_replay() {
        RoutingChatModel router = RoutingChatModel.builder()
                .route("weak", new FixedAnswerChatModel("weak", 500))
                .catalog(catalog)
                .build();

        assertThatThrownBy(() -> RouterReplay.replay(
                        router, List.of(new RouterReplay.Case(PROMPT, Map.of("strong", 1.0))), catalog))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no recorded result of 'weak'");
    }
}
