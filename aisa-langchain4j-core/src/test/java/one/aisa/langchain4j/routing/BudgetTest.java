package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static one.aisa.langchain4j.routing.RoutingStubs.traceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.LogCapture;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Budget}s kept by real routers over real {@code AisaChatModel}s on a local gateway stub whose answers report
 * {@code usage.cost}; the budget window runs on a {@link TestClock}.
 */
class BudgetTest {

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private static final String GPT_4O = "gpt-4o";
    private static final String GPT_4O_MINI = "gpt-4o-mini";
    private static final String HAIKU = "claude-haiku-4-5";
    private static final String QWEN_MT_FLASH = "qwen-mt-flash";
    private static final BigDecimal ONE_CENT = new BigDecimal("0.01");

    private final RoutingStubs stubs = new RoutingStubs(server);
    private final TestClock clock = new TestClock();

    // ---------------------------------------------------------------- helpers

    private static String completion(String model, String usage) {
        return """
                {"id":"chatcmpl-%s","object":"chat.completion","created":1741570283,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"answer from %s"},"finish_reason":"stop"}],
                 "usage":%s}
                """.formatted(model, model, model, usage);
    }

    private static ResponseDefinitionBuilder costing(String model, String cost) {
        return okJson(completion(
                model, "{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11,\"cost\":" + cost + "}"));
    }

    /** Every model answers, each call reported as costing 0.004 USD. */
    private void costFourTenthsOfACent(String... models) {
        for (String model : models) {
            stubs.responds(model, costing(model, "0.004"));
        }
    }

    private RoutingChatModel router(Budget budget, String... models) {
        List<ChatModel> chain = new ArrayList<>();
        for (String model : models) {
            chain.add(stubs.model(model));
        }
        return RoutingChatModel.builder()
                .models(chain)
                .budget(budget)
                .clock(clock)
                .sleeper(stubs.routerSleeper)
                .build();
    }

    private static Budget.Builder centPerHour(Budget.Action action) {
        return Budget.builder().limit(ONE_CENT).window(Duration.ofHours(1)).action(action);
    }

    private static ChatRequest text(String prompt) {
        return ChatRequest.builder().messages(UserMessage.from(prompt)).build();
    }

    private static ChatRequest image() {
        return ChatRequest.builder()
                .messages(UserMessage.from(
                        TextContent.from("What is in this picture?"), ImageContent.from("https://example.com/cat.png")))
                .build();
    }

    private static String answeredBy(ChatResponse response) {
        return traceOf(response).answeredBy();
    }

    // ---------------------------------------------------------------- window limit, FAIL

    @Test
    void the_third_call_crosses_the_limit_and_the_next_fails_without_a_request() {
        costFourTenthsOfACent(GPT_4O_MINI);
        Budget budget = centPerHour(Budget.Action.FAIL).build();
        RoutingChatModel router = router(budget, GPT_4O_MINI);

        for (int i = 0; i < 3; i++) { // 0.004, 0.008 are under the limit; the third call makes it 0.012
            ChatResponse response = router.chat(text("hi"));
            assertThat(((AisaChatResponseMetadata) response.metadata()).cost()).isEqualByComparingTo("0.004");
        }
        assertThat(stubs.requests(GPT_4O_MINI)).isEqualTo(3);

        BudgetExceededException refused =
                catchThrowableOfType(BudgetExceededException.class, () -> router.chat(text("hi")));

        assertThat(refused).isInstanceOf(NonRetriableException.class);
        assertThat(refused.spent()).isEqualByComparingTo("0.012");
        assertThat(refused.budget()).isSameAs(budget);
        assertThat(refused.getMessage())
                .contains("0.012 USD spent of 0.01 USD per PT1H")
                .contains("Raise the budget")
                .contains("Budget.Action.DOWNGRADE");
        assertThat(stubs.allRequests()).isEqualTo(3);
    }

    @Test
    void calls_are_allowed_again_once_the_spend_leaves_the_window() {
        costFourTenthsOfACent(GPT_4O_MINI);
        RoutingChatModel router = router(centPerHour(Budget.Action.FAIL).build(), GPT_4O_MINI);
        for (int i = 0; i < 3; i++) {
            router.chat(text("hi"));
        }

        clock.advance(Duration.ofMinutes(59));
        assertThatThrownBy(() -> router.chat(text("hi"))).isInstanceOf(BudgetExceededException.class);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(answeredBy(router.chat(text("hi")))).isEqualTo(GPT_4O_MINI);
        assertThat(stubs.requests(GPT_4O_MINI)).isEqualTo(4);
    }

    @Test
    void the_window_slides_spend_by_spend() {
        costFourTenthsOfACent(GPT_4O_MINI);
        RoutingChatModel router = router(centPerHour(Budget.Action.FAIL).build(), GPT_4O_MINI);
        router.chat(text("hi")); // 12:00
        clock.advance(Duration.ofMinutes(30));
        router.chat(text("hi")); // 12:30
        clock.advance(Duration.ofMinutes(10));
        router.chat(text("hi")); // 12:40: 0.012 in the window
        assertThatThrownBy(() -> router.chat(text("hi"))).isInstanceOf(BudgetExceededException.class);

        clock.advance(Duration.ofMinutes(21)); // 13:01: the 12:00 call left the window, 0.008 remain
        router.chat(text("hi")); // 0.012 again

        BudgetExceededException refused =
                catchThrowableOfType(BudgetExceededException.class, () -> router.chat(text("hi")));
        assertThat(refused.spent()).isEqualByComparingTo("0.012");
        assertThat(stubs.requests(GPT_4O_MINI)).isEqualTo(4);
    }

    @Test
    void a_limit_of_zero_refuses_the_first_call() {
        costFourTenthsOfACent(GPT_4O_MINI);
        RoutingChatModel router = router(
                Budget.builder()
                        .limit(BigDecimal.ZERO)
                        .action(Budget.Action.FAIL)
                        .build(),
                GPT_4O_MINI);

        BudgetExceededException refused =
                catchThrowableOfType(BudgetExceededException.class, () -> router.chat(text("hi")));

        assertThat(refused.spent()).isEqualByComparingTo("0");
        assertThat(stubs.allRequests()).isZero();
    }

    // ---------------------------------------------------------------- window limit, DOWNGRADE

    @Test
    void a_spent_budget_downgrades_to_the_cheapest_capable_model() {
        costFourTenthsOfACent(GPT_4O, HAIKU, QWEN_MT_FLASH, GPT_4O_MINI);
        RoutingChatModel router =
                router(centPerHour(Budget.Action.DOWNGRADE).build(), GPT_4O, HAIKU, QWEN_MT_FLASH, GPT_4O_MINI);

        for (int i = 0; i < 3; i++) {
            assertThat(answeredBy(router.chat(text("hi")))).isEqualTo(GPT_4O);
        }

        ChatResponse downgraded = router.chat(text("hi"));
        assertThat(answeredBy(downgraded)).isEqualTo(QWEN_MT_FLASH);
        assertThat(traceOf(downgraded).attempts()).hasSize(1);
        // cheapest CAPABLE: qwen-mt-flash cannot see images
        assertThat(answeredBy(router.chat(image()))).isEqualTo(GPT_4O_MINI);
        assertThat(stubs.requests(GPT_4O)).isEqualTo(3);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(answeredBy(router.chat(text("hi")))).isEqualTo(GPT_4O);
    }

    // ---------------------------------------------------------------- per-call limit

    @Test
    void models_estimated_above_the_per_call_limit_are_skipped() {
        costFourTenthsOfACent(GPT_4O, GPT_4O_MINI);
        Budget budget = Budget.builder()
                .limit(BigDecimal.TEN)
                .perCallLimit(new BigDecimal("0.005"))
                .build();
        RoutingChatModel router = router(budget, GPT_4O, GPT_4O_MINI);
        // "hi" is about 1 prompt token; with no cap, 1,000 output tokens are expected
        AisaModelCatalog catalog = AisaModelCatalog.builtIn();
        assertThat(catalog.require(GPT_4O).priceOf(1, 1_000)).isEqualByComparingTo("0.0100025");
        assertThat(catalog.require(GPT_4O_MINI).priceOf(1, 1_000)).isEqualByComparingTo("0.00060015");

        ChatResponse response = router.chat(text("hi"));

        assertThat(answeredBy(response)).isEqualTo(GPT_4O_MINI);
        assertThat(traceOf(response).attempts()).hasSize(1);
        assertThat(stubs.requests(GPT_4O)).isZero();

        // with 200 output tokens gpt-4o is estimated at 0.0020025: within the limit, the primary answers
        ChatResponse capped = router.chat(ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .maxOutputTokens(200)
                .build());
        assertThat(answeredBy(capped)).isEqualTo(GPT_4O);
    }

    @Test
    void with_fail_a_call_no_model_fits_under_the_per_call_limit_is_refused_without_a_request() {
        costFourTenthsOfACent(GPT_4O, GPT_4O_MINI);
        Budget budget = Budget.builder()
                .limit(BigDecimal.TEN)
                .perCallLimit(new BigDecimal("0.0001"))
                .action(Budget.Action.FAIL)
                .build();
        RoutingChatModel router = router(budget, GPT_4O, GPT_4O_MINI);

        BudgetExceededException refused =
                catchThrowableOfType(BudgetExceededException.class, () -> router.chat(text("hi")));

        assertThat(refused.getMessage())
                .contains("every capable model is estimated above the per-call limit of 0.0001 USD")
                .contains("Raise the budget");
        assertThat(refused.spent()).isEqualByComparingTo("0");
        assertThat(stubs.allRequests()).isZero();
    }

    @Test
    void with_downgrade_a_call_no_model_fits_under_the_per_call_limit_goes_to_the_cheapest_one() {
        costFourTenthsOfACent(GPT_4O, HAIKU, GPT_4O_MINI);
        Budget budget = Budget.builder()
                .limit(BigDecimal.TEN)
                .perCallLimit(new BigDecimal("0.0001"))
                .build();
        RoutingChatModel router = router(budget, GPT_4O, HAIKU, GPT_4O_MINI);

        ChatResponse response = router.chat(text("hi"));

        assertThat(answeredBy(response)).isEqualTo(GPT_4O_MINI);
        assertThat(stubs.allRequests()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- cost without usage.cost

    @Test
    void an_answer_without_a_cost_is_budgeted_from_the_catalog_price() {
        // gpt-4o: 1,000 input tokens at 2.50 per 1M plus 500 output tokens at 10.00 per 1M = 0.0075 USD
        stubs.responds(
                GPT_4O,
                okJson(completion(GPT_4O, "{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500}")));
        RoutingChatModel router = router(centPerHour(Budget.Action.FAIL).build(), GPT_4O);

        ChatResponse first = router.chat(text("hi"));
        assertThat(((AisaChatResponseMetadata) first.metadata()).cost()).isNull();
        router.chat(text("hi")); // 0.0075 is under the limit

        BudgetExceededException refused =
                catchThrowableOfType(BudgetExceededException.class, () -> router.chat(text("hi")));
        assertThat(refused.spent()).isEqualByComparingTo("0.015");
        assertThat(stubs.requests(GPT_4O)).isEqualTo(2);
    }

    @Test
    void the_reported_cost_wins_over_the_catalog_estimate() {
        // the tokens would be priced at 0.0075, the gateway says 0.001
        stubs.responds(
                GPT_4O,
                okJson(completion(
                        GPT_4O,
                        "{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500,\"cost\":0.001}")));
        RoutingChatModel router = router(centPerHour(Budget.Action.FAIL).build(), GPT_4O);

        for (int i = 0; i < 9; i++) {
            router.chat(text("hi"));
        }
        assertThat(stubs.requests(GPT_4O)).isEqualTo(9);
        router.chat(text("hi")); // the 10th makes it 0.010

        BudgetExceededException refused =
                catchThrowableOfType(BudgetExceededException.class, () -> router.chat(text("hi")));
        assertThat(refused.spent()).isEqualByComparingTo("0.010");
    }

    // ---------------------------------------------------------------- low credits

    @Test
    void low_credits_are_warned_about_once() {
        String usage = "{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11,\"cost\":0.001,"
                + "\"credits_remaining\":%s}";
        stubs.respondsInTurn(
                GPT_4O_MINI,
                okJson(completion(GPT_4O_MINI, usage.formatted("5.25"))),
                okJson(completion(GPT_4O_MINI, usage.formatted("0.75"))),
                okJson(completion(GPT_4O_MINI, usage.formatted("0.5"))),
                okJson(completion(GPT_4O_MINI, usage.formatted("0.25"))));
        RoutingChatModel router = router(
                Budget.builder()
                        .limit(BigDecimal.TEN)
                        .lowCreditsWarning(BigDecimal.ONE)
                        .build(),
                GPT_4O_MINI);

        try (LogCapture log = new LogCapture(BudgetGuard.class.getName())) {
            router.chat(text("hi"));
            assertThat(log.messages()).isEmpty();

            for (int i = 0; i < 3; i++) {
                router.chat(text("hi"));
            }

            assertThat(log.messages())
                    .containsExactly("WARN AIsa credits are low: 0.75 USD left, below the warning threshold of 1 USD."
                            + " Top up at aisa.one.");
        }
        assertThat(stubs.requests(GPT_4O_MINI)).isEqualTo(4);
    }

    @Test
    void without_a_threshold_low_credits_are_not_warned_about() {
        stubs.responds(
                GPT_4O_MINI,
                okJson(
                        completion(
                                GPT_4O_MINI,
                                "{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11,\"credits_remaining\":0.01}")));
        RoutingChatModel router = router(Budget.builder().limit(BigDecimal.TEN).build(), GPT_4O_MINI);

        try (LogCapture log = new LogCapture(BudgetGuard.class.getName())) {
            router.chat(text("hi"));
            assertThat(log.messages()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- builder

    @Test
    void the_builder_validates_with_messages_that_say_what_to_fix() {
        assertThatThrownBy(() -> Budget.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("limit: set the spend limit in USD");
        assertThatThrownBy(() -> Budget.builder().limit(new BigDecimal("-0.01")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must not be negative, was -0.01");
        assertThatThrownBy(() ->
                        Budget.builder().limit(ONE_CENT).window(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be positive, was PT0S");
        assertThatThrownBy(() -> Budget.builder()
                        .limit(ONE_CENT)
                        .window(Duration.ofHours(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be positive, was PT-1H");
        assertThatThrownBy(() -> Budget.builder().limit(ONE_CENT).window(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("window");
        assertThatThrownBy(() -> Budget.builder()
                        .limit(ONE_CENT)
                        .perCallLimit(BigDecimal.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perCallLimit must be positive, was 0");
        assertThatThrownBy(() -> Budget.builder().limit(ONE_CENT).action(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("action");
    }

    @Test
    void the_builder_defaults_to_a_day_and_downgrading() {
        Budget budget = Budget.builder().limit(ONE_CENT).build();

        assertThat(budget.window()).isEqualTo(Duration.ofDays(1));
        assertThat(budget.action()).isEqualTo(Budget.Action.DOWNGRADE);
        assertThat(budget.perCallLimit()).isNull();
        assertThat(budget.lowCreditsWarning()).isNull();
        assertThat(budget).hasToString("Budget{0.01 USD per PT24H, DOWNGRADE}");
        assertThat(centPerHour(Budget.Action.FAIL)
                        .perCallLimit(new BigDecimal("0.002"))
                        .build())
                .hasToString("Budget{0.01 USD per PT1H, 0.002 per call, FAIL}");
    }

    // ---------------------------------------------------------------- streaming

    private static String sseCosting(String model, String cost) {
        String head = "data: {\"id\":\"chatcmpl-" + model + "\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"" + model + "\",";
        return head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n"
                + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n"
                + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4,"
                + "\"cost\":" + cost + "}}\n\n"
                + "data: [DONE]\n\n";
    }

    /** Records the outcome of one streaming call. */
    private static final class Outcome implements StreamingChatResponseHandler {

        final CompletableFuture<ChatResponse> response = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {}

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            response.complete(completeResponse);
        }

        @Override
        public void onError(Throwable failure) {
            error.complete(failure);
            response.completeExceptionally(failure);
        }
    }

    @Test
    void the_streaming_router_reports_a_spent_budget_to_on_error() throws Exception {
        stubs.responds(
                GPT_4O_MINI,
                aResponse().withHeader("Content-Type", "text/event-stream").withBody(sseCosting(GPT_4O_MINI, "0.004")));
        StreamingChatModel model = stubs.streamingModel(GPT_4O_MINI).build();
        RoutingStreamingChatModel router = RoutingStreamingChatModel.builder()
                .models(model)
                .budget(centPerHour(Budget.Action.FAIL).build())
                .clock(clock)
                .sleeper(stubs.routerSleeper)
                .build();
        for (int i = 0; i < 3; i++) {
            Outcome outcome = new Outcome();
            router.chat(text("hi"), outcome);
            ChatResponse response = outcome.response.get(10, TimeUnit.SECONDS);
            assertThat(response.aiMessage().text()).isEqualTo("Hi");
            assertThat(((AisaChatResponseMetadata) response.metadata()).cost()).isEqualByComparingTo("0.004");
        }

        Outcome refused = new Outcome();
        assertThatCode(() -> router.chat(text("hi"), refused)).doesNotThrowAnyException();

        // delivered on the calling thread, before chat(...) returned
        assertThat(refused.error).isDone();
        Throwable failure = refused.error.get();
        assertThat(failure).isInstanceOf(BudgetExceededException.class);
        assertThat(((BudgetExceededException) failure).spent()).isEqualByComparingTo("0.012");
        assertThat(stubs.allRequests()).isEqualTo(3);
    }

    @Test
    void the_streaming_router_reports_a_per_call_refusal_to_on_error() throws Exception {
        RoutingStreamingChatModel router = RoutingStreamingChatModel.builder()
                .models(stubs.streamingModel(GPT_4O).build())
                .budget(Budget.builder()
                        .limit(BigDecimal.TEN)
                        .perCallLimit(new BigDecimal("0.001"))
                        .action(Budget.Action.FAIL)
                        .build())
                .clock(clock)
                .build();

        Outcome refused = new Outcome();
        assertThatCode(() -> router.chat(text("hi"), refused)).doesNotThrowAnyException();

        assertThat(refused.error).isDone();
        assertThat(refused.error.get())
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("per-call limit of 0.001 USD");
        assertThat(stubs.allRequests()).isZero();
    }

    @Test
    void routers_given_the_same_budget_spend_from_one_purse_and_a_second_budget_is_a_second_purse() throws Exception {
        costFourTenthsOfACent(GPT_4O_MINI);
        Budget shared = centPerHour(Budget.Action.FAIL).build();
        RoutingChatModel blocking = router(shared, GPT_4O_MINI);
        RoutingChatModel separate = router(centPerHour(Budget.Action.FAIL).build(), GPT_4O_MINI);
        server.stubFor(post("/v1/chat/completions")
                .withRequestBody(containing("\"stream\":true"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(sseCosting(GPT_4O_MINI, "0.004"))));
        RoutingStreamingChatModel streaming = RoutingStreamingChatModel.builder()
                .models(stubs.streamingModel(GPT_4O_MINI).build())
                .budget(shared)
                .clock(clock)
                .sleeper(stubs.routerSleeper)
                .build();

        blocking.chat(text("hi"));
        blocking.chat(text("hi"));
        Outcome third = new Outcome(); // 0.012 in all: the shared purse is spent
        streaming.chat(text("hi"), third);
        third.response.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> blocking.chat(text("hi"))).isInstanceOf(BudgetExceededException.class);
        Outcome refused = new Outcome();
        streaming.chat(text("hi"), refused);
        assertThat(refused.error.get(10, TimeUnit.SECONDS)).isInstanceOf(BudgetExceededException.class);
        assertThat(answeredBy(separate.chat(text("hi")))).isEqualTo(GPT_4O_MINI);
        assertThat(shared.spentInWindow(clock.instant())).isEqualByComparingTo("0.012");
        assertThat(shared.spentInWindow(clock.instant().plus(Duration.ofHours(2))))
                .isZero();
    }
}
