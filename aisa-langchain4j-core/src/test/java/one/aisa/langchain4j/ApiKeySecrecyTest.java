package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key never shows in a toString(), an exception message, a stack trace or a log line. */
class ApiKeySecrecyTest {

    private static final String KEY = GatewayStub.API_KEY;

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    @Test
    void to_string_of_model_and_builder_masks_the_key() {
        AisaChatModel.AisaChatModelBuilder builder = gateway.model();
        AisaChatModel model = builder.build();

        assertThat(builder.toString()).doesNotContain(KEY).contains("apiKey=***");
        assertThat(model.toString()).doesNotContain(KEY).contains("apiKey=***");
    }

    @Test
    void a_key_echoed_by_the_gateway_is_removed_from_the_exception() {
        gateway.respondError(401, """
                {"error":{"message":"Incorrect API key provided: %s. Get one at aisa.one",
                 "type":"authentication_error","code":"invalid_api_key","request_id":"req_9"}}
                """.formatted(KEY));

        Throwable thrown = catchThrowable(() -> gateway.model().build().chat("hi"));

        assertThat(thrown).isInstanceOf(AisaAuthenticationException.class);
        assertThat(thrown.getMessage()).doesNotContain(KEY).contains("Incorrect API key provided: ***");
        assertThat(((AisaError) thrown).details().message()).doesNotContain(KEY);
        assertThat(stackTraceOf(thrown)).doesNotContain(KEY);
    }

    @Test
    void a_key_echoed_in_an_unreadable_body_is_removed_from_the_exception() {
        gateway.respond(aResponse().withStatus(200).withBody("{\"oops\": \"" + KEY));

        Throwable thrown =
                catchThrowable(() -> gateway.model().maxRetries(0).build().chat("hi"));

        assertThat(thrown).isInstanceOf(AisaServerException.class);
        assertThat(stackTraceOf(thrown)).doesNotContain(KEY);
    }

    @Test
    void request_and_response_logs_mask_the_key_completely() {
        gateway.respondJson(GatewayStub.completion("your key is " + KEY));

        ChatResponse response;
        try (LogCapture logs = new LogCapture("one.aisa.langchain4j")) {
            response = gateway.model()
                    .logRequests(true)
                    .logResponses(true)
                    .build()
                    .chat(dev.langchain4j.data.message.UserMessage.from("is my key " + KEY + " valid?"));

            assertThat(logs.messages()).anyMatch(line -> line.contains("AIsa HTTP request"));
            assertThat(logs.messages()).anyMatch(line -> line.contains("AIsa HTTP response"));
            assertThat(logs.messages()).anyMatch(line -> line.contains("Authorization=***"));
            assertThat(logs.messages()).allMatch(line -> !line.contains(KEY));
            // not even the tail end that LangChain4j's own logger keeps
            assertThat(logs.messages()).allMatch(line -> !line.contains(KEY.substring(KEY.length() - 6)));
        }
        // the answer itself is the user's data and is not altered
        assertThat(response.aiMessage().text()).contains(KEY);
    }

    @Test
    void retry_warnings_and_connection_errors_do_not_carry_the_key() {
        gateway.respond(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        try (LogCapture logs = new LogCapture("one.aisa.langchain4j")) {
            Throwable thrown = catchThrowable(() -> gateway.model()
                    .logRequests(true)
                    .logResponses(true)
                    .maxRetries(1)
                    .build()
                    .chat("hi"));

            assertThat(thrown).isInstanceOf(AisaConnectionException.class);
            assertThat(stackTraceOf(thrown)).doesNotContain(KEY);
            assertThat(logs.messages()).anyMatch(line -> line.contains("Retrying"));
            assertThat(logs.messages()).allMatch(line -> !line.contains(KEY));
        }
    }

    private static String stackTraceOf(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
