package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.chatBody;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.get;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.json;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.noRetry;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.post;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.sseData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelCapability;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP routes and wire shapes, with raw java.net.http requests where LangChain4j has no call. */
@AisaSimulatorTest
class AisaSimulatorRoutesTest {

    private static final String GEMINI_BODY =
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Why is the sky blue?\"}]}]}";

    private static Set<String> ids(JsonNode list) {
        return StreamSupport.stream(list.path("data").spliterator(), false)
                .map(model -> model.path("id").asText())
                .collect(Collectors.toSet());
    }

    // ---- GET /v1/models ----

    @Test
    void models_lists_the_catalog_ids(AisaSimulator simulator) {
        HttpResponse<String> response = get(simulator, "/v1/models");
        JsonNode body = json(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(ids(body))
                .isEqualTo(AisaModelCatalog.builtIn().models().stream()
                        .map(ModelInfo::id)
                        .collect(Collectors.toSet()));
        assertThat(body.path("data").path(0).path("object").asText()).isEqualTo("model");
    }

    @Test
    void models_lists_a_model_added_at_run_time(AisaSimulator simulator) {
        simulator.addModel(new ModelInfo(
                "acme-llm-2",
                "acme",
                "acme",
                Set.of(ModelCapability.TOOLS),
                32_000,
                BigDecimal.ONE,
                BigDecimal.TEN,
                LocalDate.of(2026, 1, 1)));

        JsonNode body = json(get(simulator, "/v1/models").body());

        assertThat(ids(body)).contains("acme-llm-2", "gpt-4o-mini");
        assertThat(simulator.models()).extracting(ModelInfo::id).contains("acme-llm-2");
        assertThat(simulator.chatModel("acme-llm-2").chat("hi")).contains("[simulated acme-llm-2]");
    }

    // ---- GET /v1/credits/balance ----

    @Test
    void the_balance_route_has_the_aisa_shape_in_micro_dollars(AisaSimulator simulator) {
        simulator.credits(new BigDecimal("1.234567"));

        HttpResponse<String> response = get(simulator, "/v1/credits/balance");
        JsonNode body = json(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("account_balance_micros_usd").isIntegralNumber()).isTrue();
        assertThat(body.path("account_balance_micros_usd").asLong()).isEqualTo(1_234_567L);
        assertThat(body.path("available_balance_micros_usd").asLong()).isEqualTo(1_234_567L);
        assertThat(body.path("currency").asText()).isEqualTo("USD");
        assertThat(body.path("api_key").path("unlimited").isBoolean()).isTrue();
        assertThat(body.path("api_key").path("remaining_micros_usd").asLong()).isEqualTo(1_234_567L);
    }

    @Test
    void the_balance_route_follows_the_spending(AisaSimulator simulator) {
        simulator.chatModel("gpt-4o").chat("spend a little");

        JsonNode body = json(get(simulator, "/v1/credits/balance").body());

        long expectedMicros = simulator
                .credits()
                .movePointRight(6)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact();
        assertThat(expectedMicros).isLessThan(10_000_000L);
        assertThat(body.path("account_balance_micros_usd").asLong()).isEqualTo(expectedMicros);
    }

    // ---- Gemini generateContent ----

    @ParameterizedTest
    @ValueSource(
            strings = {"/v1beta/models/gemini-2.5-flash:generateContent", "/v1/models/gemini-2.5-flash:generateContent"
            })
    void generate_content_answers_in_gemini_shape_on_both_prefixes(String path, AisaSimulator simulator) {
        HttpResponse<String> response = post(simulator, path, GEMINI_BODY);
        JsonNode body = json(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode candidate = body.path("candidates").path(0);
        assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
        assertThat(candidate.path("content").path("parts").path(0).path("text").asText())
                .contains("[simulated gemini-2.5-flash]")
                .contains("Why is the sky blue?");
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("promptTokenCount").asInt()).isPositive();
        assertThat(usage.path("candidatesTokenCount").asInt()).isPositive();
        assertThat(usage.path("totalTokenCount").asInt())
                .isEqualTo(usage.path("promptTokenCount").asInt()
                        + usage.path("candidatesTokenCount").asInt());
        assertThat(body.path("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(simulator.requests()).last().satisfies(request -> {
            assertThat(request.path()).isEqualTo(path);
            assertThat(request.model()).isEqualTo("gemini-2.5-flash");
        });
    }

    @Test
    void generate_content_uses_text_scripts(AisaSimulator simulator) {
        simulator.whenPrompt("sky").reply("Rayleigh scattering.");

        JsonNode body = json(post(simulator, "/v1beta/models/gemini-2.5-pro:generateContent", GEMINI_BODY)
                .body());

        assertThat(body.path("candidates")
                        .path(0)
                        .path("content")
                        .path("parts")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("Rayleigh scattering.");
    }

    @Test
    void generate_content_for_an_unknown_model_is_404(AisaSimulator simulator) {
        HttpResponse<String> response = post(simulator, "/v1beta/models/gemini-9-ultra:generateContent", GEMINI_BODY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).path("error").path("message").asText()).contains("gemini-9-ultra");
    }

    /** Gemini's native error object: {@code {"error":{"code":404,"message":..,"status":"NOT_FOUND"}}} (wire §6). */
    @Test
    void generate_content_errors_use_the_gemini_error_shape(AisaSimulator simulator) {
        JsonNode error = json(post(simulator, "/v1beta/models/gemini-9-ultra:generateContent", GEMINI_BODY)
                        .body())
                .path("error");

        assertThat(error.path("code").isIntegralNumber())
                .as("numeric code in %s", error)
                .isTrue();
        assertThat(error.path("code").asInt()).isEqualTo(404);
        assertThat(error.path("status").asText()).as("status in %s", error).isEqualTo("NOT_FOUND");
    }

    /**
     * A stream fault that reaches the Gemini route (e.g. queued for ANY_MODEL) should degrade as it does for a
     * non-stream chat completion (a truncated 200 body), not crash the simulator into Jetty's HTML 500 page.
     */
    @Test
    void a_stream_fault_reaching_the_gemini_route_does_not_crash_the_simulator(AisaSimulator simulator) {
        simulator.failNext(AisaSimulator.ANY_MODEL, 1, SimulatedFault.streamCutAfter(2));

        HttpResponse<String> response = post(simulator, "/v1beta/models/gemini-2.5-flash:generateContent", GEMINI_BODY);

        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("content type of <%s>", response.body())
                .startsWith("application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(post(simulator, "/v1beta/models/gemini-2.5-flash:generateContent", GEMINI_BODY)
                        .statusCode())
                .isEqualTo(200);
    }

    // ---- chat completions: unknown model, auth, unknown endpoint ----

    @Test
    void an_unknown_model_is_404_model_not_found_for_both_clients(AisaSimulator simulator) {
        AisaModelNotFoundException ours = catchThrowableOfType(
                AisaModelNotFoundException.class,
                () -> noRetry(simulator, "gpt-9").chat("hello"));
        OpenAiChatModel openAi = OpenAiChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("x")
                .modelName("gpt-9")
                .maxRetries(0)
                .build();

        assertThat(ours).isNotNull();
        assertThat(ours.statusCode()).isEqualTo(404);
        assertThat(ours.errorCode()).isEqualTo("model_not_found");
        assertThat(ours.getMessage()).contains("gpt-9");
        assertThatThrownBy(() -> openAi.chat("hello")).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void a_request_without_authorization_is_401(AisaSimulator simulator) {
        HttpResponse<String> chat = post(simulator, "/v1/chat/completions", chatBody("gpt-4o-mini", "hi", false), null);
        HttpResponse<String> models = get(simulator, "/v1/models", null);
        HttpResponse<String> blank =
                post(simulator, "/v1/chat/completions", chatBody("gpt-4o-mini", "hi", false), "Bearer ");

        assertThat(chat.statusCode()).isEqualTo(401);
        assertThat(models.statusCode()).isEqualTo(401);
        assertThat(blank.statusCode()).isEqualTo(401);
        JsonNode error = json(chat.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("code").asText()).isEqualTo("missing_api_key");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(simulator.credits()).isEqualByComparingTo("10.00");
    }

    @Test
    void an_unknown_endpoint_is_404_json_in_the_aisa_error_shape(AisaSimulator simulator) {
        HttpResponse<String> response = get(simulator, "/v1/credits/usage");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unknown_endpoint");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("/v1/credits/usage");
        assertThat(error.path("request_id").asText()).isNotBlank();
    }

    @Test
    void a_chat_request_without_messages_is_400(AisaSimulator simulator) {
        HttpResponse<String> response =
                post(simulator, "/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("missing_parameter");
    }

    // ---- response shapes (wire §2, §3.2) ----

    /** The spec's required fields of a chat completion; {@code logprobs} and {@code refusal} are required, nullable. */
    @Test
    void a_chat_completion_has_every_field_the_spec_requires(AisaSimulator simulator) {
        HttpResponse<String> response =
                post(simulator, "/v1/chat/completions", chatBody("gpt-4o-mini", "shape check", false));
        JsonNode body = json(response.body());
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");

        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(body.path("id").asText()).isNotBlank();
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").isIntegralNumber()).isTrue();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(choice.path("index").asInt(-1)).isZero();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").asText()).contains("shape check");
        assertThat(choice.has("logprobs"))
                .as("choices[0].logprobs (required, nullable) in %s", choice)
                .isTrue();
        assertThat(message.has("refusal"))
                .as("message.refusal (required, nullable) in %s", message)
                .isTrue();
    }

    @Test
    void a_chat_stream_has_the_openai_chunk_shape(AisaSimulator simulator) {
        String blockingText = simulator.chatModel("gpt-4o-mini").chat("stream shape");
        HttpResponse<String> response =
                post(simulator, "/v1/chat/completions", chatBody("gpt-4o-mini", "stream shape", true));
        List<String> data = sseData(response.body());

        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(data).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream()
                .map(SimulatorTestSupport::json)
                .toList();
        assertThat(chunks)
                .extracting(chunk -> chunk.path("id").asText())
                .containsOnly(chunks.get(0).path("id").asText());
        assertThat(chunks)
                .extracting(chunk -> chunk.path("created").asLong())
                .containsOnly(chunks.get(0).path("created").asLong());
        assertThat(chunks).extracting(chunk -> chunk.path("object").asText()).containsOnly("chat.completion.chunk");
        assertThat(chunks.get(0)
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("role")
                        .asText())
                .isEqualTo("assistant");
        JsonNode finish = chunks.get(chunks.size() - 2).path("choices").path(0);
        assertThat(finish.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(chunks.size() - 1).path("choices")).isEmpty();
        String streamedText = chunks.stream()
                .map(chunk -> chunk.path("choices")
                        .path(0)
                        .path("delta")
                        .path("content")
                        .asText(""))
                .collect(Collectors.joining());
        assertThat(streamedText).isEqualTo(blockingText);
        assertThat(chunks.subList(1, chunks.size() - 2))
                .as("text pieces")
                .hasSizeGreaterThan(1)
                .allSatisfy(chunk -> assertThat(chunk.path("choices").path(0).has("finish_reason"))
                        .isTrue());
    }
}
