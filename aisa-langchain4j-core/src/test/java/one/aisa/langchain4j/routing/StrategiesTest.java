package one.aisa.langchain4j.routing;

import static one.aisa.langchain4j.RouteTrace.Outcome.ANSWERED;
import static one.aisa.langchain4j.RouteTrace.Outcome.FAILED;
import static one.aisa.langchain4j.routing.RoutingStubs.serverError;
import static one.aisa.langchain4j.routing.RoutingStubs.traceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import one.aisa.langchain4j.LogCapture;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in {@link RoutingStrategies}, each through a real {@link RoutingChatModel} over real
 * {@code AisaChatModel}s named after catalog models, on a local gateway stub: which model answered, which were
 * called, in which order. The classifier on its own: {@link TaskClassifierTest}.
 */
class StrategiesTest {

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private static final String GPT_4O_MINI = "gpt-4o-mini";
    private static final String GPT_4O = "gpt-4o";
    private static final String HAIKU = "claude-haiku-4-5";
    private static final String SONNET = "claude-sonnet-4-5";
    private static final String GEMINI_FLASH = "gemini-2.5-flash";
    private static final String QWEN3_MAX = "qwen3-max";
    private static final String DEEPSEEK_V3 = "deepseek-v3.1";
    private static final String DEEPSEEK_R1 = "deepseek-r1";
    private static final String QWEN_MT_FLASH = "qwen-mt-flash";

    /** Every model, most expensive first: the chain order is never the price order. */
    private static final List<String> ALL_BY_DESCENDING_PRICE = List.of(
            SONNET, GPT_4O, DEEPSEEK_R1, HAIKU, QWEN3_MAX, GEMINI_FLASH, DEEPSEEK_V3, GPT_4O_MINI, QWEN_MT_FLASH);

    private static final AisaModelCatalog CATALOG = AisaModelCatalog.builtIn();

    private final RoutingStubs stubs = new RoutingStubs(server);
    private final TestClock clock = new TestClock();

    // ---------------------------------------------------------------- helpers

    private RoutingChatModel router(RoutingStrategy strategy, List<String> models) {
        List<ChatModel> chain = new ArrayList<>();
        for (String name : models) {
            stubs.answers(name);
            chain.add(stubs.model(name));
        }
        return RoutingChatModel.builder()
                .models(chain)
                .strategy(strategy)
                .clock(clock)
                .sleeper(stubs.routerSleeper)
                .build();
    }

    private RoutingChatModel router(RoutingStrategy strategy, String... models) {
        return router(strategy, List.of(models));
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

    private static final ToolSpecification WEATHER_TOOL = ToolSpecification.builder()
            .name("get_weather")
            .description("Current weather")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("city")
                    .required("city")
                    .build())
            .build();

    private static ChatRequest withTools() {
        return ChatRequest.builder()
                .messages(UserMessage.from("Weather in Paris?"))
                .toolSpecifications(WEATHER_TOOL)
                .build();
    }

    private static ChatRequest withJsonSchema() {
        return ChatRequest.builder()
                .messages(UserMessage.from("A city, as JSON"))
                .responseFormat(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder()
                                .name("City")
                                .rootElement(JsonObjectSchema.builder()
                                        .addStringProperty("name")
                                        .required("name")
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static String answeredBy(ChatResponse response) {
        return traceOf(response).answeredBy();
    }

    private static List<String> tried(ChatResponse response) {
        return traceOf(response).attempts().stream()
                .map(RouteTrace.Attempt::model)
                .toList();
    }

    private static BigDecimal estimate(String model, long promptTokens, long outputTokens) {
        return CATALOG.require(model).priceOf(promptTokens, outputTokens);
    }

    private static String words(int characters) {
        String unit = "lorem ipsum dolor sit amet ";
        return unit.repeat(characters / unit.length() + 1).substring(0, characters);
    }

    // ---------------------------------------------------------------- cheapestCapable

    @Test
    void cheapest_capable_sends_plain_text_to_the_cheapest_model() {
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), ALL_BY_DESCENDING_PRICE);

        ChatResponse response = router.chat(text("Say hello"));

        assertThat(answeredBy(response)).isEqualTo(QWEN_MT_FLASH);
        assertThat(tried(response)).containsExactly(QWEN_MT_FLASH);
        assertThat(stubs.requests(QWEN_MT_FLASH)).isEqualTo(1);
        assertThat(stubs.allRequests()).isEqualTo(1);
    }

    @Test
    void cheapest_capable_sends_an_image_to_the_cheapest_vision_model() {
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), ALL_BY_DESCENDING_PRICE);

        ChatResponse response = router.chat(image());

        assertThat(answeredBy(response)).isEqualTo(GPT_4O_MINI);
        assertThat(stubs.requests(GPT_4O_MINI)).isEqualTo(1);
        assertThat(stubs.requests(QWEN_MT_FLASH)).isZero();
        assertThat(stubs.allRequests()).isEqualTo(1);
        assertThat(stubs.requestBodies()
                        .get(0)
                        .at("/messages/0/content/1/image_url/url")
                        .asText())
                .isEqualTo("https://example.com/cat.png");
    }

    @Test
    void cheapest_capable_sends_tools_to_the_cheapest_model_with_tools() {
        RoutingChatModel all = router(RoutingStrategies.cheapestCapable(), ALL_BY_DESCENDING_PRICE);
        assertThat(answeredBy(all.chat(withTools()))).isEqualTo(GPT_4O_MINI);

        // without gpt-4o-mini, the cheapest with TOOLS is deepseek-v3.1 (qwen-mt-flash is cheaper but has none)
        List<String> withoutMini = new ArrayList<>(ALL_BY_DESCENDING_PRICE);
        withoutMini.remove(GPT_4O_MINI);
        ChatResponse response =
                router(RoutingStrategies.cheapestCapable(), withoutMini).chat(withTools());

        assertThat(answeredBy(response)).isEqualTo(DEEPSEEK_V3);
        assertThat(stubs.requests(QWEN_MT_FLASH)).isZero();
        assertThat(stubs.requestBodies().get(1).at("/tools/0/function/name").asText())
                .isEqualTo("get_weather");
    }

    @Test
    void cheapest_capable_sends_a_json_schema_to_the_cheapest_model_with_json_schema() {
        RoutingChatModel all = router(RoutingStrategies.cheapestCapable(), ALL_BY_DESCENDING_PRICE);
        assertThat(answeredBy(all.chat(withJsonSchema()))).isEqualTo(GPT_4O_MINI);

        // without gpt-4o-mini: deepseek-v3.1 is cheaper but has no JSON_SCHEMA, gemini-2.5-flash has
        List<String> withoutMini = new ArrayList<>(ALL_BY_DESCENDING_PRICE);
        withoutMini.remove(GPT_4O_MINI);
        ChatResponse response =
                router(RoutingStrategies.cheapestCapable(), withoutMini).chat(withJsonSchema());

        assertThat(answeredBy(response)).isEqualTo(GEMINI_FLASH);
        assertThat(stubs.requests(DEEPSEEK_V3)).isZero();
        assertThat(stubs.requests(QWEN_MT_FLASH)).isZero();
    }

    @Test
    void cheapest_capable_does_not_need_json_schema_for_plain_json_mode() {
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), ALL_BY_DESCENDING_PRICE);

        ChatResponse response = router.chat(ChatRequest.builder()
                .messages(UserMessage.from("JSON please"))
                .responseFormat(ResponseFormat.JSON)
                .build());

        assertThat(answeredBy(response)).isEqualTo(QWEN_MT_FLASH);
    }

    @Test
    void cheapest_capable_sends_a_prompt_too_long_for_a_small_window_to_a_larger_model() {
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), ALL_BY_DESCENDING_PRICE);
        // 80,000 characters is about 20,000 tokens: more than qwen-mt-flash's 16,384-token window
        ChatRequest longPrompt = text(words(80_000));
        assertThat(RequestFeatures.of(longPrompt).estimatedPromptTokens()).isEqualTo(20_000);

        ChatResponse response = router.chat(longPrompt);

        assertThat(answeredBy(response)).isEqualTo(GPT_4O_MINI);
        assertThat(stubs.requests(QWEN_MT_FLASH)).isZero();
        assertThat(stubs.allRequests()).isEqualTo(1);
    }

    @Test
    void max_output_tokens_counts_against_the_context_window() {
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), GPT_4O_MINI, QWEN_MT_FLASH);
        // 60,000 characters, about 15,000 tokens: with the default 1,000 output tokens it fits 16,384
        String prompt = words(60_000);

        assertThat(answeredBy(router.chat(text(prompt)))).isEqualTo(QWEN_MT_FLASH);

        ChatResponse response = router.chat(ChatRequest.builder()
                .messages(UserMessage.from(prompt))
                .maxOutputTokens(2_000)
                .build());
        assertThat(answeredBy(response)).isEqualTo(GPT_4O_MINI);
        assertThat(tried(response)).containsExactly(GPT_4O_MINI);
    }

    @Test
    void max_output_tokens_changes_the_expected_cost_order() {
        // claude-haiku-4-5 has the cheaper input (1.00 vs 1.20 per 1M), qwen3-max the cheaper output (4.80 vs 5.00)
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), QWEN3_MAX, HAIKU);
        String prompt = words(4_400); // 1,100 prompt tokens
        assertThat(estimate(HAIKU, 1_100, 100)).isLessThan(estimate(QWEN3_MAX, 1_100, 100));
        assertThat(estimate(QWEN3_MAX, 1_100, 4_000)).isLessThan(estimate(HAIKU, 1_100, 4_000));

        ChatResponse shortAnswer = router.chat(ChatRequest.builder()
                .messages(UserMessage.from(prompt))
                .maxOutputTokens(100)
                .build());
        ChatResponse longAnswer = router.chat(ChatRequest.builder()
                .messages(UserMessage.from(prompt))
                .maxOutputTokens(4_000)
                .build());

        assertThat(answeredBy(shortAnswer)).isEqualTo(HAIKU);
        assertThat(answeredBy(longAnswer)).isEqualTo(QWEN3_MAX);
        assertThat(stubs.requests(HAIKU)).isEqualTo(1);
        assertThat(stubs.requests(QWEN3_MAX)).isEqualTo(1);
    }

    @Test
    void cheapest_capable_falls_back_in_price_order_not_chain_order() {
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), ALL_BY_DESCENDING_PRICE);
        stubs.responds(QWEN_MT_FLASH, serverError(503));

        ChatResponse response = router.chat(text("Say hello"));

        assertThat(answeredBy(response)).isEqualTo(GPT_4O_MINI);
        assertThat(traceOf(response).attempts())
                .extracting(RouteTrace.Attempt::model, RouteTrace.Attempt::outcome)
                .containsExactly(tuple(QWEN_MT_FLASH, FAILED), tuple(GPT_4O_MINI, ANSWERED));
        assertThat(stubs.allRequests()).isEqualTo(2);

        // the two cheapest down: the third in price order (deepseek-v3.1), not the chain's next
        stubs.responds(GPT_4O_MINI, serverError(503));
        ChatResponse third = router.chat(text("Say hello again"));
        assertThat(tried(third)).containsExactly(QWEN_MT_FLASH, GPT_4O_MINI, DEEPSEEK_V3);
        assertThat(answeredBy(third)).isEqualTo(DEEPSEEK_V3);
    }

    @Test
    void cheapest_capable_tries_a_model_missing_from_the_catalog_last_and_warns_once() {
        try (LogCapture log = new LogCapture(RoutingStrategies.class.getName())) {
            RoutingChatModel router =
                    router(RoutingStrategies.cheapestCapable(), List.of("mystery-model", SONNET, GPT_4O));
            stubs.responds(GPT_4O, serverError(503));
            stubs.responds(SONNET, serverError(503));

            ChatResponse response = router.chat(text("Say hello"));

            assertThat(tried(response)).containsExactly(GPT_4O, SONNET, "mystery-model");
            assertThat(answeredBy(response)).isEqualTo("mystery-model");

            // with a working priced model, the unpriced one is never called
            stubs.answers(GPT_4O);
            ChatResponse second = router.chat(text("Say hello again"));
            assertThat(answeredBy(second)).isEqualTo(GPT_4O);
            assertThat(stubs.requests("mystery-model")).isEqualTo(1);

            assertThat(log.messages())
                    .filteredOn(message -> message.contains("mystery-model"))
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("WARN ")
                    .contains("not in the catalog");
        }
    }

    // ---------------------------------------------------------------- byTask

    /** Every model; the chain starts with one no default rule names. */
    private static final List<String> BY_TASK_CHAIN = List.of(
            HAIKU, GPT_4O_MINI, GPT_4O, SONNET, GEMINI_FLASH, QWEN3_MAX, DEEPSEEK_V3, DEEPSEEK_R1, QWEN_MT_FLASH);

    static Stream<Arguments> tasks() {
        return Stream.of(
                Arguments.of("code fence", text("```java\nint x = compute();\n```\nWhat does this do?"), DEEPSEEK_V3),
                Arguments.of("Chinese", text("请用中文介绍一下长城的历史和它的建造过程"), QWEN3_MAX),
                Arguments.of("image", image(), GPT_4O),
                Arguments.of(
                        "reasoning", text("Prove step by step that the square root of 2 is irrational."), DEEPSEEK_R1),
                Arguments.of("creative", text("Write a poem about the sea at night."), SONNET),
                Arguments.of("short question", text("What is the capital of France?"), GEMINI_FLASH),
                Arguments.of(
                        "long plain text",
                        text(
                                "Here are my notes from the meeting with the marketing team about the autumn campaign, "
                                        + "the budget split between channels, the agency shortlist and the timeline for the "
                                        + "launch in October. Summarise them in three bullet points for the weekly newsletter."),
                        GPT_4O_MINI));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void by_task_sends_each_task_to_its_rules_first_model(String name, ChatRequest request, String expected) {
        RoutingChatModel router = router(RoutingStrategies.byTask(TaskRules.defaults()), BY_TASK_CHAIN);

        ChatResponse response = router.chat(request);

        assertThat(answeredBy(response)).isEqualTo(expected);
        assertThat(tried(response)).containsExactly(expected);
        assertThat(stubs.allRequests()).isEqualTo(1);
    }

    @Test
    void a_task_type_hint_overrides_the_classifier() {
        RoutingChatModel router = router(RoutingStrategies.byTask(TaskRules.defaults()), BY_TASK_CHAIN);
        ChatRequest hinted = ChatRequest.builder()
                .messages(UserMessage.from("Write a poem about the sea at night."))
                .parameters(RoutingRequestParameters.builder()
                        .taskType(TaskType.CODE)
                        .build())
                .build();
        assertThat(TaskClassifier.classify(RequestFeatures.of(hinted))).isEqualTo(TaskType.CREATIVE);

        assertThat(answeredBy(router.chat(hinted))).isEqualTo(DEEPSEEK_V3);
        assertThat(stubs.requests(SONNET)).isZero();
    }

    @Test
    void the_task_type_hint_does_not_reach_the_model() {
        RoutingChatModel router = router(RoutingStrategies.byTask(TaskRules.defaults()), BY_TASK_CHAIN);

        router.chat(ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .parameters(RoutingRequestParameters.builder()
                        .taskType(TaskType.REASONING)
                        .temperature(0.2)
                        .maxOutputTokens(50)
                        .build())
                .build());
        // the same request, without a hint, straight to the same model
        stubs.model(DEEPSEEK_R1)
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("hi"))
                        .parameters(DefaultChatRequestParameters.builder()
                                .temperature(0.2)
                                .maxOutputTokens(50)
                                .build())
                        .build());

        List<JsonNode> bodies = stubs.requestBodies();
        assertThat(bodies).hasSize(2);
        JsonNode routed = bodies.get(0);
        assertThat(routed.get("model").asText()).isEqualTo(DEEPSEEK_R1);
        assertThat(routed.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(routed.toString()).doesNotContainIgnoringCase("task").doesNotContain("REASONING");
        assertThat(routed).isEqualTo(bodies.get(1));
    }

    @Test
    void the_routed_model_receives_common_parameters_without_the_hint() {
        // a plain LangChain4j ChatModel in front of the real AisaChatModel, recording what the router hands it
        List<ChatRequest> received = new ArrayList<>();
        ChatModel deepseek = stubs.model(DEEPSEEK_V3);
        ChatModel recording = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                received.add(request);
                return deepseek.chat(request);
            }
        };
        stubs.answers(DEEPSEEK_V3);
        stubs.answers(HAIKU);
        RoutingChatModel router = RoutingChatModel.builder()
                .models(stubs.model(HAIKU))
                .route(DEEPSEEK_V3, recording)
                .strategy(RoutingStrategies.byTask(TaskRules.defaults()))
                .clock(clock)
                .build();

        ChatResponse response = router.chat(ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .parameters(RoutingRequestParameters.builder()
                        .taskType(TaskType.CODE)
                        .temperature(0.3)
                        .build())
                .build());

        assertThat(answeredBy(response)).isEqualTo(DEEPSEEK_V3);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).parameters()).isNotInstanceOf(RoutingRequestParameters.class);
        assertThat(received.get(0).parameters().temperature()).isEqualTo(0.3);
        assertThat(stubs.requestBodies().get(0).get("temperature").asDouble()).isEqualTo(0.3);
    }

    @Test
    void custom_rules_route_first_and_the_other_models_follow_as_fallbacks() {
        TaskRules rules = TaskRules.builder()
                .route(TaskType.FAST, QWEN_MT_FLASH, "model-not-in-the-chain")
                .build();
        RoutingChatModel router = router(RoutingStrategies.byTask(rules), GPT_4O, HAIKU, QWEN_MT_FLASH);
        stubs.responds(QWEN_MT_FLASH, serverError(503));

        ChatResponse fast = router.chat(text("What is the capital of France?"));

        // the rule's model first; a rule model missing from the chain is ignored; then the chain order
        assertThat(tried(fast)).containsExactly(QWEN_MT_FLASH, GPT_4O);
        assertThat(answeredBy(fast)).isEqualTo(GPT_4O);

        // a task type without a rule: the chain order
        stubs.responds(GPT_4O, serverError(503));
        ChatResponse creative = router.chat(text("Write a poem about the sea at night."));
        assertThat(tried(creative)).containsExactly(GPT_4O, HAIKU);
        assertThat(answeredBy(creative)).isEqualTo(HAIKU);
    }

    @Test
    void by_task_leaves_out_rule_models_the_catalog_says_cannot_take_the_request() {
        TaskRules rules = TaskRules.builder()
                .route(TaskType.VISION, QWEN_MT_FLASH, SONNET)
                .build();
        RoutingChatModel router = router(RoutingStrategies.byTask(rules), QWEN_MT_FLASH, DEEPSEEK_V3, SONNET, HAIKU);

        ChatResponse response = router.chat(image());

        assertThat(answeredBy(response)).isEqualTo(SONNET);
        assertThat(stubs.requests(QWEN_MT_FLASH)).isZero();
        assertThat(stubs.requests(DEEPSEEK_V3)).isZero();
    }

    @Test
    void task_rules_reject_blank_model_ids() {
        assertThatThrownBy(() -> TaskRules.builder().route(TaskType.CODE, DEEPSEEK_V3, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a model id for CODE is blank");
        assertThat(TaskRules.defaults().preferred(TaskType.CODE)).containsExactly(DEEPSEEK_V3, "gpt-4.1");
        assertThat(TaskRules.builder().build().preferred(TaskType.CODE)).isEmpty();
    }

    // ---------------------------------------------------------------- quality-aware

    @Test
    void quality_aware_routes_by_target_through_the_router_and_falls_back_to_the_next_best() {
        RoutingChatModel best = router(RoutingStrategies.qualityAware(1.0), ALL_BY_DESCENDING_PRICE);
        assertThat(answeredBy(best.chat(text("Hi!")))).isEqualTo(SONNET);

        RoutingChatModel cheapest = router(RoutingStrategies.qualityAware(0), ALL_BY_DESCENDING_PRICE);
        assertThat(answeredBy(cheapest.chat(text("Hi!")))).isEqualTo(QWEN_MT_FLASH);

        stubs.responds(SONNET, RoutingStubs.serverError(503));
        assertThat(answeredBy(best.chat(text("Hi!"))))
                .as("the next best by quality index: qwen3-max (84.8)")
                .isEqualTo(QWEN3_MAX);
    }

    // ---------------------------------------------------------------- tiered

    /** A seeded stream of requests: 70 % short easy questions, 30 % long reasoning ones (half with code). */
    private static final class MixedRequests {

        private static final List<String> EASY = List.of(
                "What is the capital of France?",
                "Translate hello into Spanish",
                "Give me a synonym for happy",
                "Which time zone is Tokyo in?",
                "Name a colour of the rainbow");

        private final Random random;

        MixedRequests(long seed) {
            this.random = new Random(seed);
        }

        /** The next request: its prompt, and whether it is a hard one. */
        Map.Entry<String, Boolean> next() {
            if (random.nextDouble() < 0.7) {
                return Map.entry(EASY.get(random.nextInt(EASY.size())) + " please".repeat(random.nextInt(15)), false);
            }
            String filler = "Consider every case carefully and justify each claim with care. ";
            String prompt = "Prove step by step that the algorithm terminates. "
                    + filler.repeat(3 + random.nextInt(58))
                    + (random.nextBoolean() ? "\n```\nx = y + 1\n```\n" : "");
            return Map.entry(prompt, true);
        }
    }

    private static final class TieredRun {
        int easy;
        int hard;
        int easyPremium;
        int hardPremium;
    }

    private TieredRun runTiered(RoutingChatModel router, int calls, long seed) {
        MixedRequests requests = new MixedRequests(seed);
        TieredRun run = new TieredRun();
        for (int i = 0; i < calls; i++) {
            Map.Entry<String, Boolean> request = requests.next();
            boolean premium = answeredBy(router.chat(text(request.getKey()))).equals(SONNET);
            if (request.getValue()) {
                run.hard++;
                run.hardPremium += premium ? 1 : 0;
            } else {
                run.easy++;
                run.easyPremium += premium ? 1 : 0;
            }
        }
        return run;
    }

    @Test
    void tiered_sends_the_wanted_share_of_calls_to_premium_models_and_the_hard_ones_first() {
        TieredStrategy tiered = RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), 0.2);
        RoutingChatModel router = router(tiered, GPT_4O_MINI, SONNET);

        TieredRun run = runTiered(router, 300, 11);

        assertThat(tiered.calls()).isEqualTo(300);
        double share = (double) tiered.premiumCalls() / tiered.calls();
        assertThat(share).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.07));
        assertThat(stubs.requests(SONNET)).isEqualTo((int) tiered.premiumCalls());
        assertThat(stubs.requests(GPT_4O_MINI)).isEqualTo(300 - (int) tiered.premiumCalls());
        assertThat(run.hard).isGreaterThan(60);
        double hardRate = (double) run.hardPremium / run.hard;
        double easyRate = (double) run.easyPremium / run.easy;
        assertThat(hardRate).isGreaterThan(0.4);
        // the share is held from the first call, so an early run of easy requests still sends a few premium
        assertThat(easyRate).isLessThan(0.1).isLessThan(hardRate / 4);
    }

    @Test
    void tiered_holds_the_share_over_any_100_calls_from_the_first_call_whatever_the_traffic() {
        for (boolean easyFirst : List.of(false, true)) {
            TieredStrategy tiered = RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), 0.2);
            RoutingChatModel router = router(tiered, GPT_4O_MINI, SONNET);
            List<String> prompts = new ArrayList<>();
            MixedRequests requests = new MixedRequests(23);
            for (int i = 0; i < 300; i++) {
                prompts.add(requests.next().getKey());
            }
            if (easyFirst) {
                prompts.sort(Comparator.comparingInt(String::length)); // the hardest-looking come last
            }
            List<Boolean> premium = new ArrayList<>();
            for (String prompt : prompts) {
                premium.add(answeredBy(router.chat(text(prompt))).equals(SONNET));
            }
            for (int start = 0; start + 100 <= premium.size(); start++) {
                long inWindow = premium.subList(start, start + 100).stream()
                        .filter(p -> p)
                        .count();
                assertThat(inWindow)
                        .as("premium calls in calls %d-%d (easy first: %s)", start, start + 99, easyFirst)
                        .isBetween(15L, 25L);
            }
        }
    }

    @Test
    void tiered_with_no_premium_share_never_goes_premium_after_warm_up() {
        TieredStrategy tiered = RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), 0);
        RoutingChatModel router = router(tiered, GPT_4O_MINI, SONNET);

        runTiered(router, TieredStrategy.WARM_UP, 5);
        long afterWarmUp = tiered.premiumCalls();
        TieredRun run = runTiered(router, 80, 6);

        assertThat(run.hard).isPositive();
        assertThat(tiered.premiumCalls()).isEqualTo(afterWarmUp).isZero();
        assertThat(stubs.requests(SONNET)).isZero();
        assertThat(tiered.calls()).isEqualTo(TieredStrategy.WARM_UP + 80);
    }

    @Test
    void tiered_with_a_premium_share_of_one_always_goes_premium() {
        TieredStrategy tiered = RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), 1.0);
        RoutingChatModel router = router(tiered, GPT_4O_MINI, SONNET);

        TieredRun run = runTiered(router, 60, 7);

        assertThat(run.easy).isPositive();
        assertThat(tiered.premiumCalls()).isEqualTo(tiered.calls()).isEqualTo(60);
        assertThat(stubs.requests(GPT_4O_MINI)).isZero();
        assertThat(stubs.requests(SONNET)).isEqualTo(60);
    }

    @Test
    void tiered_falls_back_to_the_other_tier() {
        TieredStrategy tiered = RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), 0);
        RoutingChatModel router = router(tiered, SONNET, GPT_4O_MINI);
        stubs.responds(GPT_4O_MINI, serverError(503));

        ChatResponse response = router.chat(text("hi"));

        assertThat(tried(response)).containsExactly(GPT_4O_MINI, SONNET);
        assertThat(answeredBy(response)).isEqualTo(SONNET);
        assertThat(tiered.premiumCalls()).isZero();
    }

    @Test
    void tiered_rejects_a_share_outside_zero_to_one_and_empty_tiers() {
        assertThatThrownBy(() -> RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), -0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("premiumShare must be between 0 and 1, was -0.01");
        assertThatThrownBy(() -> RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("premiumShare must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> RoutingStrategies.tiered(List.of(), List.of(SONNET), 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one cheap and one premium model");
        assertThatThrownBy(() -> RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(), 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one cheap and one premium model");
        assertThat(RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), 0.0)
                        .premiumShare())
                .isZero();
    }

    @Test
    void tiered_rejects_a_share_that_is_not_a_number() {
        assertThatThrownBy(() -> RoutingStrategies.tiered(List.of(GPT_4O_MINI), List.of(SONNET), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("premiumShare must be between 0 and 1");
    }

    // ---------------------------------------------------------------- weighted

    @Test
    void weighted_splits_calls_in_proportion_to_the_weights() throws Exception {
        RoutingStrategy weighted =
                RoutingStrategies.weighted(Map.of(GPT_4O_MINI, 3, GEMINI_FLASH, 1), new Random(42)::nextDouble);
        RoutingChatModel router = router(weighted, GEMINI_FLASH, GPT_4O_MINI);

        // 8 callers at once, to keep the test fast: each call draws from the seeded source under its lock, so the
        // split is the same as one after the other
        List<Future<String>> answers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 1_000; i++) {
                answers.add(callers.submit(() -> answeredBy(router.chat(text("hi")))));
            }
            int mini = 0;
            for (Future<String> answer : answers) {
                mini += answer.get(30, TimeUnit.SECONDS).equals(GPT_4O_MINI) ? 1 : 0;
            }

            assertThat(mini).isBetween(700, 800);
            assertThat(stubs.requests(GPT_4O_MINI)).isEqualTo(mini);
            assertThat(stubs.requests(GEMINI_FLASH)).isEqualTo(1_000 - mini);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void weighted_is_reproducible_with_the_same_seed() {
        List<String> first = weightedPicks(7);
        List<String> again = weightedPicks(7);

        assertThat(first).isEqualTo(again).contains(GPT_4O, GPT_4O_MINI);
    }

    private List<String> weightedPicks(long seed) {
        RoutingStrategy weighted =
                RoutingStrategies.weighted(Map.of(GPT_4O_MINI, 1, GPT_4O, 1), new Random(seed)::nextDouble);
        RoutingChatModel router = router(weighted, GPT_4O_MINI, GPT_4O);
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            picks.add(answeredBy(router.chat(text("hi"))));
        }
        return picks;
    }

    @Test
    void weighted_models_of_weight_zero_and_unlisted_ones_are_only_fallbacks() {
        RoutingStrategy weighted =
                RoutingStrategies.weighted(Map.of(GPT_4O_MINI, 1, GEMINI_FLASH, 0), new Random(1)::nextDouble);
        RoutingChatModel router = router(weighted, GEMINI_FLASH, HAIKU, GPT_4O_MINI);

        for (int i = 0; i < 20; i++) {
            assertThat(answeredBy(router.chat(text("hi")))).isEqualTo(GPT_4O_MINI);
        }
        assertThat(stubs.requests(GEMINI_FLASH)).isZero();
        assertThat(stubs.requests(HAIKU)).isZero();

        stubs.responds(GPT_4O_MINI, serverError(503));
        ChatResponse response = router.chat(text("hi"));
        assertThat(tried(response)).containsExactly(GPT_4O_MINI, GEMINI_FLASH);
        assertThat(answeredBy(response)).isEqualTo(GEMINI_FLASH);
    }

    @Test
    void weighted_rejects_a_negative_weight() {
        assertThatThrownBy(() -> RoutingStrategies.weighted(Map.of(GPT_4O, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the weight of gpt-4o must be 0 or more, was -1");
    }

    // ---------------------------------------------------------------- lowestLatency

    @Test
    void lowest_latency_measures_unobserved_models_first_then_picks_the_fastest() {
        RoutingChatModel router = router(RoutingStrategies.lowestLatency(), "slow", "fast", "medium");
        stubs.responds(
                "slow", WireMock.okJson(RoutingStubs.completion("slow", "slow")).withFixedDelay(200));
        stubs.responds(
                "medium",
                WireMock.okJson(RoutingStubs.completion("medium", "medium")).withFixedDelay(100));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(answeredBy(router.chat(text("hi"))));
        }

        // no model observed: chain order; then each unobserved model once; then the fastest
        assertThat(answers).containsExactly("slow", "fast", "medium", "fast", "fast");
        assertThat(stubs.requests("slow")).isEqualTo(1);
        assertThat(stubs.requests("medium")).isEqualTo(1);
        assertThat(stubs.requests("fast")).isEqualTo(3);
    }

    @Test
    void lowest_latency_orders_the_fallbacks_by_latency_too() {
        RoutingChatModel router = router(RoutingStrategies.lowestLatency(), "slow", "fast", "medium");
        stubs.responds(
                "slow", WireMock.okJson(RoutingStubs.completion("slow", "slow")).withFixedDelay(200));
        stubs.responds(
                "medium",
                WireMock.okJson(RoutingStubs.completion("medium", "medium")).withFixedDelay(100));
        for (int i = 0; i < 3; i++) {
            router.chat(text("hi"));
        }

        stubs.responds("fast", serverError(503));
        ChatResponse response = router.chat(text("hi"));

        assertThat(tried(response)).containsExactly("fast", "medium");
        assertThat(answeredBy(response)).isEqualTo("medium");
    }

    // ---------------------------------------------------------------- no capable model

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("cheapestCapable", (Supplier<RoutingStrategy>) RoutingStrategies::cheapestCapable),
                Arguments.of(
                        "byTask", (Supplier<RoutingStrategy>) () -> RoutingStrategies.byTask(TaskRules.defaults())),
                Arguments.of("tiered", (Supplier<RoutingStrategy>)
                        () -> RoutingStrategies.tiered(List.of(QWEN_MT_FLASH), List.of(DEEPSEEK_R1), 0.5)),
                Arguments.of("weighted", (Supplier<RoutingStrategy>) () -> RoutingStrategies.weighted(
                        Map.of(QWEN_MT_FLASH, 1, DEEPSEEK_R1, 1), new Random(3)::nextDouble)),
                Arguments.of("lowestLatency", (Supplier<RoutingStrategy>) RoutingStrategies::lowestLatency));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void a_request_no_model_can_take_is_refused_naming_what_it_needs(String name, Supplier<RoutingStrategy> strategy) {
        RoutingChatModel router = router(strategy.get(), QWEN_MT_FLASH, DEEPSEEK_R1, QWEN3_MAX);

        assertThatThrownBy(() -> router.chat(image()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("vision")
                .hasMessageContaining("add a capable model");
        assertThat(stubs.allRequests()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void an_image_never_goes_to_a_model_the_catalog_says_cannot_see(String name, Supplier<RoutingStrategy> strategy) {
        RoutingChatModel router = router(strategy.get(), QWEN_MT_FLASH, DEEPSEEK_R1, GPT_4O_MINI);

        for (int i = 0; i < 3; i++) {
            assertThat(answeredBy(router.chat(image()))).isEqualTo(GPT_4O_MINI);
        }
        assertThat(stubs.requests(QWEN_MT_FLASH)).isZero();
        assertThat(stubs.requests(DEEPSEEK_R1)).isZero();
    }

    @Test
    void the_refusal_names_every_need() {
        RoutingChatModel router = router(RoutingStrategies.cheapestCapable(), QWEN_MT_FLASH, DEEPSEEK_R1);

        assertThatThrownBy(() -> router.chat(ChatRequest.builder()
                        .messages(UserMessage.from(
                                TextContent.from("Weather here?"), ImageContent.from("https://example.com/sky.png")))
                        .toolSpecifications(WEATHER_TOOL)
                        .build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("vision, tools");
        assertThat(stubs.allRequests()).isZero();
    }
}
