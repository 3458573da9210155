package one.aisa.langchain4j.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Optional;
import one.aisa.langchain4j.LogCapture;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.catalog.QualityIndex;
import org.junit.jupiter.api.Test;

/**
 * {@link QualityAwareStrategy}'s choice among built-in catalog models: its edge targets, models without a quality
 * index, and requests that need capabilities. End to end through a router: {@link StrategiesTest}.
 */
class QualityAwareStrategyTest {

    private static final AisaModelCatalog CATALOG = AisaModelCatalog.builtIn();
    private static final ChatRequest EASY = text("Hi! What's the capital of France?");
    private static final ChatRequest HARD = text("Statement 1 | Every group of order 4 is cyclic. Statement 2 | Every"
            + " cyclic group is abelian. Statement 3 | Every abelian group of order 8 is cyclic.\nA. True, True,"
            + " False\nB. False, True, False\nC. True, False, True\nD. False, False, False\nAnswer:");

    /** Sonnet is the best (index 91), qwen-mt-flash the cheapest (no index), gpt-4o-mini cheap with 63.6. */
    private static final List<String> CHAIN = List.of(
            "claude-sonnet-4-5", "gemini-2.5-pro", "gpt-4.1-mini", "deepseek-v3.1", "gpt-4o-mini", "qwen-mt-flash");

    @Test
    void a_target_of_one_sends_everything_to_the_best_model() {
        QualityAwareStrategy strategy = RoutingStrategies.qualityAware(1.0);

        assertThat(first(strategy, EASY)).isEqualTo("claude-sonnet-4-5");
        assertThat(first(strategy, HARD)).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void a_target_of_zero_sends_everything_to_the_cheapest_capable_model() {
        QualityAwareStrategy strategy = RoutingStrategies.qualityAware(0);

        assertThat(first(strategy, EASY)).isEqualTo("qwen-mt-flash");
        assertThat(first(strategy, HARD)).isEqualTo("qwen-mt-flash");
    }

    @Test
    void harder_requests_and_higher_targets_get_better_models_and_cheaper_ones_follow_best_first() {
        QualityAwareStrategy lenient = RoutingStrategies.qualityAware(0.8);
        QualityAwareStrategy strict = RoutingStrategies.qualityAware(0.95);

        double easyIndex = indexOf(first(lenient, EASY));
        assertThat(indexOf(first(lenient, HARD))).isGreaterThanOrEqualTo(easyIndex);
        assertThat(indexOf(first(strict, EASY))).isGreaterThanOrEqualTo(easyIndex);
        assertThat(first(lenient, EASY)).isNotEqualTo("claude-sonnet-4-5"); // something cheaper reaches 80 %

        List<String> order = order(strict, HARD);
        assertThat(order).containsExactlyInAnyOrderElementsOf(CHAIN);
        List<String> fallingShort = order.subList(order.indexOf(order.get(0)) + 1, order.size());
        List<Double> indexes =
                fallingShort.stream().map(QualityAwareStrategyTest::indexOf).toList();
        assertThat(indexes).isSortedAccordingTo((a, b) -> Double.compare(b, a)); // best expected first
    }

    @Test
    void the_expected_share_follows_the_gap_and_the_difficulty() {
        QualityAwareStrategy strategy = RoutingStrategies.qualityAware(0.9);
        DifficultyModel model = DifficultyModel.builtIn();

        assertThat(strategy.expectedShare(90, 90, 3)).isEqualTo(1.0);
        // the training pair's gap on an average request: the training pair's shortfall
        assertThat(strategy.expectedShare(62.4, 39.4, 1)).isCloseTo(1 - model.referenceShortfall(), within(1e-9));
        assertThat(strategy.expectedShare(62.4, 39.4, 2)).isLessThan(strategy.expectedShare(62.4, 39.4, 1));
        assertThat(strategy.expectedShare(100, 0, 50)).isZero();
    }

    @Test
    void a_model_without_a_quality_index_is_never_assumed_good() {
        ModelInfo unknownButPricey = new ModelInfo(
                "mystery-large",
                "x",
                "x",
                java.util.Set.of(),
                200_000,
                new java.math.BigDecimal("0.01"),
                new java.math.BigDecimal("0.01"),
                null);
        List<RouteCandidate> candidates = List.of(
                candidate(CATALOG.require("claude-sonnet-4-5")),
                candidate(unknownButPricey),
                new RouteCandidate("not-in-catalog", Optional.empty(), Double.NaN, 0));

        List<String> order = labels(RoutingStrategies.qualityAware(0.5).order(EASY, features(EASY), candidates));

        assertThat(order).containsExactly("claude-sonnet-4-5", "mystery-large", "not-in-catalog");
    }

    @Test
    void without_any_quality_index_the_chain_order_is_kept_and_said_once() {
        ModelInfo a = CATALOG.require("gpt-4o").withQuality(null);
        ModelInfo b = CATALOG.require("gpt-4o-mini").withQuality(null);
        List<RouteCandidate> candidates = List.of(candidate(a), candidate(b));

        try (LogCapture log = new LogCapture(QualityAwareStrategy.class.getName())) {
            assertThat(labels(RoutingStrategies.qualityAware(0.9).order(EASY, features(EASY), candidates)))
                    .containsExactly("gpt-4o", "gpt-4o-mini");
            RoutingStrategies.qualityAware(0.9).order(EASY, features(EASY), candidates);
            assertThat(log.messages())
                    .filteredOn(line -> line.contains("quality index"))
                    .hasSize(1);
        }
    }

    @Test
    void models_that_cannot_take_the_request_are_left_out() {
        ChatRequest image = ChatRequest.builder()
                .messages(
                        UserMessage.from(TextContent.from("What is this?"), ImageContent.from("https://x.test/a.png")))
                .build();

        List<String> order = order(RoutingStrategies.qualityAware(0), image);

        assertThat(order)
                .doesNotContain("deepseek-v3.1", "qwen-mt-flash")
                .first()
                .isEqualTo("gpt-4o-mini");
    }

    @Test
    void a_target_outside_0_to_1_is_refused() {
        assertThatThrownBy(() -> RoutingStrategies.qualityAware(1.2)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> RoutingStrategies.qualityAware(Double.NaN)).hasMessageContaining("between 0 and 1");
    }

    // ---------------------------------------------------------------- helpers

    private static String first(QualityAwareStrategy strategy, ChatRequest request) {
        return order(strategy, request).get(0);
    }

    private static List<String> order(QualityAwareStrategy strategy, ChatRequest request) {
        List<RouteCandidate> candidates =
                CHAIN.stream().map(id -> candidate(CATALOG.require(id))).toList();
        return labels(strategy.order(request, features(request), candidates));
    }

    private static RouteCandidate candidate(ModelInfo info) {
        return new RouteCandidate(info.id(), Optional.of(info), Double.NaN, 0);
    }

    private static List<String> labels(List<RouteCandidate> candidates) {
        return candidates.stream().map(RouteCandidate::label).toList();
    }

    private static double indexOf(String id) {
        QualityIndex quality = CATALOG.require(id).quality();
        return quality == null ? 0 : quality.value();
    }

    private static RequestFeatures features(ChatRequest request) {
        return RequestFeatures.of(request);
    }

    private static ChatRequest text(String prompt) {
        return ChatRequest.builder().messages(UserMessage.from(prompt)).build();
    }
}
