package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import one.aisa.langchain4j.exception.ContentPolicyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The native Gemini route, streamed: Gemini's SSE quirks, and exactly one terminal callback. */
class AisaGeminiStreamingChatModelTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GeminiStub gemini = new GeminiStub(server);

    static final String USAGE = "\"usageMetadata\":{\"promptTokenCount\":8,\"candidatesTokenCount\":%d,"
            + "\"totalTokenCount\":%d,\"thoughtsTokenCount\":5}";

    /** One SSE event as Gemini frames it: CRLF line ends, a blank CRLF line after it. */
    static String event(String json) {
        return "data: " + json + "\r\n\r\n";
    }

    static String textEvent(String text, int outputTokens, String finishReason) {
        return event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + GatewayStub.quote(text)
                + "}],\"role\":\"model\"}" + (finishReason == null ? "" : ",\"finishReason\":\"" + finishReason + "\"")
                + ",\"index\":0}]," + USAGE.formatted(outputTokens, 8 + outputTokens + 5)
                + ",\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"resp-7\"}");
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("x-request-id", "req_stream_1")
                .withHeader("x-aisa-price-usd", "0.000031")
                .withBody(body);
    }

    private void respond(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(GeminiStub.STREAM_PATH)).willReturn(response));
    }

    private AisaGeminiStreamingChatModel.AisaGeminiStreamingChatModelBuilder model() {
        return AisaGeminiStreamingChatModel.builder()
                .apiKey(GatewayStub.API_KEY)
                .baseUrl(gemini.baseUrl())
                .modelName(GeminiStub.MODEL)
                .sleeper(gemini.sleeper)
                .timeout(Duration.ofSeconds(5));
    }

    private RecordingStreamingHandler stream(AisaGeminiStreamingChatModel model, ChatRequest request) {
        RecordingStreamingHandler handler = new RecordingStreamingHandler();
        model.chat(request, handler);
        return handler;
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    @Test
    void an_image_host_that_stalls_past_the_timeout_ends_the_stream_with_an_error_naming_the_url() throws Exception {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/images/slow.png"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "image/png")
                        .withBody(new byte[] {1, 2, 3})
                        .withFixedDelay(5_000)));
        respond(sse(textEvent("A cat.", 3, "STOP")));
        String url = "http://127.0.0.1:" + server.getPort() + "/images/slow.png";

        RecordingStreamingHandler handler = stream(
                model().timeout(Duration.ofMillis(300)).build(),
                ChatRequest.builder()
                        .messages(UserMessage.from(
                                dev.langchain4j.data.message.TextContent.from("What is this?"),
                                dev.langchain4j.data.message.ImageContent.from(url)))
                        .build());

        assertThat(handler.awaitError())
                .isInstanceOf(one.aisa.langchain4j.exception.AisaInvalidRequestException.class)
                .hasMessageContaining(url);
        server.verify(0, postRequestedFor(urlPathEqualTo(GeminiStub.STREAM_PATH)));
    }

    @Test
    void text_increments_end_at_eof_with_cumulative_usage_and_the_gateway_cost() throws Exception {
        respond(sse(textEvent("The capital ", 3, null) + textEvent("is Paris.", 6, null) + textEvent("", 6, "STOP")));

        RecordingStreamingHandler handler = stream(model().build(), ask("Capital of France?"));
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly("partial:The capital ", "partial:is Paris.", "complete:The capital is Paris.");
        AisaGeminiChatResponseMetadata metadata = (AisaGeminiChatResponseMetadata) response.metadata();
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(metadata.rawFinishReason()).isEqualTo("STOP");
        assertThat(metadata.id()).isEqualTo("resp-7");
        assertThat(metadata.tokenUsage().outputTokenCount()).isEqualTo(6 + 5);
        assertThat(metadata.tokenUsage().outputTokensDetails().reasoningTokens())
                .isEqualTo(5);
        assertThat(metadata.cost()).isEqualByComparingTo(new BigDecimal("0.000031"));
        assertThat(metadata.requestId()).isEqualTo("req_stream_1");
        LoggedRequest request = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlPathEqualTo(GeminiStub.STREAM_PATH)))
                .get(0);
        assertThat(request.getUrl()).isEqualTo(GeminiStub.STREAM_PATH + "?alt=sse");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + GatewayStub.API_KEY);
        assertThat(request.containsHeader("x-goog-api-key")).isFalse();
    }

    @Test
    void a_function_call_arrives_whole_in_one_event_and_means_tool_execution() throws Exception {
        String call = event("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"get_weather\","
                + "\"args\":{\"city\":\"Paris\"}}}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
                + USAGE.formatted(4, 17) + "}");
        respond(sse(call));

        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("Weather in Paris?"))
                .toolSpecifications(ToolSpecification.builder()
                        .name("get_weather")
                        .parameters(dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                                .addStringProperty("city")
                                .required("city")
                                .build())
                        .build())
                .build();
        RecordingStreamingHandler handler = stream(model().build(), request);
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks()).hasSize(2).first().asString().startsWith("completeTool:0:");
        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(GatewayStub.JSON.readTree(tool.arguments()))
                    .isEqualTo(GatewayStub.JSON.readTree("{\"city\":\"Paris\"}"));
        });
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void thought_summaries_go_to_thinking_not_to_the_text() throws Exception {
        String thought = event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Recall capitals.\","
                + "\"thought\":true}],\"role\":\"model\"},\"index\":0}]," + USAGE.formatted(0, 13) + "}");
        respond(sse(thought + textEvent("Paris.", 2, "STOP")));

        RecordingStreamingHandler handler = stream(model().build(), ask("Capital of France?"));
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly("thinking:Recall capitals.", "partial:Paris.", "complete:Paris.");
        assertThat(response.aiMessage().thinking()).isEqualTo("Recall capitals.");
        assertThat(response.aiMessage().text()).isEqualTo("Paris.");
    }

    @Test
    void an_error_event_inside_a_200_after_text_is_one_typed_error_and_nothing_more() throws Exception {
        respond(sse(textEvent("The capital ", 3, null)
                + event(
                        "{\"error\":{\"code\":500,\"message\":\"Internal error encountered.\",\"status\":\"INTERNAL\"}}")
                + textEvent("is Paris.", 6, "STOP")));

        RecordingStreamingHandler handler = stream(model().build(), ask("Capital of France?"));
        Throwable error = handler.awaitError();

        assertThat(error).isInstanceOf(AisaServerException.class).hasMessageContaining("Internal error encountered");
        handler.assertNoMoreCallbacksWithin(Duration.ofMillis(200));
        assertThat(handler.shape()).containsExactly("partial:The capital ", "error:AisaServerException");
        // text had reached the caller: not retried, so nothing is duplicated
        assertThat(gemini.sleeper.waits).isEmpty();
    }

    @Test
    void an_error_event_before_any_text_is_retried_and_the_retry_answers() throws Exception {
        server.stubFor(post(urlPathEqualTo(GeminiStub.STREAM_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(sse(event("{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\","
                        + "\"status\":\"UNAVAILABLE\"}}")))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlPathEqualTo(GeminiStub.STREAM_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(sse(textEvent("Paris.", 2, "STOP"))));

        RecordingStreamingHandler handler = stream(model().build(), ask("Capital of France?"));
        handler.awaitComplete();

        assertThat(handler.callbacks()).containsExactly("partial:Paris.", "complete:Paris.");
        assertThat(gemini.sleeper.waits).hasSize(1);
    }

    @Test
    void a_finish_reason_newer_than_the_module_ends_the_stream_as_other_and_is_kept_raw() throws Exception {
        respond(sse(textEvent("Paris.", 2, null) + textEvent("", 2, "A_REASON_ADDED_LATER")));

        RecordingStreamingHandler handler = stream(model().build(), ask("Capital of France?"));
        ChatResponse response = handler.awaitComplete();

        assertThat(response.aiMessage().text()).isEqualTo("Paris.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
        assertThat(((AisaChatResponseMetadata) response.metadata()).rawFinishReason())
                .isEqualTo("A_REASON_ADDED_LATER");
    }

    @Test
    void a_blocked_prompt_in_a_stream_is_a_content_policy_error() throws Exception {
        respond(sse(
                event("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}," + USAGE.formatted(0, 13) + "}")));

        RecordingStreamingHandler handler = stream(model().build(), ask("Something forbidden"));
        Throwable error = handler.awaitError();

        assertThat(error).isInstanceOf(ContentPolicyException.class).hasMessageContaining("PROHIBITED_CONTENT");
        assertThat(handler.shape()).containsExactly("error:ContentPolicyException");
    }

    @Test
    void a_stream_cut_before_its_finish_reason_is_an_error_not_a_short_answer() throws Exception {
        respond(sse(textEvent("The capital ", 3, null)));

        RecordingStreamingHandler handler = stream(model().maxRetries(0).build(), ask("Capital of France?"));
        Throwable error = handler.awaitError();

        assertThat(error).isInstanceOf(AisaConnectionException.class);
        assertThat(handler.shape()).containsExactly("partial:The capital ", "error:AisaConnectionException");
    }

    @Test
    void a_stalled_stream_ends_in_a_timeout() throws Exception {
        try (RawSseServer stalled = RawSseServer.builder()
                .header("Content-Type", "text/event-stream")
                .write(textEvent("The capital ", 3, null))
                .hang()
                .start()) {
            AisaGeminiStreamingChatModel model = model().baseUrl(stalled.baseUrl())
                    .timeout(Duration.ofMillis(300))
                    .maxRetries(0)
                    .build();

            RecordingStreamingHandler handler = stream(model, ask("Capital of France?"));
            Throwable error = handler.awaitError();

            assertThat(error).isInstanceOf(AisaTimeoutException.class);
            assertThat(handler.shape()).containsExactly("partial:The capital ", "error:AisaTimeoutException");
        }
    }

    @Test
    void the_key_is_in_no_error_of_a_stream() throws Exception {
        respond(aResponse()
                .withStatus(401)
                .withBody("{\"error\":{\"code\":401,\"message\":\"API key " + GatewayStub.API_KEY
                        + " not valid.\",\"status\":\"UNAUTHENTICATED\"}}"));

        RecordingStreamingHandler handler = stream(model().build(), ask("hi"));
        Throwable error = handler.awaitError();

        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(GatewayStub.API_KEY);
        }
        assertThat(model().build().toString()).doesNotContain(GatewayStub.API_KEY);
        assertThat(List.of(error.getClass().getSimpleName())).containsExactly("AisaAuthenticationException");
    }
}
