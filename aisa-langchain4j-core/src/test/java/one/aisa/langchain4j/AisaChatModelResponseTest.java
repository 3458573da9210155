package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@link AisaChatModel} maps what the gateway answers: message, tool calls, usage, cost, metadata. */
class AisaChatModelResponseTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    // ---------------------------------------------------------------- message

    @Test
    void plain_text_answer() {
        gateway.respondJson(response("{\"role\":\"assistant\",\"content\":\"Berlin is the capital.\"}", "stop"));

        ChatResponse response = chat();

        AiMessage message = response.aiMessage();
        assertThat(message.text()).isEqualTo("Berlin is the capital.");
        assertThat(message.hasToolExecutionRequests()).isFalse();
        assertThat(message.thinking()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void content_null_with_one_tool_call() {
        gateway.respondJson(response("""
                {"role":"assistant","content":null,"refusal":null,
                 "tool_calls":[{"id":"call_a1","type":"function",
                                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}
                """, "tool_calls"));

        AiMessage message = chat().aiMessage();

        assertThat(message.text()).isNull();
        assertThat(message.toolExecutionRequests())
                .containsExactly(ToolExecutionRequest.builder()
                        .id("call_a1")
                        .name("get_weather")
                        .arguments("{\"city\":\"Paris\"}")
                        .build());
    }

    @Test
    void two_parallel_tool_calls_keep_their_order_ids_names_and_arguments() {
        gateway.respondJson(response("""
                {"role":"assistant","content":null,
                 "tool_calls":[
                   {"id":"call_a1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"id":"call_b2","type":"function","function":{"name":"get_time","arguments":"{\\"tz\\":\\"CET\\"}"}}]}
                """, "tool_calls"));

        ChatResponse response = chat();

        List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).id()).isEqualTo("call_a1");
        assertThat(calls.get(0).name()).isEqualTo("get_weather");
        assertThat(calls.get(0).arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(calls.get(1).id()).isEqualTo("call_b2");
        assertThat(calls.get(1).name()).isEqualTo("get_time");
        assertThat(calls.get(1).arguments()).isEqualTo("{\"tz\":\"CET\"}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void text_and_tool_calls_together_are_both_kept() {
        gateway.respondJson(response("""
                {"role":"assistant","content":"Let me check the weather.",
                 "tool_calls":[{"id":"call_1","type":"function",
                                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}
                """, "tool_calls"));

        AiMessage message = chat().aiMessage();

        assertThat(message.text()).isEqualTo("Let me check the weather.");
        assertThat(message.toolExecutionRequests()).hasSize(1);
        assertThat(message.toolExecutionRequests().get(0).name()).isEqualTo("get_weather");
    }

    @Test
    void tool_call_arguments_sent_as_a_json_object_become_an_equivalent_json_string() throws Exception {
        gateway.respondJson(response("""
                {"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function",
                                "function":{"name":"plan_trip",
                                            "arguments":{"city":"Paris","days":3,"budget":1250.5,
                                                         "tags":["museum","food"],"hotel":{"stars":4,"pool":true}}}}]}
                """, "tool_calls"));

        ToolExecutionRequest call = chat().aiMessage().toolExecutionRequests().get(0);

        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.name()).isEqualTo("plan_trip");
        assertThat(GatewayStub.JSON.readTree(call.arguments())).isEqualTo(json("""
                        {"city":"Paris","days":3,"budget":1250.5,"tags":["museum","food"],"hotel":{"stars":4,"pool":true}}
                        """));
    }

    @Test
    void empty_tool_call_arguments_become_an_empty_json_object() {
        gateway.respondJson(response("""
                {"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":""}}]}
                """, "tool_calls"));

        ToolExecutionRequest call = chat().aiMessage().toolExecutionRequests().get(0);

        assertThat(call.name()).isEqualTo("get_time");
        assertThat(call.arguments()).isEqualTo("{}");
    }

    @Test
    void tool_call_without_type_is_still_returned() {
        gateway.respondJson(response("""
                {"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_x","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]}
                """, "tool_calls"));

        ChatResponse response = chat();

        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(ToolExecutionRequest.builder()
                        .id("call_x")
                        .name("get_weather")
                        .arguments("{\"city\":\"Rome\"}")
                        .build());
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void legacy_function_call_becomes_a_tool_execution_request() {
        gateway.respondJson(response("""
                {"role":"assistant","content":null,
                 "function_call":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}
                """, "function_call"));

        ChatResponse response = chat();

        List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).isEqualTo("get_weather");
        assertThat(calls.get(0).arguments()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    // ---------------------------------------------------------------- reasoning

    @Test
    void reasoning_content_becomes_thinking_when_return_thinking_is_on() {
        gateway.respondJson(response(
                "{\"role\":\"assistant\",\"reasoning_content\":\"9.11 vs 9.8: compare tenths...\","
                        + "\"content\":\"9.8 is greater.\"}",
                "stop"));

        AiMessage message = gateway.model()
                .returnThinking(true)
                .build()
                .chat(UserMessage.from("?"))
                .aiMessage();

        assertThat(message.thinking()).isEqualTo("9.11 vs 9.8: compare tenths...");
        assertThat(message.text()).isEqualTo("9.8 is greater.");
    }

    @Test
    void reasoning_content_is_dropped_when_return_thinking_is_off() {
        gateway.respondJson(response(
                "{\"role\":\"assistant\",\"reasoning_content\":\"hidden chain\",\"content\":\"9.8 is greater.\"}",
                "stop"));

        AiMessage message = chat().aiMessage();

        assertThat(message.thinking()).isNull();
        assertThat(message.text()).isEqualTo("9.8 is greater.");
    }

    @Test
    void reasoning_alias_becomes_thinking_when_return_thinking_is_on() {
        gateway.respondJson(response(
                "{\"role\":\"assistant\",\"reasoning\":\"thought via the alias\",\"content\":\"Done.\"}", "stop"));

        AiMessage message = gateway.model()
                .returnThinking(true)
                .build()
                .chat(UserMessage.from("?"))
                .aiMessage();

        assertThat(message.thinking()).isEqualTo("thought via the alias");
        assertThat(message.text()).isEqualTo("Done.");
    }

    // ---------------------------------------------------------------- usage

    @Test
    void usage_with_cached_and_reasoning_token_details() {
        gateway.respondJson("""
                {"id":"chatcmpl-u","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,
                   "prompt_tokens_details":{"cached_tokens":64,"audio_tokens":0},
                   "completion_tokens_details":{"reasoning_tokens":5,"audio_tokens":0,
                     "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}
                """);

        ChatResponse response = chat();

        OpenAiTokenUsage usage = metadata(response).tokenUsage();
        assertThat(usage).isInstanceOf(OpenAiTokenUsage.class);
        assertThat(usage.inputTokenCount()).isEqualTo(82);
        assertThat(usage.outputTokenCount()).isEqualTo(17);
        assertThat(usage.totalTokenCount()).isEqualTo(99);
        assertThat(usage.totalTokenCount()).isEqualTo(usage.inputTokenCount() + usage.outputTokenCount());
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(64);
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(5);
        assertThat(response.tokenUsage()).isEqualTo(usage);
    }

    @Test
    void deepseek_usage_and_unknown_top_level_fields_are_ignored() {
        gateway.respondJson("""
                {"id":"e1b2","object":"chat.completion","created":1737000000,"model":"deepseek-reasoner",
                 "system_fingerprint":null,"obfuscation":"x9Yq","provider":"DeepSeek",
                 "prompt_filter_results":[],"moderation":{"flagged":false},
                 "timings":{"prompt_ms":12.5},
                 "choices":[{"index":0,"finish_reason":"stop","native_finish_reason":"stop","logprobs":null,
                   "stop_reason":null,"content_filter_results":{},
                   "message":{"role":"assistant","content":"9.8 is greater.","refusal":null,"annotations":[
                     {"type":"url_citation","url_citation":{"start_index":0,"end_index":3,"url":"https://x.example","title":"X"}}]}}],
                 "usage":{"prompt_tokens":17,"completion_tokens":310,"total_tokens":327,
                   "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":291},
                   "prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":17,"num_sources_used":0,
                   "is_byok":false,"cost_details":{"upstream_inference_cost":null}}}
                """);

        ChatResponse response = chat();

        assertThat(response.aiMessage().text()).isEqualTo("9.8 is greater.");
        AisaChatResponseMetadata metadata = metadata(response);
        assertThat(metadata.id()).isEqualTo("e1b2");
        assertThat(metadata.systemFingerprint()).isNull();
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(metadata.tokenUsage().inputTokenCount()).isEqualTo(17);
        assertThat(metadata.tokenUsage().outputTokenCount()).isEqualTo(310);
        assertThat(metadata.tokenUsage().totalTokenCount()).isEqualTo(327);
        assertThat(metadata.tokenUsage().inputTokensDetails().cachedTokens()).isZero();
        assertThat(metadata.tokenUsage().outputTokensDetails().reasoningTokens())
                .isEqualTo(291);
        assertThat(metadata.cost()).isNull();
    }

    @Test
    void missing_usage_gives_null_token_usage_and_null_cost() {
        gateway.respondJson("""
                {"id":"chatcmpl-nu","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}]}
                """);

        ChatResponse response = chat();

        assertThat(response.aiMessage().text()).isEqualTo("ok");
        assertThat(metadata(response).tokenUsage()).isNull();
        assertThat(response.tokenUsage()).isNull();
        assertThat(metadata(response).cost()).isNull();
        assertThat(metadata(response).creditsRemaining()).isNull();
        assertThat(metadata(response).id()).isEqualTo("chatcmpl-nu");
    }

    @Test
    void null_usage_gives_null_token_usage_and_null_cost() {
        gateway.respondJson("""
                {"id":"chatcmpl-nul","object":"chat.completion","created":1741570283,"model":"qwen-max",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":null}
                """);

        ChatResponse response = chat();

        assertThat(response.aiMessage().text()).isEqualTo("ok");
        assertThat(metadata(response).tokenUsage()).isNull();
        assertThat(metadata(response).cost()).isNull();
        assertThat(metadata(response).creditsRemaining()).isNull();
        assertThat(metadata(response).modelName()).isEqualTo("qwen-max");
    }

    // ---------------------------------------------------------------- cost

    @Test
    void usage_cost_is_an_exact_big_decimal_and_credits_remaining_is_read() {
        gateway.respondJson("""
                {"id":"chatcmpl-c","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,
                          "cost":0.000123456789,"credits_remaining":12.345678901234567}}
                """);

        AisaChatResponseMetadata metadata = metadata(chat());

        assertThat(metadata.cost()).isEqualTo(new BigDecimal("0.000123456789"));
        assertThat(metadata.cost().toPlainString()).isEqualTo("0.000123456789");
        assertThat(metadata.creditsRemaining()).isEqualTo(new BigDecimal("12.345678901234567"));
    }

    @Test
    void usage_cost_keeps_more_digits_than_a_double_can_hold() {
        gateway.respondJson("""
                {"id":"chatcmpl-p","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,
                          "cost":0.0001234567890123456789012,"credits_remaining":98765432.123456789012345}}
                """);

        AisaChatResponseMetadata metadata = metadata(chat());

        assertThat(metadata.cost()).isEqualTo(new BigDecimal("0.0001234567890123456789012"));
        assertThat(metadata.creditsRemaining()).isEqualTo(new BigDecimal("98765432.123456789012345"));
    }

    @Test
    void usage_cost_given_as_a_numeric_string_is_read() {
        gateway.respondJson("""
                {"id":"chatcmpl-s","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,
                          "cost":"0.0012","credits_remaining":"3.50"}}
                """);

        AisaChatResponseMetadata metadata = metadata(chat());

        assertThat(metadata.cost()).isEqualTo(new BigDecimal("0.0012"));
        assertThat(metadata.creditsRemaining()).isEqualByComparingTo(new BigDecimal("3.5"));
        assertThat(metadata.tokenUsage().totalTokenCount()).isEqualTo(11);
    }

    @Test
    void without_usage_cost_the_price_header_gives_the_cost() {
        gateway.respond(okJson("""
                {"id":"chatcmpl-h","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}
                """).withHeader("x-aisa-price-usd", "0.0031"));

        AisaChatResponseMetadata metadata = metadata(chat());

        assertThat(metadata.cost()).isEqualTo(new BigDecimal("0.0031"));
        assertThat(metadata.creditsRemaining()).isNull();
    }

    @Test
    void usage_cost_wins_over_the_price_header() {
        gateway.respond(okJson("""
                {"id":"chatcmpl-h2","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"cost":0.0042}}
                """).withHeader("x-aisa-price-usd", "0.0031"));

        assertThat(metadata(chat()).cost()).isEqualTo(new BigDecimal("0.0042"));
    }

    @Test
    void no_cost_anywhere_gives_null_cost() {
        gateway.respondJson(response("{\"role\":\"assistant\",\"content\":\"ok\"}", "stop"));

        AisaChatResponseMetadata metadata = metadata(chat());

        assertThat(metadata.cost()).isNull();
        assertThat(metadata.creditsRemaining()).isNull();
        assertThat(metadata.tokenUsage().totalTokenCount()).isEqualTo(15);
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void request_id_header_becomes_metadata_request_id() {
        gateway.respond(okJson(GatewayStub.completion("ok")).withHeader("x-request-id", "req_7f3a9c"));

        assertThat(metadata(chat()).requestId()).isEqualTo("req_7f3a9c");
    }

    @Test
    void no_request_id_header_gives_null_request_id() {
        gateway.respondJson(GatewayStub.completion("ok"));

        assertThat(metadata(chat()).requestId()).isNull();
    }

    @Test
    void model_name_is_the_answering_model_not_the_requested_one() {
        gateway.respondJson("""
                {"id":"chatcmpl-m","object":"chat.completion","created":1741570283,
                 "model":"claude-sonnet-4-5-20250929",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}]}
                """);

        ChatResponse response = chat();

        assertThat(gateway.lastRequest().get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(metadata(response).modelName()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.modelName()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void id_created_system_fingerprint_and_service_tier_are_carried() {
        gateway.respondJson("""
                {"id":"chatcmpl-AbC123","object":"chat.completion","created":1741570283,
                 "model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","service_tier":"default",
                 "choices":[{"index":0,"logprobs":null,"finish_reason":"stop",
                   "message":{"role":"assistant","content":"ok","refusal":null,"annotations":[]}}],
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
                """);

        ChatResponse response = chat();
        AisaChatResponseMetadata metadata = metadata(response);

        assertThat(metadata.id()).isEqualTo("chatcmpl-AbC123");
        assertThat(response.id()).isEqualTo("chatcmpl-AbC123");
        assertThat(metadata.created()).isEqualTo(1741570283L);
        assertThat(metadata.systemFingerprint()).isEqualTo("fp_44709d6fcb");
        assertThat(metadata.serviceTier()).isEqualTo("default");
    }

    // ---------------------------------------------------------------- finish reasons

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "stop, STOP",
        "length, LENGTH",
        "tool_calls, TOOL_EXECUTION",
        "content_filter, CONTENT_FILTER",
        "function_call, TOOL_EXECUTION",
        "end_turn, STOP",
        "max_tokens, LENGTH",
        "tool_use, TOOL_EXECUTION",
        "STOP, STOP",
        "MAX_TOKENS, LENGTH",
        "SAFETY, CONTENT_FILTER",
        "insufficient_system_resource, OTHER",
        "weird, OTHER"
    })
    void finish_reason_is_mapped_and_the_raw_value_kept(String raw, FinishReason expected) {
        gateway.respondJson(response("{\"role\":\"assistant\",\"content\":\"ok\"}", raw));

        ChatResponse response = chat();
        AisaChatResponseMetadata metadata = metadata(response);

        assertThat(metadata.finishReason()).isNotNull().isEqualTo(expected);
        assertThat(response.finishReason()).isEqualTo(expected);
        assertThat(metadata.rawFinishReason()).isEqualTo(raw);
    }

    @Test
    void stop_with_tool_calls_present_is_tool_execution() {
        gateway.respondJson(response("""
                {"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_g","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}
                """, "stop"));

        ChatResponse response = chat();

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(metadata(response).rawFinishReason()).isEqualTo("stop");
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
    }

    // ---------------------------------------------------------------- body quirks

    @Test
    void leading_blank_lines_before_the_json_body_still_parse() {
        gateway.respond(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("\n\n\r\n\n" + GatewayStub.completion("after the keep-alive")));

        ChatResponse response = chat();

        assertThat(response.aiMessage().text()).isEqualTo("after the keep-alive");
        assertThat(metadata(response).cost()).isEqualTo(new BigDecimal("0.0012"));
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(11);
    }

    @Test
    void refusal_raises_content_filtered_exception() {
        gateway.respondJson(response(
                "{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I'm sorry, I can't help with that.\"}",
                "stop"));

        assertThatThrownBy(this::chat)
                .isInstanceOf(ContentFilteredException.class)
                .hasMessageContaining("I'm sorry, I can't help with that.");
        assertThat(gateway.requests()).as("a refusal is not retried").hasSize(1);
    }

    @Test
    void the_raw_http_response_is_available() throws Exception {
        String body = """
                {"id":"chatcmpl-raw","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                 "provider":"OpenAI","x_extra":{"keep":"me"},
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"cost":0.0012}}
                """;
        gateway.respond(okJson(body).withHeader("x-request-id", "req_raw"));

        SuccessfulHttpResponse raw = metadata(chat()).rawHttpResponse();

        assertThat(raw).isNotNull();
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(GatewayStub.JSON.readTree(raw.body())).isEqualTo(json(body));
        assertThat(raw.headers().entrySet()).anySatisfy(header -> {
            assertThat(header.getKey()).isEqualToIgnoringCase("x-request-id");
            assertThat(header.getValue()).containsExactly("req_raw");
        });
    }

    // ---------------------------------------------------------------- helpers

    private ChatResponse chat() {
        return gateway.model().build().chat(UserMessage.from("hi"));
    }

    private static AisaChatResponseMetadata metadata(ChatResponse response) {
        assertThat(response.metadata()).isInstanceOf(AisaChatResponseMetadata.class);
        return (AisaChatResponseMetadata) response.metadata();
    }

    /** A chat completion with the given assistant message and finish reason, 10+5 tokens and no cost. */
    private static String response(String message, String finishReason) {
        return """
                {"id":"chatcmpl-r1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"logprobs":null,"finish_reason":%s,"message":%s}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
                """.formatted(GatewayStub.quote(finishReason), message);
    }

    private static JsonNode json(String text) {
        try {
            return GatewayStub.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
