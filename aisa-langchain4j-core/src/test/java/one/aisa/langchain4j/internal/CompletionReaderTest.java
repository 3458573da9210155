package one.aisa.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.JsonMutations;
import org.junit.jupiter.api.Test;

/**
 * The tree-free reading of a blocking answer: it takes the common bodies, and on every other body it either
 * declines or gives exactly what the careful path ({@link ResponseInspector}, then the tree bound) gives.
 */
class CompletionReaderTest {

    private static final String TEXT = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini-2024-07-18",
             "system_fingerprint":"fp_1","service_tier":"default",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Berlin","refusal":null,"annotations":[]},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,
                      "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                      "completion_tokens_details":{"reasoning_tokens":0},
                      "cost":0.00001980000000000000001,"credits_remaining":4.9988}}""";

    private static final String TOOL_CALLS = """
            {"id":"chatcmpl-2","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                 {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                 {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{\\"zone\\":\\"CET\\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30,"cost":"0.002"}}""";

    private static final String FUNCTION_CALL = """
            {"id":"chatcmpl-3","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,
                         "function_call":{"name":"get_weather","arguments":"{}"}},"finish_reason":"function_call"}]}""";

    private static final String THINKING = """
            {"id":"chatcmpl-4","object":"chat.completion","created":1741570283,"model":"deepseek-r1",
             "choices":[{"index":0,"message":{"role":"assistant","content":"42","reasoning":"Six times seven."},
                         "finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":8,"total_tokens":13,
                      "completion_tokens_details":{"reasoning_tokens":4},"cost":0.0001}}""";

    private final GatewayErrors errors = new GatewayErrors(new SecretRedactor("sk-test-key"), Clock.systemUTC());

    @Test
    void takes_the_common_bodies_whole_with_the_gateway_fields_as_sent() throws Exception {
        for (String body : List.of(TEXT, TOOL_CALLS, FUNCTION_CALL, THINKING)) {
            assertThat(CompletionReader.read(bytes(body))).as(body).isNotNull();
            assertSameAsCarefulPath(body);
        }
        CompletionReader.Clean text = CompletionReader.read(bytes(TEXT));
        assertThat(text.cost().decimalValue()).isEqualTo(new BigDecimal("0.00001980000000000000001"));
        assertThat(text.creditsRemaining().decimalValue()).isEqualTo(new BigDecimal("4.9988"));
        assertThat(text.completion().choices().get(0).message().content()).isEqualTo("Berlin");
        assertThat(CompletionReader.read(bytes(TOOL_CALLS)).cost().asText()).isEqualTo("0.002");
    }

    @Test
    void declines_what_the_careful_path_rejects_or_rewrites() {
        List<String> declined = List.of(
                TEXT.replace("\"object\":\"chat.completion\"", "\"object\":\"error\""),
                TEXT.replace("\"content\":\"Berlin\"", "\"content\":42"),
                TEXT.replace("\"created\":1741570283", "\"created\":\"1741570283\""),
                TEXT.replace("\"message\":{", "\"message\":null,\"x\":{"),
                TEXT + " trailing",
                TEXT.substring(0, TEXT.length() - 3),
                "null",
                "[]",
                "{\"error\":{\"message\":\"no channel\"}}",
                TOOL_CALLS.replace("\"type\":\"function\",", ""),
                TOOL_CALLS.replace("\"type\":\"function\"", "\"type\":\"custom\""),
                TOOL_CALLS.replace("\"{\\\"zone\\\":\\\"CET\\\"}\"", "{\"zone\":\"CET\"}"),
                TOOL_CALLS.replace("\"{\\\"zone\\\":\\\"CET\\\"}\"", "\" \""),
                TOOL_CALLS.replace("\"tool_calls\":[", "\"tool_calls\":[null,"),
                FUNCTION_CALL.replace("\"arguments\":\"{}\"", "\"arguments\":null"));
        for (String body : declined) {
            assertThat(CompletionReader.read(bytes(body))).as(body).isNull();
        }
    }

    @Test
    void every_mutation_is_declined_or_read_as_the_careful_path_reads_it() throws Exception {
        int taken = 0;
        int declined = 0;
        List<String> differ = new ArrayList<>();
        for (String base : List.of(TEXT, TOOL_CALLS, FUNCTION_CALL, THINKING)) {
            for (JsonMutations.Mutation mutation : JsonMutations.of(Json.MAPPER.readTree(base))) {
                String body = mutation.document().toString();
                if (CompletionReader.read(bytes(body)) == null) {
                    declined++;
                    continue;
                }
                taken++;
                String difference = differenceFromCarefulPath(body);
                if (difference != null) {
                    differ.add(mutation + ": " + difference);
                }
            }
        }
        assertThat(differ).isEmpty();
        // both kinds really occur: clean mutations (an extra field emptied, a detail removed) and declined ones
        assertThat(taken).isGreaterThan(20);
        assertThat(declined).isGreaterThan(50);
    }

    private void assertSameAsCarefulPath(String body) throws Exception {
        assertThat(differenceFromCarefulPath(body)).as(body).isNull();
    }

    /** How the tree-free reading differs from the careful one, or {@code null} when they agree. */
    private String differenceFromCarefulPath(String body) throws Exception {
        CompletionReader.Clean clean = CompletionReader.read(bytes(body));
        JsonNode tree;
        try {
            tree = new ResponseInspector(errors).readCompletion(response(body));
        } catch (LangChain4jException e) {
            return "the careful path rejects it: " + e.getMessage();
        }
        ChatCompletionResponse careful = Json.MAPPER.treeToValue(tree, ChatCompletionResponse.class);
        if (!careful.equals(clean.completion())) {
            return "bound differently: " + careful + " vs " + clean.completion();
        }
        UsageExtras expected = UsageExtras.read(tree.get("usage"), Map.of(), errors);
        UsageExtras actual = UsageExtras.read(clean.cost(), clean.creditsRemaining(), Map.of(), errors);
        return expected.equals(actual) ? null : "extras " + actual + " vs " + expected;
    }

    private static SuccessfulHttpResponse response(String body) {
        return SuccessfulHttpResponse.builder().statusCode(200).body(body).build();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
