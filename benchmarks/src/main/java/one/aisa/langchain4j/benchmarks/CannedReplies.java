package one.aisa.langchain4j.benchmarks;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Chat completion bodies shaped like the gateway's: OpenAI's fields plus {@code usage.cost} and
 * {@code usage.credits_remaining}. Sent compact, as the gateway does, so the bytes parsed match production. Public
 * for the harnesses.
 */
public final class CannedReplies {

    static final String TEXT_ANSWER = "The capital of France is Paris. It has been the country's political and"
            + " cultural centre for centuries and sits on the Seine.";

    static final byte[] TEXT = text(TEXT_ANSWER);

    static final byte[] TOOL_CALLS = bytes("""
            {"id":"chatcmpl-AIsa4c1d9e2f7a8b5c6d","object":"chat.completion","created":1735689601,\
            "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":null,\
            "tool_calls":[{"id":"call_Qz7LmP1xV9aB3cD5eF","type":"function","function":{"name":"get_weather",\
            "arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}},{"id":"call_Rk2NwS8yT4gH6jK0lM",\
            "type":"function","function":{"name":"get_local_time","arguments":"{\\"city\\":\\"Paris\\"}"}}],\
            "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":\
            {"prompt_tokens":112,"completion_tokens":58,"total_tokens":170,"prompt_tokens_details":\
            {"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,\
            "audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0},"cost":0.0000516,\
            "credits_remaining":12.3456273},"service_tier":"default","system_fingerprint":"fp_0ba0d124f1"}""");

    private CannedReplies() {}

    /** A plain assistant message with this text, as {@link #TEXT} is for {@link #TEXT_ANSWER}. */
    public static byte[] text(String answer) {
        String content = new String(JsonStringEncoder.getInstance().quoteAsString(answer));
        return bytes("""
                {"id":"chatcmpl-AIsa9f8c2d1e7b4a6c3d","object":"chat.completion","created":1735689600,\
                "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant",\
                "content":"%s","refusal":null,"annotations":[]},"logprobs":null,\
                "finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":27,"total_tokens":51,\
                "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":\
                {"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0},\
                "cost":0.0000198,"credits_remaining":12.3456789},"service_tier":"default",\
                "system_fingerprint":"fp_0ba0d124f1"}""".formatted(content));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
