package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.aisa;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.chatBody;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.json;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.noRetry;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.noRetryStreaming;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.post;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.sseData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelCapability;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import one.aisa.langchain4j.testkit.SimulatorTestSupport.StreamRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token usage, cost and credits. Uses the plain {@code AisaSimulator.start()} API with try-with-resources. */
class AisaSimulatorBillingTest {

    private static BigDecimal catalogPrice(String model, TokenUsage usage) {
        return AisaModelCatalog.builtIn().require(model).priceOf(usage.inputTokenCount(), usage.outputTokenCount());
    }

    @Test
    void token_counts_are_positive_and_add_up() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            TokenUsage usage = simulator
                    .chatModel("gpt-4o-mini")
                    .chat(UserMessage.from("Count my tokens, please."))
                    .tokenUsage();

            assertThat(usage.inputTokenCount()).isPositive();
            assertThat(usage.outputTokenCount()).isPositive();
            assertThat(usage.totalTokenCount()).isEqualTo(usage.inputTokenCount() + usage.outputTokenCount());
        }
    }

    @Test
    void longer_prompts_count_more_input_tokens() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            AisaChatModel model = simulator.chatModel("gpt-4o-mini");

            int small = model.chat(UserMessage.from("hi")).tokenUsage().inputTokenCount();
            int large =
                    model.chat(UserMessage.from("hi ".repeat(200))).tokenUsage().inputTokenCount();

            assertThat(large).isGreaterThan(small);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-pro", "deepseek-r1", "qwen-mt-flash"})
    void the_reported_cost_is_the_catalog_price_of_the_reported_tokens(String model) {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            ChatResponse response = simulator.chatModel(model).chat(UserMessage.from("Price me."));
            AisaChatResponseMetadata metadata = aisa(response);

            BigDecimal expected = catalogPrice(model, response.tokenUsage());
            assertThat(expected).isPositive();
            assertThat(metadata.cost()).isEqualByComparingTo(expected);
        }
    }

    @Test
    void the_raw_usage_cost_and_price_header_equal_the_catalog_price_exactly() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            HttpResponse<String> response =
                    post(simulator, "/v1/chat/completions", chatBody("gpt-4o", "What does this cost?", false));
            JsonNode usage = json(response.body()).path("usage");

            long prompt = usage.path("prompt_tokens").asLong();
            long completion = usage.path("completion_tokens").asLong();
            BigDecimal expected = AisaModelCatalog.builtIn().require("gpt-4o").priceOf(prompt, completion);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(usage.path("total_tokens").asLong()).isEqualTo(prompt + completion);
            assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo(expected);
            assertThat(new BigDecimal(
                            response.headers().firstValue("x-aisa-price-usd").orElseThrow()))
                    .isEqualByComparingTo(expected);
            assertThat(usage.path("credits_remaining").decimalValue())
                    .isEqualByComparingTo(new BigDecimal("10.00").subtract(expected));
        }
    }

    @Test
    void credits_fall_call_by_call_by_exactly_the_cost() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            AisaChatModel model = simulator.chatModel("gpt-4o");
            BigDecimal before = simulator.credits();
            assertThat(before).isEqualByComparingTo("10.00");

            for (int call = 0; call < 5; call++) {
                AisaChatResponseMetadata metadata =
                        aisa(model.chat(UserMessage.from("call number " + call + "!".repeat(call * 7))));

                assertThat(metadata.cost()).isPositive();
                assertThat(metadata.creditsRemaining())
                        .as("credits after call %d", call)
                        .isEqualByComparingTo(before.subtract(metadata.cost()));
                assertThat(simulator.credits()).isEqualByComparingTo(metadata.creditsRemaining());
                before = metadata.creditsRemaining();
            }
        }
    }

    @Test
    void the_openai_client_reports_the_same_tokens_as_ours_for_the_same_prompt() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            String prompt = "Same prompt, two clients.";
            TokenUsage ours = simulator
                    .chatModel("gpt-4o-mini")
                    .chat(UserMessage.from(prompt))
                    .tokenUsage();
            TokenUsage theirs = OpenAiChatModel.builder()
                    .baseUrl(simulator.baseUrl())
                    .apiKey("x")
                    .modelName("gpt-4o-mini")
                    .build()
                    .chat(UserMessage.from(prompt))
                    .tokenUsage();

            assertThat(theirs.inputTokenCount()).isEqualTo(ours.inputTokenCount());
            assertThat(theirs.outputTokenCount()).isEqualTo(ours.outputTokenCount());
            assertThat(theirs.totalTokenCount()).isEqualTo(ours.totalTokenCount());
        }
    }

    @Test
    void the_streaming_usage_chunk_carries_the_same_cost_as_a_blocking_call() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            String prompt = "Stream or not, the price is the same.";
            ChatResponse blocking = simulator.chatModel("claude-haiku-4-5").chat(UserMessage.from(prompt));
            BigDecimal afterBlocking = simulator.credits();
            StreamRecorder recorder = new StreamRecorder();

            simulator.streamingChatModel("claude-haiku-4-5").chat(prompt, recorder);
            ChatResponse streamed = recorder.response();

            AisaChatResponseMetadata metadata = aisa(streamed);
            assertThat(streamed.tokenUsage().inputTokenCount())
                    .isEqualTo(blocking.tokenUsage().inputTokenCount());
            assertThat(streamed.tokenUsage().outputTokenCount())
                    .isEqualTo(blocking.tokenUsage().outputTokenCount());
            assertThat(metadata.cost())
                    .isEqualByComparingTo(catalogPrice("claude-haiku-4-5", streamed.tokenUsage()))
                    .isEqualByComparingTo(aisa(blocking).cost());
            assertThat(metadata.creditsRemaining()).isEqualByComparingTo(afterBlocking.subtract(metadata.cost()));
            assertThat(simulator.credits()).isEqualByComparingTo(metadata.creditsRemaining());
        }
    }

    @Test
    void the_raw_stream_ends_with_a_usage_chunk_holding_the_cost() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            HttpResponse<String> response =
                    post(simulator, "/v1/chat/completions", chatBody("gpt-4o-mini", "stream me", true));
            List<String> data = sseData(response.body());

            assertThat(data).last().isEqualTo("[DONE]");
            JsonNode usageChunk = json(data.get(data.size() - 2));
            JsonNode usage = usageChunk.path("usage");
            assertThat(usageChunk.path("choices").isArray()).isTrue();
            assertThat(usageChunk.path("choices")).isEmpty();
            assertThat(usage.path("cost").decimalValue())
                    .isEqualByComparingTo(AisaModelCatalog.builtIn()
                            .require("gpt-4o-mini")
                            .priceOf(
                                    usage.path("prompt_tokens").asLong(),
                                    usage.path("completion_tokens").asLong()));
            assertThat(usage.path("credits_remaining").decimalValue()).isEqualByComparingTo(simulator.credits());
        }
    }

    @Test
    void a_model_added_with_its_own_prices_is_charged_at_them() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            ModelInfo custom = new ModelInfo(
                    "acme-llm-1",
                    "acme",
                    "acme",
                    Set.of(ModelCapability.TOOLS),
                    8_192,
                    new BigDecimal("7.00"),
                    new BigDecimal("21.00"),
                    LocalDate.of(2026, 1, 1));
            simulator.addModel(custom);

            ChatResponse response = simulator.chatModel("acme-llm-1").chat(UserMessage.from("Hello acme"));

            assertThat(response.aiMessage().text()).contains("[simulated acme-llm-1]");
            assertThat(aisa(response).cost())
                    .isEqualByComparingTo(custom.priceOf(
                            response.tokenUsage().inputTokenCount(),
                            response.tokenUsage().outputTokenCount()));
        }
    }

    @Test
    void once_a_small_starting_balance_is_spent_calls_fail_with_402() {
        try (AisaSimulator simulator = AisaSimulator.builder()
                .startingCredits(new BigDecimal("0.0005"))
                .start()) {
            AisaChatModel model = noRetry(simulator, "gpt-4o");
            List<BigDecimal> costs = new ArrayList<>();
            InsufficientCreditsException refused = null;
            for (int call = 0; call < 50 && refused == null; call++) {
                try {
                    costs.add(
                            aisa(model.chat(UserMessage.from("spend " + call))).cost());
                } catch (InsufficientCreditsException e) {
                    refused = e;
                }
            }

            assertThat(costs).as("calls answered before the balance ran out").isNotEmpty();
            assertThat(refused).as("a refusal once the balance is spent").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(402);
            assertThat(refused.errorCode()).isEqualTo("insufficient_credits");
            BigDecimal spent = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(simulator.credits())
                    .as("the refused call is not charged")
                    .isEqualByComparingTo(new BigDecimal("0.0005").subtract(spent));
            assertThat(simulator.credits()).isLessThanOrEqualTo(BigDecimal.ZERO);
            assertThatThrownBy(() -> model.chat("and again")).isInstanceOf(InsufficientCreditsException.class);
        }
    }

    @Test
    void a_zero_balance_refuses_blocking_and_streaming_calls_until_topped_up() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            simulator.credits(BigDecimal.ZERO);

            InsufficientCreditsException blocking = catchThrowableOfType(
                    InsufficientCreditsException.class,
                    () -> noRetry(simulator, "gpt-4o-mini").chat("hi"));
            StreamRecorder recorder = new StreamRecorder();
            noRetryStreaming(simulator, "gpt-4o-mini").chat("hi", recorder);
            Throwable streaming = recorder.error();

            assertThat(blocking).isNotNull();
            assertThat(blocking.statusCode()).isEqualTo(402);
            assertThat(streaming).isInstanceOf(InsufficientCreditsException.class);
            assertThat(recorder.completions).hasValue(0);
            assertThat(simulator.credits()).isEqualByComparingTo(BigDecimal.ZERO);

            simulator.credits(new BigDecimal("5"));
            AisaChatResponseMetadata metadata =
                    aisa(simulator.chatModel("gpt-4o-mini").chat(UserMessage.from("hi")));
            assertThat(metadata.creditsRemaining()).isEqualByComparingTo(new BigDecimal("5").subtract(metadata.cost()));
        }
    }

    @Test
    void the_gemini_route_charges_the_catalog_price() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            HttpResponse<String> response = post(
                    simulator,
                    "/v1beta/models/gemini-2.5-flash:generateContent",
                    "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"How much is this?\"}]}]}");
            JsonNode usage = json(response.body()).path("usageMetadata");

            BigDecimal expected = AisaModelCatalog.builtIn()
                    .require("gemini-2.5-flash")
                    .priceOf(
                            usage.path("promptTokenCount").asLong(),
                            usage.path("candidatesTokenCount").asLong());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(simulator.credits()).isEqualByComparingTo(new BigDecimal("10.00").subtract(expected));
        }
    }

    /** A spent balance is spent for every route: the Gemini route should answer 402 as chat does. */
    @Test
    void the_gemini_route_refuses_a_spent_balance() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            simulator.credits(BigDecimal.ZERO);

            HttpResponse<String> response = post(
                    simulator,
                    "/v1beta/models/gemini-2.5-flash:generateContent",
                    "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"free lunch?\"}]}]}");

            assertThat(response.statusCode()).isEqualTo(402);
            assertThat(simulator.credits()).isEqualByComparingTo(BigDecimal.ZERO);
        }
    }
}
