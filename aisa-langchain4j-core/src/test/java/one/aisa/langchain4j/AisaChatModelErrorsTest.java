package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import one.aisa.langchain4j.exception.ContentPolicyException;
import one.aisa.langchain4j.exception.ContextLengthExceededException;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error status and body shape an upstream can send through the gateway must leave {@link AisaChatModel} as a
 * typed LangChain4j exception implementing {@link AisaError}, with the gateway's own words in the message: never a
 * NullPointerException, a raw Jackson exception, or an empty answer. No retries here: each case is one request.
 */
class AisaChatModelErrorsTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String HTML = "text/html";

    private static final String NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";

    /** One error response and what the model must make of it. */
    static final class Case {
        final String name;
        final int status;
        final String contentType;
        final String body;
        final Map<String, String> headers = new LinkedHashMap<>();
        Class<? extends RuntimeException> type;
        Class<? extends LangChain4jException> langChain4jType;
        boolean retriable;
        int detailsStatus;
        String messagePart;
        String code;
        String requestId;

        private Case(String name, int status, String contentType, String body) {
            this.name = name;
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            this.detailsStatus = status;
        }

        Case header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Case expect(Class<? extends RuntimeException> type, Class<? extends LangChain4jException> langChain4jType) {
            this.type = type;
            this.langChain4jType = langChain4jType;
            this.retriable = RetriableException.class.isAssignableFrom(langChain4jType);
            return this;
        }

        Case message(String messagePart) {
            this.messagePart = messagePart;
            return this;
        }

        Case code(String code) {
            this.code = code;
            return this;
        }

        Case requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        Case detailsStatus(int detailsStatus) {
            this.detailsStatus = detailsStatus;
            return this;
        }

        ResponseDefinitionBuilder response() {
            ResponseDefinitionBuilder response = aResponse().withStatus(status);
            if (contentType != null) {
                response.withHeader("Content-Type", contentType);
            }
            headers.forEach(response::withHeader);
            return response.withBody(body);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case when(String name, int status, String contentType, String body) {
        return new Case(name, status, contentType, body);
    }

    static Stream<Case> httpErrors() {
        return Stream.of(
                when("400 OpenAI four-key invalid_request_error", 400, JSON, """
                        {"error":{"message":"Invalid value for 'temperature': expected a number between 0 and 2.",
                          "type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("Invalid value for 'temperature'")
                        .code("invalid_value"),
                when("400 AIsa documented shape with request_id", 400, JSON, """
                        {"error":{"type":"invalid_request_error","code":"missing_parameter",
                          "message":"'messages' is a required property","request_id":"req_aisa_400"}}""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("'messages' is a required property")
                        .code("missing_parameter")
                        .requestId("req_aisa_400"),
                when("400 OpenAI context_length_exceeded", 400, JSON, """
                        {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
                          "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""")
                        .expect(ContextLengthExceededException.class, InvalidRequestException.class)
                        .message("maximum context length is 128000 tokens")
                        .code("context_length_exceeded"),
                when("400 llama.cpp exceed_context_size_error", 400, JSON, """
                        {"error":{"code":400,"message":"request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it",
                          "type":"exceed_context_size_error","n_prompt_tokens":9412,"n_ctx":8192}}""")
                        .expect(ContextLengthExceededException.class, InvalidRequestException.class)
                        .message("exceeds the available context size (8192 tokens)")
                        .code("400"),
                when("400 Anthropic prompt is too long", 400, JSON, """
                        {"type":"error","error":{"type":"invalid_request_error",
                          "message":"prompt is too long: 201234 tokens > 200000 maximum"},"request_id":"req_011CAnthropic"}""")
                        .expect(ContextLengthExceededException.class, InvalidRequestException.class)
                        .message("prompt is too long: 201234 tokens > 200000 maximum")
                        .requestId("req_011CAnthropic"),
                when("400 OpenAI content_policy_violation", 400, JSON, """
                        {"error":{"message":"Your request was rejected as a result of our safety system.",
                          "type":"invalid_request_error","param":null,"code":"content_policy_violation"}}""")
                        .expect(ContentPolicyException.class, ContentFilteredException.class)
                        .message("rejected as a result of our safety system")
                        .code("content_policy_violation"),
                when("422 AIsa content_policy_violation", 422, JSON, """
                        {"error":{"type":"invalid_request_error","code":"content_policy_violation",
                          "message":"The prompt violates the provider's usage policy.","request_id":"req_aisa_422"}}""")
                        .expect(ContentPolicyException.class, ContentFilteredException.class)
                        .message("The prompt violates the provider's usage policy.")
                        .code("content_policy_violation")
                        .requestId("req_aisa_422"),
                when("400 Azure content_filter", 400, JSON, """
                        {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                          "type":null,"param":"prompt","code":"content_filter","status":400,
                          "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}}""")
                        .expect(ContentPolicyException.class, ContentFilteredException.class)
                        .message("content management policy")
                        .code("content_filter"),
                when("403 OpenRouter moderation", 403, JSON, """
                        {"error":{"code":403,"message":"gpt-4o-mini requires moderation on OpenAI. Your input was flagged for \\"harassment\\".",
                          "metadata":{"reasons":["harassment"],"flagged_input":"...","provider_name":"OpenAI","model_slug":"openai/gpt-4o-mini"}}}""")
                        .expect(ContentPolicyException.class, ContentFilteredException.class)
                        .message("Your input was flagged")
                        .code("403"),
                when("400 Gemini safety_settings typo is a bad request, not a content refusal", 400, JSON, """
                        [{"error":{"code":400,"message":"* GenerateContentRequest.safety_settings[0].category: element predicate failed: $.category in (HarmCategory.HARM_CATEGORY_HATE_SPEECH, HarmCategory.HARM_CATEGORY_HARASSMENT)\\n",
                          "status":"INVALID_ARGUMENT"}}]""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("GenerateContentRequest.safety_settings[0].category")
                        .code("400"),
                when("401 AIsa invalid_api_key", 401, JSON, """
                        {"error":{"type":"authentication_error","code":"invalid_api_key",
                          "message":"The API key is invalid or has been revoked.","request_id":"req_aisa_401"}}""")
                        .expect(AisaAuthenticationException.class, AuthenticationException.class)
                        .message("The API key is invalid or has been revoked.")
                        .code("invalid_api_key")
                        .requestId("req_aisa_401"),
                when("401 OpenAI echoing the whole key", 401, JSON, """
                        {"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://platform.openai.com/account/api-keys.",
                          "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""".formatted(GatewayStub.API_KEY))
                        .expect(AisaAuthenticationException.class, AuthenticationException.class)
                        .message("Incorrect API key provided: ***.")
                        .code("invalid_api_key"),
                when("403 AIsa model_not_allowed", 403, JSON, """
                        {"error":{"type":"permission_error","code":"model_not_allowed",
                          "message":"This API key may not use the model gpt-4o-mini.","request_id":"req_aisa_403"}}""")
                        .expect(AisaAuthenticationException.class, AuthenticationException.class)
                        .message("This API key may not use the model gpt-4o-mini.")
                        .code("model_not_allowed")
                        .requestId("req_aisa_403"),
                when("400 xAI error as a string", 400, JSON, """
                        {"code":"Client specified an invalid argument",
                          "error":"Incorrect API key provided: xa***. You can obtain an API key from https://console.x.ai."}""")
                        .expect(AisaAuthenticationException.class, AuthenticationException.class)
                        .message("Incorrect API key provided: xa***")
                        .code("Client specified an invalid argument"),
                when("400 Gemini array API_KEY_INVALID", 400, JSON, """
                        [{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}]""")
                        .expect(AisaAuthenticationException.class, AuthenticationException.class)
                        .message("API key not valid.")
                        .code("400"),
                when("402 AIsa insufficient_credits", 402, JSON, """
                        {"error":{"type":"billing_error","code":"insufficient_credits",
                          "message":"Your AIsa balance is too low for this request.","request_id":"req_aisa_402"}}""")
                        .expect(InsufficientCreditsException.class, NonRetriableException.class)
                        .message("Your AIsa balance is too low for this request.")
                        .code("insufficient_credits")
                        .requestId("req_aisa_402"),
                when("402 OpenRouter integer code", 402, JSON, """
                        {"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/settings/credits",
                          "metadata":{}}}""")
                        .expect(InsufficientCreditsException.class, NonRetriableException.class)
                        .message("Insufficient credits. Add more")
                        .code("402"),
                when("429 OpenAI insufficient_quota", 429, JSON, """
                        {"error":{"message":"You exceeded your current quota, please check your plan and billing details.",
                          "type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""")
                        .expect(InsufficientCreditsException.class, NonRetriableException.class)
                        .message("You exceeded your current quota")
                        .code("insufficient_quota"),
                when("404 OpenAI model_not_found", 404, JSON, """
                        {"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.",
                          "type":"invalid_request_error","param":null,"code":"model_not_found"}}""")
                        .expect(AisaModelNotFoundException.class, ModelNotFoundException.class)
                        .message("The model `gpt-9` does not exist")
                        .code("model_not_found"),
                when("404 text/plain Go mux", 404, TEXT, "404 page not found\n")
                        .expect(AisaModelNotFoundException.class, ModelNotFoundException.class)
                        .message("404 page not found"),
                when("503 no available channels", 503, JSON, """
                        {"error":{"message":"No available channels for model x under group default (request id: 20250101000000123456789)",
                          "type":"new_api_error","param":"","code":null}}""")
                        .expect(AisaModelNotFoundException.class, ModelNotFoundException.class)
                        .message("No available channels for model x"),
                when("408 OpenRouter timeout", 408, JSON, """
                        {"error":{"code":408,"message":"Request timed out upstream"}}""")
                        .expect(AisaTimeoutException.class, TimeoutException.class)
                        .message("Request timed out upstream")
                        .code("408"),
                when("429 rate_limit_exceeded", 429, JSON, """
                        {"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.",
                          "type":"requests","param":null,"code":"rate_limit_exceeded"}}""")
                        .header("Retry-After", "3")
                        .expect(AisaRateLimitException.class, RateLimitException.class)
                        .message("Rate limit reached for gpt-4o-mini")
                        .code("rate_limit_exceeded"),
                when("500 OpenAI server_error", 500, JSON, """
                        {"error":{"message":"The server had an error while processing your request. Sorry about that!",
                          "type":"server_error","param":null,"code":null}}""")
                        .expect(AisaServerException.class, InternalServerException.class)
                        .message("The server had an error while processing your request."),
                when("502 nginx HTML page", 502, HTML, NGINX_502)
                        .expect(AisaServerException.class, InternalServerException.class)
                        .message("502 Bad Gateway"),
                when("503 empty body", 503, null, "")
                        .expect(AisaServerException.class, InternalServerException.class)
                        .message("HTTP 503"),
                when("400 Gemini array INVALID_ARGUMENT", 400, JSON, """
                        [{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \\"foo\\": Cannot find field.",
                          "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest",
                          "fieldViolations":[{"description":"Invalid JSON payload received. Unknown name \\"foo\\": Cannot find field."}]}]}}]""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("Invalid JSON payload received. Unknown name \"foo\"")
                        .code("400"),
                when("404 FastAPI detail string", 404, JSON, "{\"detail\":\"Not Found\"}")
                        .expect(AisaModelNotFoundException.class, ModelNotFoundException.class)
                        .message("Not Found"),
                when("422 FastAPI detail array", 422, JSON, """
                        {"detail":[{"loc":["body","messages"],"msg":"field required","type":"value_error.missing"}]}""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("field required"),
                when("400 error re-wrapped as a detail string", 400, JSON, """
                        {"detail":"{\\"error\\":{\\"message\\":\\"Unsupported parameter: 'logit_bias' is not supported with this model.\\",\\"type\\":\\"invalid_request_error\\",\\"param\\":\\"logit_bias\\",\\"code\\":\\"unsupported_parameter\\",\\"request_id\\":\\"req_wrapped\\"}}"}""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("Unsupported parameter: 'logit_bias' is not supported with this model.")
                        .code("unsupported_parameter")
                        .requestId("req_wrapped"),
                when("400 vLLM top-level object error", 400, JSON, """
                        {"object":"error","message":"temperature must be non-negative, got -1.0.","type":"BadRequestError","param":null,"code":400}""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("temperature must be non-negative, got -1.0.")
                        .code("400"),
                when("529 Anthropic native overloaded_error", 529, JSON, """
                        {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CAnthropic529"}""")
                        .expect(AisaServerException.class, InternalServerException.class)
                        .message("Overloaded")
                        .requestId("req_011CAnthropic529"),
                when("400 DeepSeek plain text as octet-stream", 400, "application/octet-stream", """
                        Failed to deserialize the JSON body into the target type: messages[0]: missing field `role` at line 1 column 42""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("Failed to deserialize the JSON body into the target type"));
    }

    static Stream<Case> errorsInsideA200() {
        return Stream.of(
                when("200 upstream_error", 200, JSON, """
                        {"error":{"message":"upstream failed","type":"upstream_error","code":"server_error"}}""")
                        .expect(AisaServerException.class, InternalServerException.class)
                        .message("upstream failed")
                        .code("server_error")
                        .detailsStatus(500),
                when("200 OpenRouter code 429", 200, JSON, """
                        {"error":{"code":429,"message":"Rate limit exceeded: free-models-per-min."}}""")
                        .expect(AisaRateLimitException.class, RateLimitException.class)
                        .message("Rate limit exceeded: free-models-per-min.")
                        .code("429")
                        .detailsStatus(429),
                when("200 context_length_exceeded", 200, JSON, """
                        {"error":{"type":"invalid_request_error","code":"context_length_exceeded",
                          "message":"This model's maximum context length is 8192 tokens, however you requested 9000 tokens."}}""")
                        .expect(ContextLengthExceededException.class, InvalidRequestException.class)
                        .message("maximum context length is 8192 tokens")
                        .code("context_length_exceeded")
                        .detailsStatus(400),
                when("200 Anthropic-style rate_limit_error without a code", 200, JSON, """
                        {"type":"error","error":{"type":"rate_limit_error",
                          "message":"Number of request tokens has exceeded your per-minute rate limit."}}""")
                        .expect(AisaRateLimitException.class, RateLimitException.class)
                        .message("per-minute rate limit")
                        .detailsStatus(429),
                when("200 insufficient_quota", 200, JSON, """
                        {"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}""")
                        .expect(InsufficientCreditsException.class, NonRetriableException.class)
                        .message("You exceeded your current quota.")
                        .code("insufficient_quota")
                        .detailsStatus(402),
                when("200 authentication_error", 200, JSON, """
                        {"error":{"type":"authentication_error","message":"invalid x-api-key"}}""")
                        .expect(AisaAuthenticationException.class, AuthenticationException.class)
                        .message("invalid x-api-key")
                        .detailsStatus(401),
                when("200 vLLM object error", 200, JSON, """
                        {"object":"error","message":"max_tokens must be at least 1, got 0.","type":"BadRequestError","param":null,"code":400}""")
                        .expect(AisaInvalidRequestException.class, InvalidRequestException.class)
                        .message("max_tokens must be at least 1, got 0.")
                        .code("400")
                        .detailsStatus(400),
                when("200 with request_id in the error", 200, JSON, """
                        {"error":{"code":503,"message":"Provider returned error","request_id":"req_in_200"}}""")
                        .expect(AisaServerException.class, InternalServerException.class)
                        .message("Provider returned error")
                        .code("503")
                        .requestId("req_in_200")
                        .detailsStatus(503));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"httpErrors", "errorsInsideA200"})
    void maps_every_error_shape_to_a_typed_exception(Case c) {
        gateway.respond(c.response());

        Throwable thrown = callOnce();

        assertThat(thrown).as("thrown for %s", c.name).isExactlyInstanceOf(c.type);
        assertThat(thrown).isInstanceOf(c.langChain4jType).isInstanceOf(AisaError.class);
        assertThat(thrown).isInstanceOf(c.retriable ? RetriableException.class : NonRetriableException.class);
        AisaErrorDetails details = ((AisaError) thrown).details();
        assertThat(details).isNotNull();
        assertThat(details.statusCode()).isEqualTo(c.detailsStatus);
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(c.detailsStatus);
        assertThat(details.code()).isEqualTo(c.code);
        assertThat(((AisaError) thrown).errorCode()).isEqualTo(c.code);
        assertThat(details.requestId()).isEqualTo(c.requestId);
        if (c.body.isBlank()) {
            assertThat(details.message()).isNull();
        } else {
            assertThat(details.message()).isNotBlank().doesNotContain(GatewayStub.API_KEY);
        }
        assertThat(thrown.getMessage())
                .startsWith("AIsa gateway error")
                .contains(c.messagePart)
                .doesNotContain(GatewayStub.API_KEY)
                .doesNotContain("null");
        assertThat(gateway.rawRequests()).hasSize(1);
    }

    @Test
    void rate_limit_keeps_retry_after_in_details_and_message() {
        gateway.respond(aResponse()
                .withStatus(429)
                .withHeader("Content-Type", JSON)
                .withHeader("Retry-After", "3")
                .withBody("""
                        {"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"""));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaRateLimitException.class);
        AisaRateLimitException rateLimit = (AisaRateLimitException) thrown;
        assertThat(rateLimit.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(rateLimit.details().retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(rateLimit.getMessage()).contains("retry after 3000 ms");
    }

    static Stream<String> geminiResourceExhausted() {
        String error = """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}""";
        return Stream.of(error, "[" + error + "]");
    }

    @ParameterizedTest
    @MethodSource("geminiResourceExhausted")
    void a_gemini_429_keeps_the_retry_delay_of_its_body(String body) {
        gateway.respond(
                aResponse().withStatus(429).withHeader("Content-Type", JSON).withBody(body));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaRateLimitException.class);
        assertThat(((AisaError) thrown).details().type()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(((AisaError) thrown).retryAfter()).contains(Duration.ofSeconds(37));
        assertThat(thrown.getMessage()).contains("Resource has been exhausted").contains("retry after 37000 ms");
    }

    @Test
    void keeps_the_param_and_type_of_an_openai_error() {
        gateway.respond(
                aResponse().withStatus(400).withHeader("Content-Type", JSON).withBody("""
                {"error":{"message":"Invalid value for 'temperature'.","type":"invalid_request_error",
                  "param":"temperature","code":"invalid_value"}}"""));

        AisaErrorDetails details = ((AisaError) callOnce()).details();

        assertThat(details.type()).isEqualTo("invalid_request_error");
        assertThat(details.param()).isEqualTo("temperature");
        assertThat(details.message()).isEqualTo("Invalid value for 'temperature'.");
        assertThat(details.retryAfter()).isNull();
    }

    @Test
    void a_plain_text_404_points_at_the_base_url() {
        gateway.respond(
                aResponse().withStatus(404).withHeader("Content-Type", TEXT).withBody("404 page not found"));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaModelNotFoundException.class);
        assertThat(thrown.getMessage()).contains("404 page not found").contains("baseUrl");
    }

    @Test
    void an_html_502_becomes_its_title_without_tags() {
        gateway.respond(
                aResponse().withStatus(502).withHeader("Content-Type", HTML).withBody(NGINX_502));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage())
                .contains("502 Bad Gateway")
                .doesNotContain("<")
                .doesNotContain(">")
                .doesNotContain("nginx");
        assertThat(((AisaError) thrown).details().message()).isEqualTo("502 Bad Gateway");
    }

    @Test
    void an_html_page_without_a_title_is_stripped_of_tags() {
        gateway.respond(aResponse()
                .withStatus(520)
                .withHeader("Content-Type", HTML)
                .withBody("<!DOCTYPE html>\n<html><body><h1>Web server is returning an unknown error</h1>"
                        + "<p>Error code 520</p></body></html>"));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage())
                .contains("Web server is returning an unknown error")
                .contains("Error code 520")
                .doesNotContain("<")
                .doesNotContain(">");
    }

    @Test
    void an_empty_503_says_the_body_was_empty() {
        gateway.respond(aResponse().withStatus(503));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage()).contains("HTTP 503").contains("empty body");
        assertThat(((AisaError) thrown).details().message()).isNull();
    }

    @Test
    void a_huge_error_body_is_cut_to_a_readable_length() {
        String longText = "upstream exploded ".repeat(200);
        gateway.respond(
                aResponse().withStatus(500).withHeader("Content-Type", TEXT).withBody(longText));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage()).contains("upstream exploded").hasSizeLessThan(1000);
    }

    static Stream<Case> bodiesWithoutRequestId() {
        return Stream.of(
                when("JSON error", 500, JSON, """
                        {"error":{"message":"boom","type":"server_error","code":null}}""").expect(AisaServerException.class, InternalServerException.class),
                when("HTML 502", 502, HTML, NGINX_502).expect(AisaServerException.class, InternalServerException.class),
                when("empty 503", 503, null, "").expect(AisaServerException.class, InternalServerException.class),
                when("text 404", 404, TEXT, "404 page not found")
                        .expect(AisaModelNotFoundException.class, ModelNotFoundException.class),
                when("error inside a 200", 200, JSON, """
                        {"error":{"message":"upstream failed","type":"upstream_error","code":"server_error"}}""")
                        .expect(AisaServerException.class, InternalServerException.class),
                when("truncated 200", 200, JSON, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,")
                        .expect(AisaServerException.class, InternalServerException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesWithoutRequestId")
    void takes_the_request_id_from_the_header_when_the_body_has_none(Case c) {
        c.header("x-request-id", "req_from_header_42");
        gateway.respond(c.response());

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(c.type).isInstanceOf(AisaError.class);
        assertThat(((AisaError) thrown).requestId()).isEqualTo("req_from_header_42");
        assertThat(thrown.getMessage()).contains("req_from_header_42");
    }

    @Test
    void the_request_id_in_the_body_wins_over_the_header() {
        gateway.respond(aResponse()
                .withStatus(401)
                .withHeader("Content-Type", JSON)
                .withHeader("X-Request-Id", "req_header")
                .withBody("""
                        {"error":{"type":"authentication_error","code":"invalid_api_key","message":"bad key","request_id":"req_body"}}"""));

        Throwable thrown = callOnce();

        assertThat(((AisaError) thrown).requestId()).isEqualTo("req_body");
    }

    static Stream<Case> unreadable200s() {
        return Stream.of(
                when("truncated JSON", 200, JSON, """
                        {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"Ber""").message("not valid JSON"),
                when("malformed JSON", 200, JSON, "{\"id\": chatcmpl-1, \"choices\": []}")
                        .message("not valid JSON"),
                when("trailing garbage", 200, JSON, GatewayStub.completion("Berlin") + "}garbage")
                        .message("not valid JSON"),
                when("empty body", 200, JSON, "").message("empty body"),
                when(
                                "HTML page",
                                200,
                                HTML,
                                "<html><head><title>Maintenance</title></head><body>Back soon</body></html>")
                        .message("not valid JSON"),
                when("JSON without choices", 200, JSON, """
                        {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
                         "usage":{"prompt_tokens":9,"completion_tokens":0,"total_tokens":9}}""").message("no choices"),
                when("JSON with empty choices", 200, JSON, """
                        {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini","choices":[]}""").message("no choices"),
                when(
                                "wrong type: created is a word",
                                200,
                                JSON,
                                GatewayStub.completion("Berlin")
                                        .replace("\"created\":1741570283", "\"created\":\"yesterday\""))
                        .message("yesterday"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable200s")
    void an_unreadable_200_is_a_server_error_that_says_what_was_wrong(Case c) {
        gateway.respond(c.response());

        Throwable thrown = callOnce();

        assertThat(thrown).as("thrown for %s", c.name).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown).isInstanceOf(InternalServerException.class).isInstanceOf(RetriableException.class);
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(200);
        assertThat(thrown.getMessage()).startsWith("AIsa gateway error").contains(c.messagePart);
    }

    @Test
    void a_wrong_type_names_the_schema_problem() {
        gateway.respondJson(
                GatewayStub.completion("Berlin").replace("\"created\":1741570283", "\"created\":\"yesterday\""));

        Throwable thrown = callOnce();

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(thrown.getMessage()).contains("does not match the chat completion format");
    }

    @Test
    void a_good_200_still_answers() {
        gateway.respondJson(GatewayStub.completion("Berlin"));

        assertThat(gateway.model().maxRetries(0).build().chat("Capital of Germany?"))
                .isEqualTo("Berlin");
    }

    private Throwable callOnce() {
        AisaChatModel model = gateway.model().maxRetries(0).build();
        Throwable thrown = catchThrowable(() -> model.chat(UserMessage.from("Hello")));
        assertThat(thrown)
                .as("the call must fail with an exception, not return an answer")
                .isNotNull();
        assertThat(thrown).isNotInstanceOf(NullPointerException.class);
        return thrown;
    }
}
