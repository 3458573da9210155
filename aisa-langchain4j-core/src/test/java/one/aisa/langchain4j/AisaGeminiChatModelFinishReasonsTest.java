package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.ContentPolicyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a Gemini answer ends: every {@code finishReason} with content is an answer with LangChain4j's finish reason and
 * Gemini's own one; a blocked prompt or a candidate without content is a typed exception, never an empty answer.
 */
class AisaGeminiChatModelFinishReasonsTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GeminiStub gemini = new GeminiStub(server);

    private Throwable askOnce() {
        return catchThrowable(() -> gemini.model().build().chat(UserMessage.from("Tell me something.")));
    }

    private void assertNotRetried() {
        assertThat(gemini.rawRequests()).hasSize(1);
        assertThat(gemini.sleeper.waits).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "FINISH_REASON_UNSPECIFIED, OTHER",
        "STOP,                      STOP",
        "MAX_TOKENS,                LENGTH",
        "SAFETY,                    CONTENT_FILTER",
        "RECITATION,                CONTENT_FILTER",
        "LANGUAGE,                  CONTENT_FILTER",
        "OTHER,                     OTHER",
        "BLOCKLIST,                 CONTENT_FILTER",
        "PROHIBITED_CONTENT,        CONTENT_FILTER",
        "SPII,                      CONTENT_FILTER",
        "MALFORMED_FUNCTION_CALL,   OTHER",
        "IMAGE_SAFETY,              CONTENT_FILTER",
        "IMAGE_PROHIBITED_CONTENT,  CONTENT_FILTER",
        "IMAGE_OTHER,               OTHER",
        "NO_IMAGE,                  OTHER",
        "IMAGE_RECITATION,          CONTENT_FILTER",
        "UNEXPECTED_TOOL_CALL,      OTHER",
        "TOO_MANY_TOOL_CALLS,       OTHER"
    })
    void every_finish_reason_with_content_is_mapped_and_kept_raw(String raw, FinishReason expected) {
        gemini.respondJson(GeminiStub.answer("[{\"text\": \"Partial answer.\"}]", raw));

        ChatResponse response = gemini.model().build().chat(UserMessage.from("Tell me something."));

        assertThat(response.aiMessage().text()).isEqualTo("Partial answer.");
        assertThat(response.finishReason()).isEqualTo(expected);
        assertThat(((AisaGeminiChatResponseMetadata) response.metadata()).rawFinishReason())
                .isEqualTo(raw);
    }

    /** Google adds finish reasons often; a new one must not turn a good answer into an error. */
    @Test
    void a_finish_reason_added_after_this_release_is_other_and_kept_raw() {
        gemini.respondJson(GeminiStub.answer("[{\"text\": \"Partial answer.\"}]", "A_REASON_ADDED_LATER"));

        ChatResponse response = gemini.model().build().chat(UserMessage.from("Tell me something."));

        assertThat(response.aiMessage().text()).isEqualTo("Partial answer.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
        assertThat(((AisaGeminiChatResponseMetadata) response.metadata()).rawFinishReason())
                .isEqualTo("A_REASON_ADDED_LATER");
    }

    @Test
    void a_blocked_prompt_is_a_content_policy_exception_naming_the_block_reason_and_is_not_retried() {
        gemini.respondJson("""
                {
                  "promptFeedback": {
                    "blockReason": "SAFETY",
                    "safetyRatings": [
                      {"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT", "probability": "NEGLIGIBLE"},
                      {"category": "HARM_CATEGORY_HATE_SPEECH", "probability": "HIGH"},
                      {"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"},
                      {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "NEGLIGIBLE"}
                    ]
                  },
                  "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8},
                  "modelVersion": "gemini-2.5-flash",
                  "responseId": "bLocKeDpRoMpT"
                }
                """);

        Throwable thrown = askOnce();

        assertThat(thrown).isExactlyInstanceOf(ContentPolicyException.class).isInstanceOf(NonRetriableException.class);
        assertThat(thrown.getMessage()).contains("blockReason SAFETY");
        assertThat(((AisaError) thrown).details().code()).isEqualTo("SAFETY");
        assertThat(((AisaError) thrown).details().requestId()).isEqualTo("req_gemini_1");
        assertNotRetried();
    }

    @Test
    void a_candidate_without_content_finished_by_safety_is_a_content_policy_exception() {
        gemini.respondJson("""
                {
                  "candidates": [
                    {
                      "finishReason": "SAFETY",
                      "index": 0,
                      "safetyRatings": [
                        {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": true},
                        {"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}
                      ]
                    }
                  ],
                  "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 12},
                  "modelVersion": "gemini-2.5-flash",
                  "responseId": "sAfEtYnOcOnTeNt"
                }
                """);

        Throwable thrown = askOnce();

        assertThat(thrown).isExactlyInstanceOf(ContentPolicyException.class);
        assertThat(thrown.getMessage()).contains("finishReason SAFETY");
        assertThat(((AisaError) thrown).details().code()).isEqualTo("SAFETY");
        assertNotRetried();
    }

    @Test
    void a_candidate_without_content_finished_by_max_tokens_asks_for_more_max_tokens() {
        gemini.respondJson("""
                {
                  "candidates": [{"finishReason": "MAX_TOKENS", "index": 0}],
                  "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 268, "thoughtsTokenCount": 256},
                  "modelVersion": "gemini-2.5-flash",
                  "responseId": "mAxToKeNs"
                }
                """);

        Throwable thrown = askOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaInvalidRequestException.class);
        assertThat(thrown.getMessage()).contains("MAX_TOKENS").contains("maxTokens");
        assertNotRetried();
    }

    /** What Gemini 2.5 sends when thinking spent the whole output budget: a content with a role and no parts. */
    @Test
    void a_content_without_parts_counts_as_no_content() {
        gemini.respondJson("""
                {
                  "candidates": [{"content": {"role": "model"}, "finishReason": "MAX_TOKENS", "index": 0}],
                  "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 268, "thoughtsTokenCount": 256},
                  "modelVersion": "gemini-2.5-flash",
                  "responseId": "nOpArTs"
                }
                """);

        Throwable thrown = askOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaInvalidRequestException.class);
        assertThat(thrown.getMessage()).contains("maxTokens");
        assertNotRetried();
    }

    @Test
    void a_content_with_only_a_thought_counts_as_no_content() {
        gemini.respondJson(GeminiStub.answer(
                "[{\"text\": \"Let me think about the whole history of France first...\", \"thought\": true}]",
                "MAX_TOKENS"));

        Throwable thrown = askOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaInvalidRequestException.class);
        assertThat(thrown.getMessage()).contains("maxTokens");
        assertNotRetried();
    }
}
