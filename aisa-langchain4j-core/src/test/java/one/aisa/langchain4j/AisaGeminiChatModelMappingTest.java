package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static one.aisa.langchain4j.GeminiStub.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GeminiHarmBlockThreshold;
import dev.langchain4j.model.googleai.GeminiHarmCategory;
import dev.langchain4j.model.googleai.GeminiMode;
import dev.langchain4j.model.googleai.GeminiThinkingConfig;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The native Gemini route, blocking: how images, tool choice, JSON output, thinking and safety settings are sent, and
 * how thoughts and their signatures come back. Tools themselves are in {@link AisaGeminiChatModelToolsTest}.
 */
class AisaGeminiChatModelMappingTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GeminiStub gemini = new GeminiStub(server);

    /** The first eight bytes of every PNG file. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static final String PNG_BASE64 = "iVBORw0KGgo=";

    private static final ToolSpecification GET_WEATHER = ToolSpecification.builder()
            .name("get_weather")
            .description("Current weather")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("city")
                    .required("city")
                    .build())
            .build();

    private static ChatRequest ask(String question, ToolSpecification... tools) {
        return ChatRequest.builder()
                .messages(UserMessage.from(question))
                .toolSpecifications(tools)
                .build();
    }

    @Test
    void sends_an_inline_image_as_inline_data_with_its_mime_type() {
        gemini.respondJson(GeminiStub.text("A cat."));

        ChatResponse response = gemini.model()
                .build()
                .chat(UserMessage.from(
                        TextContent.from("What is in this picture?"), ImageContent.from(PNG_BASE64, "image/png")));

        assertThat(response.aiMessage().text()).isEqualTo("A cat.");
        assertThat(gemini.lastRequest()).isEqualTo(tree("""
                {
                  "contents": [
                    {
                      "role": "user",
                      "parts": [
                        {"text": "What is in this picture?"},
                        {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}
                      ]
                    }
                  ],
                  "generationConfig": {"responseMimeType": "text/plain", "candidateCount": 1}
                }
                """));
    }

    @Test
    void sends_a_gs_image_by_reference_as_file_data() {
        gemini.respondJson(GeminiStub.text("A cat."));

        gemini.model()
                .build()
                .chat(UserMessage.from(
                        TextContent.from("What is in this picture?"),
                        ImageContent.from(URI.create("gs://aisa-test-bucket/images/cat.png"))));

        assertThat(gemini.lastRequest().at("/contents/0/parts/1")).isEqualTo(tree("""
                {"fileData": {"mimeType": "image/png", "fileUri": "gs://aisa-test-bucket/images/cat.png"}}
                """));
    }

    /**
     * An http(s) image is read by the model (once per call, within its timeout) and its bytes sent inline, as
     * Gemini's {@code fileData} takes only its own file URIs. An https URL takes the same path; it is served here over http
     * because the loopback server has no trusted certificate.
     */
    @Test
    void fetches_an_image_by_url_and_sends_it_inline() {
        server.stubFor(get(urlEqualTo("/images/cat.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        gemini.respondJson(GeminiStub.text("A cat."));
        String url = "http://127.0.0.1:" + server.getPort() + "/images/cat.png";

        gemini.model().build().chat(UserMessage.from(TextContent.from("What is this?"), ImageContent.from(url)));

        assertThat(gemini.lastRequest().at("/contents/0/parts/1"))
                .isEqualTo(tree("""
                {"inlineData": {"mimeType": "image/png", "data": "%s"}}
                """.formatted(Base64.getEncoder().encodeToString(PNG))));
        server.verify(1, getRequestedFor(urlEqualTo("/images/cat.png")));
    }

    /**
     * An image URL the client cannot read is a problem of the request, found before anything is sent: it must not be
     * reported as an unreadable gateway response, nor retried as one (each retry fetching the image again).
     */
    @Test
    void an_image_url_that_cannot_be_read_fails_before_the_gateway_and_is_not_retried() {
        server.stubFor(
                get(urlEqualTo("/images/missing.png")).willReturn(aResponse().withStatus(404)));
        gemini.respondJson(GeminiStub.text("A cat."));
        String url = "http://127.0.0.1:" + server.getPort() + "/images/missing.png";

        Throwable thrown = catchThrowable(() -> gemini.model()
                .build()
                .chat(UserMessage.from(TextContent.from("What is this?"), ImageContent.from(url))));

        assertSoftly(softly -> {
            softly.assertThat(thrown).isNotNull().isNotInstanceOf(RetriableException.class);
            softly.assertThat(thrown.getMessage()).contains(url).doesNotContain("response does not match");
            softly.assertThat(gemini.rawRequests()).isEmpty();
            softly.assertThat(server.findAll(getRequestedFor(urlEqualTo("/images/missing.png"))))
                    .as("fetches of the image")
                    .hasSize(1);
            softly.assertThat(gemini.sleeper.waits).isEmpty();
        });
    }

    /**
     * The module reads an image URL with no timeout at all; the model reads it itself, within its own timeout, so a
     * stalled image host cannot hold a call for ever.
     */
    @Test
    void an_image_host_that_stalls_past_the_timeout_fails_the_call_naming_the_url() {
        server.stubFor(get(urlEqualTo("/images/slow.png"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "image/png")
                        .withBody(PNG)
                        .withFixedDelay(5_000)));
        gemini.respondJson(GeminiStub.text("A cat."));
        String url = "http://127.0.0.1:" + server.getPort() + "/images/slow.png";

        Throwable thrown = catchThrowable(() -> gemini.model()
                .timeout(java.time.Duration.ofMillis(300))
                .build()
                .chat(UserMessage.from(TextContent.from("What is this?"), ImageContent.from(url))));

        assertSoftly(softly -> {
            softly.assertThat(thrown)
                    .isInstanceOf(one.aisa.langchain4j.exception.AisaInvalidRequestException.class)
                    .hasMessageContaining(url)
                    .hasMessageContaining("timeout of 300 ms")
                    .hasMessageContaining("ImageContent.from(base64, mimeType)");
            softly.assertThat(gemini.rawRequests())
                    .as("nothing sent to the gateway")
                    .isEmpty();
        });
    }

    @Test
    void an_image_url_is_read_once_though_the_gateway_call_is_retried() {
        server.stubFor(get(urlEqualTo("/images/cat.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        gemini.respondInTurn(
                GeminiStub.error(503, GeminiStub.googleError(503, "UNAVAILABLE", "overloaded", null)),
                GeminiStub.json(GeminiStub.text("A cat.")));
        String url = "http://127.0.0.1:" + server.getPort() + "/images/cat.png";

        ChatResponse response = gemini.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from(TextContent.from("What is this?"), ImageContent.from(url)))
                        .build());

        assertThat(response.aiMessage().text()).isEqualTo("A cat.");
        assertThat(gemini.rawRequests()).hasSize(2);
        assertThat(gemini.requests())
                .allSatisfy(request -> assertThat(request.at("/contents/0/parts/1/inlineData/data")
                                .asText())
                        .isEqualTo(Base64.getEncoder().encodeToString(PNG)));
        server.verify(1, getRequestedFor(urlEqualTo("/images/cat.png")));
    }

    @Test
    void the_builders_tool_config_sends_the_mode_and_the_allowed_function_names() {
        gemini.respondJson(GeminiStub.text("Sunny."));

        gemini.model().toolConfig(GeminiMode.ANY, "get_weather").build().chat(ask("Weather in Paris?", GET_WEATHER));

        assertThat(gemini.lastRequest().get("toolConfig")).isEqualTo(tree("""
                {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}}
                """));
    }

    @Test
    void tool_choice_required_is_mode_any() {
        gemini.respondJson(GeminiStub.text("Sunny."));

        gemini.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather in Paris?"))
                        .toolSpecifications(GET_WEATHER)
                        .toolChoice(ToolChoice.REQUIRED)
                        .build());

        assertThat(gemini.lastRequest().get("toolConfig")).isEqualTo(tree("""
                {"functionCallingConfig": {"mode": "ANY"}}
                """));
    }

    @Test
    void a_json_schema_response_format_sets_the_mime_type_and_the_response_schema() {
        gemini.respondJson(GeminiStub.text("{\"city\": \"Paris\", \"temp_c\": 18.5, \"sky\": \"clear\"}"));
        ResponseFormat weather = ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder()
                        .name("weather")
                        .rootElement(JsonObjectSchema.builder()
                                .addStringProperty("city")
                                .addNumberProperty("temp_c")
                                .addEnumProperty("sky", List.of("clear", "cloudy"))
                                .required("city", "temp_c")
                                .build())
                        .build())
                .build();

        ChatResponse response = gemini.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather in Paris, as JSON"))
                        .responseFormat(weather)
                        .build());

        assertThat(tree(response.aiMessage().text()).get("temp_c").asDouble()).isEqualTo(18.5);
        assertThat(gemini.lastRequest().get("generationConfig")).isEqualTo(tree("""
                {
                  "responseMimeType": "application/json",
                  "responseSchema": {
                    "type": "OBJECT",
                    "properties": {
                      "city": {"type": "STRING"},
                      "temp_c": {"type": "NUMBER"},
                      "sky": {"type": "STRING", "enum": ["clear", "cloudy"]}
                    },
                    "required": ["city", "temp_c"]
                  },
                  "candidateCount": 1
                }
                """));
    }

    @Test
    void the_thinking_config_goes_into_the_generation_config() {
        gemini.respondJson(GeminiStub.text("Paris."));

        gemini.model()
                .thinkingConfig(GeminiThinkingConfig.builder()
                        .includeThoughts(true)
                        .thinkingBudget(1024)
                        .build())
                .build()
                .chat(UserMessage.from("Capital of France?"));

        assertThat(gemini.lastRequest().get("generationConfig")).isEqualTo(tree("""
                {
                  "responseMimeType": "text/plain",
                  "candidateCount": 1,
                  "thinkingConfig": {"includeThoughts": true, "thinkingBudget": 1024}
                }
                """));
    }

    @Test
    void a_thought_part_goes_to_thinking_and_not_to_the_text() {
        gemini.respondJson(GeminiStub.answer("""
                [
                  {"text": "The user asks for the capital of France, which is Paris.", "thought": true},
                  {"text": "Paris."}
                ]""", "STOP"));

        ChatResponse response = gemini.model().build().chat(UserMessage.from("Capital of France?"));

        assertThat(response.aiMessage().text()).isEqualTo("Paris.");
        assertThat(response.aiMessage().thinking())
                .isEqualTo("The user asks for the capital of France, which is Paris.");
    }

    /** Gemini 3 rejects a tool loop whose model turn comes back without the signature it gave. */
    @Test
    void a_thought_signature_on_a_function_call_is_sent_back_on_the_model_turn() {
        gemini.respondJson(GeminiStub.answer("""
                [
                  {
                    "functionCall": {"name": "get_weather", "args": {"city": "Paris"}},
                    "thoughtSignature": "CiQBcsjafGm1dRbBvXAqWv3ZKq2iXTDc8aG0JmIq6Sl6lCm3b+0="
                  }
                ]""", "STOP"));
        AisaGeminiChatModel model = gemini.model().build();
        AiMessage call = model.chat(ask("Weather in Paris?", GET_WEATHER)).aiMessage();
        gemini.respondJson(GeminiStub.text("Sunny in Paris."));

        model.chat(ChatRequest.builder()
                .messages(
                        UserMessage.from("Weather in Paris?"),
                        call,
                        ToolExecutionResultMessage.from(
                                call.toolExecutionRequests().get(0), "sunny"))
                .toolSpecifications(GET_WEATHER)
                .build());

        assertThat(gemini.lastRequest().at("/contents/1")).isEqualTo(tree("""
                {
                  "role": "model",
                  "parts": [
                    {
                      "functionCall": {"name": "get_weather", "args": {"city": "Paris"}},
                      "thoughtSignature": "CiQBcsjafGm1dRbBvXAqWv3ZKq2iXTDc8aG0JmIq6Sl6lCm3b+0="
                    }
                  ]
                }
                """));
    }

    @Test
    void safety_settings_are_sent_as_category_and_threshold() {
        gemini.respondJson(GeminiStub.text("Hello."));

        gemini.model()
                .safetySettings(
                        Map.of(GeminiHarmCategory.HARM_CATEGORY_HARASSMENT, GeminiHarmBlockThreshold.BLOCK_ONLY_HIGH))
                .build()
                .chat(UserMessage.from("Hi"));

        JsonNode body = gemini.lastRequest();
        assertThat(body.get("safetySettings")).isEqualTo(tree("""
                [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}]
                """));
    }
}
