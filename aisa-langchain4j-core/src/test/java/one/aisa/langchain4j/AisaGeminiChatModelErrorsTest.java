package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static one.aisa.langchain4j.GeminiStub.googleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import java.time.Duration;
import java.util.stream.Stream;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors in Google's shape on the native Gemini route: each becomes the exception {@link AisaChatModel} makes of the
 * same status and body, 429 waits for {@code RetryInfo.retryDelay}, 5xx are retried with backoff, and a 200 that
 * carries an error or is not JSON is an error too. Waits are recorded by {@link GeminiStub#sleeper}, never slept.
 */
class AisaGeminiChatModelErrorsTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GeminiStub gemini = new GeminiStub(server);
    private final GatewayStub openAiRoute = new GatewayStub(server);

    private static final String NO_DETAILS = "[]";

    private static final String RESOURCE_EXHAUSTED =
            googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", """
                    [
                      {
                        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                        "violations": [
                          {
                            "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                            "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                            "quotaDimensions": {"location": "global", "model": "gemini-2.5-flash"},
                            "quotaValue": "10"
                          }
                        ]
                      },
                      {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "7s"}
                    ]""");

    private static final RetryPolicy EXACT_BACKOFF = RetryPolicy.builder()
            .maxRetries(2)
            .jitter(0)
            .initialBackoff(Duration.ofSeconds(1))
            .multiplier(2)
            .build();

    private Throwable ask(AisaGeminiChatModel model) {
        return catchThrowable(() -> model.chat(UserMessage.from("Capital of France?")));
    }

    static Stream<Arguments> clientErrors() {
        return Stream.of(
                Arguments.of(
                        "400 INVALID_ARGUMENT",
                        400,
                        googleError(
                                400,
                                "INVALID_ARGUMENT",
                                "Invalid JSON payload received. Unknown name \"additionalProperties\" at"
                                        + " 'tools[0].function_declarations[0].parameters': Cannot find field.",
                                """
                                [
                                  {
                                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                                    "fieldViolations": [
                                      {
                                        "field": "tools[0].function_declarations[0].parameters",
                                        "description": "Invalid JSON payload received. Unknown name \\"additionalProperties\\" at 'tools[0].function_declarations[0].parameters': Cannot find field."
                                      }
                                    ]
                                  }
                                ]"""),
                        AisaInvalidRequestException.class,
                        "Unknown name \"additionalProperties\""),
                Arguments.of(
                        "400 API_KEY_INVALID",
                        400,
                        googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", """
                                [
                                  {
                                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                    "reason": "API_KEY_INVALID",
                                    "domain": "googleapis.com",
                                    "metadata": {"service": "generativelanguage.googleapis.com"}
                                  }
                                ]"""),
                        AisaAuthenticationException.class,
                        "API key not valid."),
                Arguments.of(
                        "403 PERMISSION_DENIED",
                        403,
                        googleError(403, "PERMISSION_DENIED", "The caller does not have permission", NO_DETAILS),
                        AisaAuthenticationException.class,
                        "The caller does not have permission"),
                Arguments.of(
                        "404 NOT_FOUND model",
                        404,
                        googleError(
                                404,
                                "NOT_FOUND",
                                "models/gemini-9-pro is not found for API version v1beta, or is not supported for"
                                        + " generateContent. Call ListModels to see the list of available models and"
                                        + " their supported methods.",
                                NO_DETAILS),
                        AisaModelNotFoundException.class,
                        "models/gemini-9-pro is not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientErrors")
    void maps_a_google_client_error_as_the_openai_compatible_route_maps_it_and_does_not_retry_it(
            String name, int status, String body, Class<? extends RuntimeException> expected, String messagePart) {
        gemini.respond(GeminiStub.error(status, body));
        openAiRoute.respondError(status, body);

        Throwable thrown = ask(gemini.model().build());

        assertThat(thrown).isExactlyInstanceOf(expected).isInstanceOf(NonRetriableException.class);
        assertThat(catchThrowable(
                        () -> openAiRoute.model().maxRetries(0).build().chat("hi")))
                .as("what AisaChatModel makes of the same body")
                .isExactlyInstanceOf(expected);
        assertThat(thrown.getMessage()).startsWith("AIsa gateway error").contains(messagePart);
        AisaErrorDetails details = ((AisaError) thrown).details();
        assertThat(details.statusCode()).isEqualTo(status);
        assertThat(details.code()).isEqualTo(String.valueOf(status));
        assertThat(details.requestId()).isEqualTo("req_gemini_error");
        assertThat(gemini.rawRequests()).hasSize(1);
        assertThat(gemini.sleeper.waits).isEmpty();
    }

    /**
     * Google names a bad key in {@code ErrorInfo.reason} ({@code API_KEY_INVALID}, {@code API_KEY_EXPIRED}); the
     * message alone ("API key expired. Please renew the API key.") matches no "invalid key" wording.
     */
    @Test
    void an_error_info_reason_about_the_api_key_is_an_authentication_error() {
        gemini.respond(GeminiStub.error(
                400, googleError(400, "INVALID_ARGUMENT", "API key expired. Please renew the API key.", """
                        [
                          {
                            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                            "reason": "API_KEY_EXPIRED",
                            "domain": "googleapis.com",
                            "metadata": {"service": "generativelanguage.googleapis.com"}
                          }
                        ]""")));

        Throwable thrown = ask(gemini.model().build());

        assertThat(thrown).isExactlyInstanceOf(AisaAuthenticationException.class);
        assertThat(thrown.getMessage()).contains("API key expired.");
        assertThat(gemini.rawRequests()).hasSize(1);
    }

    @Test
    void a_resource_exhausted_429_is_a_rate_limit_with_the_retry_delay_of_its_details() {
        gemini.respond(GeminiStub.error(429, RESOURCE_EXHAUSTED));

        Throwable thrown = ask(gemini.model().maxRetries(0).build());

        assertThat(thrown).isExactlyInstanceOf(AisaRateLimitException.class);
        assertThat(thrown.getMessage()).contains("Resource has been exhausted");
        assertThat(((AisaError) thrown).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(((AisaError) thrown).details().type()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void waits_the_retry_delay_of_a_429_then_retries() {
        gemini.respondInTurn(GeminiStub.error(429, RESOURCE_EXHAUSTED), GeminiStub.json(GeminiStub.text("Paris.")));

        String answer = gemini.model()
                .build()
                .chat(UserMessage.from("Capital of France?"))
                .aiMessage()
                .text();

        assertThat(answer).isEqualTo("Paris.");
        assertThat(gemini.sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(gemini.rawRequests()).hasSize(2);
    }

    static Stream<Arguments> serverErrors() {
        return Stream.of(
                Arguments.of(
                        500,
                        googleError(
                                500,
                                "INTERNAL",
                                "An internal error has occurred. Please retry or report in"
                                        + " https://developers.generativeai.google/guide/troubleshooting",
                                NO_DETAILS),
                        "An internal error has occurred."),
                Arguments.of(
                        503,
                        googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", NO_DETAILS),
                        "The model is overloaded."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverErrors")
    void retries_a_server_error_with_backoff_then_surfaces_it(int status, String body, String messagePart) {
        gemini.respond(GeminiStub.error(status, body));

        Throwable thrown = ask(gemini.model().retryPolicy(EXACT_BACKOFF).build());

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage()).contains(messagePart);
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(status);
        assertThat(gemini.rawRequests()).hasSize(3);
        assertThat(gemini.sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void a_server_error_that_clears_up_is_retried_to_an_answer() {
        gemini.respondInTurn(
                GeminiStub.error(
                        503,
                        googleError(
                                503, "UNAVAILABLE", "The model is overloaded. Please try again later.", NO_DETAILS)),
                GeminiStub.json(GeminiStub.text("Paris.")));

        String answer = gemini.model()
                .retryPolicy(EXACT_BACKOFF)
                .build()
                .chat(UserMessage.from("Capital of France?"))
                .aiMessage()
                .text();

        assertThat(answer).isEqualTo("Paris.");
        assertThat(gemini.sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void an_error_inside_a_200_body_is_the_error_it_stands_for() {
        gemini.respondJson(
                googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", NO_DETAILS));

        Throwable thrown = ask(gemini.model().maxRetries(0).build());

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class).isInstanceOf(RetriableException.class);
        assertThat(thrown.getMessage()).contains("The model is overloaded.");
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(503);
        assertThat(((AisaError) thrown).requestId()).isEqualTo("req_gemini_1");
    }

    @Test
    void a_200_body_that_is_not_json_is_a_server_error() {
        gemini.respond(GeminiStub.json("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Par"));

        Throwable thrown = ask(gemini.model().maxRetries(0).build());

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage()).contains("not valid JSON").contains("{\"candidates\"");
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(200);
        assertThat(((AisaError) thrown).requestId()).isEqualTo("req_gemini_1");
    }

    @Test
    void an_html_page_with_status_200_is_a_server_error() {
        gemini.respond(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>Service Unavailable</title></head><body>upstream reset</body></html>"));

        Throwable thrown = ask(gemini.model().maxRetries(0).build());

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage()).contains("not valid JSON");
    }
}
