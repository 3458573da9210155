package one.aisa.langchain4j;

import static one.aisa.langchain4j.GeminiStub.googleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On the native Gemini route too, the API key never shows in a {@code toString()}, an exception message, the messages
 * of its causes, a stack trace or a log line, with request and response logging on.
 */
class AisaGeminiChatModelSecrecyTest {

    private static final String KEY = GatewayStub.API_KEY;

    /** The tail LangChain4j's own logging would leave visible. */
    private static final String KEY_TAIL = KEY.substring(KEY.length() - 6);

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GeminiStub gemini = new GeminiStub(server);

    private AisaGeminiChatModel loggingModel(int maxRetries) {
        return gemini.model()
                .logRequests(true)
                .logResponses(true)
                .maxRetries(maxRetries)
                .build();
    }

    /** Asks a logging model against {@code response}; checks the logs and returns what was thrown. */
    private Throwable failWithCleanLogs(ResponseDefinitionBuilder response, int maxRetries) {
        gemini.respond(response);
        try (LogCapture logs = new LogCapture("one.aisa.langchain4j")) {
            Throwable thrown = catchThrowable(() -> loggingModel(maxRetries).chat(UserMessage.from("hi")));
            assertThat(logs.messages()).isNotEmpty().allMatch(line -> !line.contains(KEY) && !line.contains(KEY_TAIL));
            return thrown;
        }
    }

    private static void assertKeyFree(Throwable thrown) {
        assertThat(thrown).isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            messages.add(cause.toString());
            for (Throwable suppressed : cause.getSuppressed()) {
                messages.add(suppressed.toString());
            }
        }
        assertThat(messages).allMatch(message -> !message.contains(KEY) && !message.contains(KEY_TAIL));
        if (thrown instanceof AisaError error) {
            assertThat(error.details().toString()).doesNotContain(KEY);
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(KEY);
    }

    @Test
    void to_string_of_model_and_builder_masks_the_key() {
        AisaGeminiChatModel.AisaGeminiChatModelBuilder builder =
                gemini.model().logRequests(true).logResponses(true);
        AisaGeminiChatModel model = builder.build();

        assertThat(builder.toString()).doesNotContain(KEY).contains("apiKey=***");
        assertThat(model.toString()).doesNotContain(KEY).contains("apiKey=***");
    }

    @Test
    void a_key_echoed_in_a_google_error_is_removed_from_the_exception_and_the_logs() {
        String body = googleError(
                400, "INVALID_ARGUMENT", "API key not valid: " + KEY + ". Please pass a valid API key.", """
                [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]""");

        Throwable thrown = failWithCleanLogs(GeminiStub.error(400, body), 0);

        assertThat(thrown).isExactlyInstanceOf(AisaAuthenticationException.class);
        assertThat(thrown.getMessage()).contains("API key not valid: ***");
        assertKeyFree(thrown);
    }

    @Test
    void a_key_echoed_in_a_retried_server_error_is_in_no_retry_warning() {
        String body = googleError(503, "UNAVAILABLE", "Overloaded while serving key " + KEY, "[]");

        Throwable thrown = failWithCleanLogs(GeminiStub.error(503, body), 1);

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(gemini.rawRequests()).hasSize(2);
        assertKeyFree(thrown);
    }

    @Test
    void a_key_in_a_200_body_that_is_not_json_is_in_no_cause() {
        Throwable thrown = failWithCleanLogs(GeminiStub.json("{\"candidates\": [{\"oops\": \"" + KEY), 0);

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertKeyFree(thrown);
    }

    /** The mapping module's Jackson error quotes the value it could not bind: the key, here. */
    @Test
    void a_key_in_a_field_the_mapping_cannot_bind_is_in_no_cause() {
        String body =
                GeminiStub.text("Paris.").replace("\"promptTokenCount\": 31", "\"promptTokenCount\": \"" + KEY + "\"");

        Throwable thrown = failWithCleanLogs(GeminiStub.json(body), 0);

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertKeyFree(thrown);
    }

    @Test
    void request_and_response_logs_mask_the_key_completely() {
        gemini.respondJson(GeminiStub.text("your key is " + KEY));

        ChatResponse response;
        try (LogCapture logs = new LogCapture("one.aisa.langchain4j")) {
            response = loggingModel(0).chat(UserMessage.from("is my key " + KEY + " valid?"));

            assertThat(logs.messages()).anyMatch(line -> line.contains("AIsa HTTP request"));
            assertThat(logs.messages()).anyMatch(line -> line.contains("AIsa HTTP response"));
            assertThat(logs.messages()).anyMatch(line -> line.contains("Authorization=***"));
            assertThat(logs.messages()).allMatch(line -> !line.contains(KEY) && !line.contains(KEY_TAIL));
        }
        // the answer is the user's data and is left as it came
        assertThat(response.aiMessage().text()).contains(KEY);
    }
}
