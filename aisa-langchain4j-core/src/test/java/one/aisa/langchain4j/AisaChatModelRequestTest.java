package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link AisaChatModel} puts on the wire: the request body field by field, and the request headers. */
class AisaChatModelRequestTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    private static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static final ToolSpecification WEATHER_TOOL = ToolSpecification.builder()
            .name("get_weather")
            .description("Current weather")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("city")
                    .required("city")
                    .build())
            .build();

    @BeforeEach
    void answerOk() {
        gateway.respondJson(GatewayStub.completion("ok"));
    }

    // ---------------------------------------------------------------- model

    @Test
    void model_is_the_builder_model_name_by_default() {
        gateway.model().build().chat(UserMessage.from("hi"));

        assertThat(gateway.lastRequest().get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void model_is_overridden_per_request_by_the_chat_request_model_name() {
        AisaChatModel model = gateway.model().build();

        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .modelName("claude-sonnet-4-5")
                .build());
        model.chat(UserMessage.from("again"));

        List<JsonNode> requests = gateway.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(requests.get(1).get("model").asText())
                .as("the override is per request, the builder default comes back")
                .isEqualTo("gpt-4o-mini");
    }

    // ---------------------------------------------------------------- messages

    @Test
    void system_message_has_role_system_and_string_content() {
        gateway.model().build().chat(SystemMessage.from("You are terse."), UserMessage.from("hi"));

        JsonNode messages = gateway.lastRequest().get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isEqualTo(json("{\"role\":\"system\",\"content\":\"You are terse.\"}"));
    }

    @Test
    void plain_text_user_message_has_string_content_and_no_name() {
        gateway.model().build().chat(UserMessage.from("Capital of Germany?"));

        JsonNode message = gateway.lastRequest().get("messages").get(0);
        assertThat(message).isEqualTo(json("{\"role\":\"user\",\"content\":\"Capital of Germany?\"}"));
        assertThat(message.get("content").isTextual()).isTrue();
    }

    @Test
    void user_message_with_a_name_carries_the_name() {
        gateway.model().build().chat(UserMessage.from("bob", "Hello there"));

        assertThat(gateway.lastRequest().get("messages").get(0))
                .isEqualTo(json("{\"role\":\"user\",\"content\":\"Hello there\",\"name\":\"bob\"}"));
    }

    @Test
    void assistant_message_with_text_has_role_assistant_and_the_text() {
        gateway.model().build().chat(UserMessage.from("Say hi"), AiMessage.from("Hi!"), UserMessage.from("Again"));

        JsonNode messages = gateway.lastRequest().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1)).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"Hi!\"}"));
    }

    @Test
    void assistant_message_with_tool_calls_has_tool_calls_with_id_type_and_function() {
        AiMessage toolCalls = AiMessage.from(
                ToolExecutionRequest.builder()
                        .id("call_a1")
                        .name("get_weather")
                        .arguments("{\"city\":\"Paris\"}")
                        .build(),
                ToolExecutionRequest.builder()
                        .id("call_b2")
                        .name("get_time")
                        .arguments("{}")
                        .build());

        gateway.model()
                .build()
                .chat(
                        UserMessage.from("Weather and time in Paris?"),
                        toolCalls,
                        ToolExecutionResultMessage.from("call_a1", "get_weather", "{\"temp_c\":18}"),
                        ToolExecutionResultMessage.from("call_b2", "get_time", "12:00"));

        JsonNode assistant = gateway.lastRequest().get("messages").get(1);
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("tool_calls")).isEqualTo(json("""
                        [{"id":"call_a1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                         {"id":"call_b2","type":"function","function":{"name":"get_time","arguments":"{}"}}]
                        """));
        assertThat(assistant.path("content").isMissingNode()
                        || assistant.get("content").isNull())
                .as("no text to send: content absent or null, never \"\"")
                .isTrue();
    }

    @Test
    void assistant_message_with_text_and_a_tool_call_carries_both() {
        AiMessage both = AiMessage.from(
                "Let me check.",
                List.of(ToolExecutionRequest.builder()
                        .id("call_1")
                        .name("get_weather")
                        .arguments("{\"city\":\"Paris\"}")
                        .build()));

        gateway.model()
                .build()
                .chat(
                        UserMessage.from("Weather?"),
                        both,
                        ToolExecutionResultMessage.from("call_1", "get_weather", "sunny"));

        JsonNode assistant = gateway.lastRequest().get("messages").get(1);
        assertThat(assistant.get("content").asText()).isEqualTo("Let me check.");
        assertThat(assistant.get("tool_calls").get(0).get("id").asText()).isEqualTo("call_1");
        assertThat(assistant.get("tool_calls").get(0).at("/function/name").asText())
                .isEqualTo("get_weather");
    }

    @Test
    void assistant_tool_call_with_blank_arguments_is_sent_as_empty_json_object() {
        AiMessage toolCall = AiMessage.from(ToolExecutionRequest.builder()
                .id("call_1")
                .name("get_time")
                .arguments("")
                .build());

        gateway.model()
                .build()
                .chat(UserMessage.from("Time?"), toolCall, ToolExecutionResultMessage.from("call_1", "get_time", "12"));

        assertThat(gateway.lastRequest()
                        .at("/messages/1/tool_calls/0/function/arguments")
                        .asText())
                .isEqualTo("{}");
    }

    @Test
    void tool_result_has_role_tool_tool_call_id_and_content() {
        AiMessage toolCall = AiMessage.from(ToolExecutionRequest.builder()
                .id("call_1")
                .name("get_weather")
                .arguments("{\"city\":\"Paris\"}")
                .build());

        gateway.model()
                .build()
                .chat(
                        UserMessage.from("Weather?"),
                        toolCall,
                        ToolExecutionResultMessage.from("call_1", "get_weather", "{\"temp_c\":18}"));

        assertThat(gateway.lastRequest().get("messages").get(2))
                .isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"temp_c\\\":18}\"}"));
    }

    @Test
    void a_whole_conversation_keeps_every_message_in_order() {
        List<ChatMessage> conversation = List.of(
                SystemMessage.from("You are terse."),
                UserMessage.from("Weather in Paris?"),
                AiMessage.from(ToolExecutionRequest.builder()
                        .id("call_1")
                        .name("get_weather")
                        .arguments("{\"city\":\"Paris\"}")
                        .build()),
                ToolExecutionResultMessage.from("call_1", "get_weather", "{\"temp_c\":18}"),
                AiMessage.from("18 C."),
                UserMessage.from("Thanks"));

        gateway.model().build().chat(conversation);

        List<String> roles = new ArrayList<>();
        gateway.lastRequest()
                .get("messages")
                .forEach(m -> roles.add(m.get("role").asText()));
        assertThat(roles).containsExactly("system", "user", "assistant", "tool", "assistant", "user");
    }

    // ---------------------------------------------------------------- sampling parameters

    @Test
    void sampling_parameters_from_the_builder_are_sent_with_their_wire_names() {
        gateway.model()
                .temperature(0.2)
                .topP(0.9)
                .frequencyPenalty(0.5)
                .presencePenalty(-0.25)
                .seed(42)
                .user("user-123")
                .parallelToolCalls(false)
                .reasoningEffort("high")
                .build()
                .chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(0.5);
        assertThat(body.get("presence_penalty").asDouble()).isEqualTo(-0.25);
        assertThat(body.get("seed").isInt()).isTrue();
        assertThat(body.get("seed").asInt()).isEqualTo(42);
        assertThat(body.get("user").asText()).isEqualTo("user-123");
        assertThat(body.get("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("high");
    }

    @Test
    void max_tokens_comes_from_the_builder() {
        gateway.model().maxTokens(77).build().chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(77);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void max_tokens_comes_from_the_request_max_output_tokens_and_wins_over_the_builder() {
        gateway.model()
                .maxTokens(77)
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("hi"))
                        .maxOutputTokens(12)
                        .build());

        assertThat(gateway.lastRequest().get("max_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void max_completion_tokens_comes_from_the_builder() {
        gateway.model().maxCompletionTokens(256).build().chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(body.has("max_tokens")).isFalse();
    }

    @Test
    void stop_sequences_are_sent_as_a_list() {
        gateway.model().stop("END", "###").build().chat(UserMessage.from("hi"));

        assertThat(gateway.lastRequest().get("stop")).isEqualTo(json("[\"END\",\"###\"]"));
    }

    @Test
    void request_stop_sequences_win_over_the_builder() {
        gateway.model()
                .stop(List.of("END"))
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("hi"))
                        .stopSequences(List.of("STOP-A", "STOP-B"))
                        .build());

        assertThat(gateway.lastRequest().get("stop")).isEqualTo(json("[\"STOP-A\",\"STOP-B\"]"));
    }

    @Test
    void request_level_openai_parameters_are_sent() {
        gateway.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("hi"))
                        .parameters(OpenAiChatRequestParameters.builder()
                                .temperature(0.4)
                                .seed(9)
                                .user("per-request-user")
                                .maxCompletionTokens(33)
                                .reasoningEffort("low")
                                .parallelToolCalls(true)
                                .build())
                        .build());

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.4);
        assertThat(body.get("seed").asInt()).isEqualTo(9);
        assertThat(body.get("user").asText()).isEqualTo("per-request-user");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(33);
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("low");
        assertThat(body.get("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    // ---------------------------------------------------------------- response_format

    @Test
    void builder_response_format_json_object_string_sends_json_object() {
        gateway.model().responseFormat("json_object").build().chat(UserMessage.from("JSON please"));

        assertThat(gateway.lastRequest().get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
    }

    @Test
    void request_response_format_json_sends_json_object() {
        gateway.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("JSON please"))
                        .responseFormat(ResponseFormat.JSON)
                        .build());

        assertThat(gateway.lastRequest().get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
    }

    @Test
    void json_schema_response_format_sends_name_and_schema() {
        gateway.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("A person"))
                        .responseFormat(personSchema())
                        .build());

        JsonNode format = gateway.lastRequest().get("response_format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/name").asText()).isEqualTo("Person");
        assertThat(format.at("/json_schema/schema")).isEqualTo(json("""
                        {"type":"object",
                         "properties":{"name":{"type":"string"},"age":{"type":"integer"}},
                         "required":["name","age"]}
                        """));
        assertThat(format.at("/json_schema/strict").asBoolean(false))
                .as("strict is not requested unless strictJsonSchema(true)")
                .isFalse();
    }

    @Test
    void json_schema_response_format_is_strict_when_strict_json_schema_is_on() {
        gateway.model()
                .strictJsonSchema(true)
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("A person"))
                        .responseFormat(personSchema())
                        .build());

        JsonNode format = gateway.lastRequest().get("response_format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/name").asText()).isEqualTo("Person");
        assertThat(format.at("/json_schema/strict").isBoolean()).isTrue();
        assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
        assertThat(format.at("/json_schema/schema/properties/name/type").asText())
                .isEqualTo("string");
        assertThat(format.at("/json_schema/schema/additionalProperties").asBoolean(true))
                .as("strict schemas must forbid additional properties")
                .isFalse();
    }

    // ---------------------------------------------------------------- tools

    @Test
    void tools_are_sent_as_functions_with_name_description_and_parameters() {
        gateway.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather in Paris?"))
                        .toolSpecifications(WEATHER_TOOL)
                        .build());

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("tools")).isEqualTo(json("""
                        [{"type":"function","function":{"name":"get_weather","description":"Current weather",
                          "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]
                        """));
        assertThat(body.has("tool_choice")).as("no tool choice was asked for").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"AUTO, auto", "REQUIRED, required", "NONE, none"})
    void tool_choice_is_sent_as_lower_case_mode(ToolChoice choice, String wire) {
        gateway.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather in Paris?"))
                        .toolSpecifications(WEATHER_TOOL)
                        .toolChoice(choice)
                        .build());

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("tool_choice").isTextual()).isTrue();
        assertThat(body.get("tool_choice").asText()).isEqualTo(wire);
        assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    }

    // ---------------------------------------------------------------- vision

    @Test
    void image_from_an_https_url_with_low_detail() {
        gateway.model()
                .build()
                .chat(UserMessage.from(
                        ImageContent.from("https://example.com/paris.jpg", ImageContent.DetailLevel.LOW)));

        JsonNode content = gateway.lastRequest().at("/messages/0/content");
        assertThat(content.isArray()).isTrue();
        assertThat(content).isEqualTo(json("""
                        [{"type":"image_url","image_url":{"url":"https://example.com/paris.jpg","detail":"low"}}]
                        """));
    }

    @Test
    void image_from_base64_is_sent_as_a_data_uri() {
        gateway.model().build().chat(UserMessage.from(ImageContent.from(PNG_BASE64, "image/png")));

        JsonNode part = gateway.lastRequest().at("/messages/0/content/0");
        assertThat(part.get("type").asText()).isEqualTo("image_url");
        assertThat(part.at("/image_url/url").asText()).isEqualTo("data:image/png;base64," + PNG_BASE64);
    }

    @Test
    void text_and_images_in_one_user_message_become_an_array_of_parts_in_order() {
        gateway.model()
                .build()
                .chat(UserMessage.from(
                        TextContent.from("What is in these pictures?"),
                        ImageContent.from(PNG_BASE64, "image/png", ImageContent.DetailLevel.LOW),
                        ImageContent.from("https://example.com/paris.jpg")));

        JsonNode message = gateway.lastRequest().at("/messages/0");
        assertThat(message.get("role").asText()).isEqualTo("user");
        JsonNode content = message.get("content");
        assertThat(content.isArray()).isTrue();
        assertThat(content).hasSize(3);
        assertThat(content.get(0)).isEqualTo(json("{\"type\":\"text\",\"text\":\"What is in these pictures?\"}"));
        assertThat(content.get(1).get("type").asText()).isEqualTo("image_url");
        assertThat(content.get(1).at("/image_url/url").asText()).isEqualTo("data:image/png;base64," + PNG_BASE64);
        assertThat(content.get(1).at("/image_url/detail").asText()).isEqualTo("low");
        assertThat(content.get(2).at("/image_url/url").asText()).isEqualTo("https://example.com/paris.jpg");
    }

    // ---------------------------------------------------------------- thinking

    @Test
    void send_thinking_echoes_the_thinking_as_reasoning_content() {
        AiMessage withThinking = AiMessage.builder()
                .text("9.8 is greater.")
                .thinking("compare tenths: 8 > 1")
                .build();

        gateway.model()
                .sendThinking(true)
                .build()
                .chat(UserMessage.from("9.11 or 9.8?"), withThinking, UserMessage.from("Sure?"));

        JsonNode assistant = gateway.lastRequest().get("messages").get(1);
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("content").asText()).isEqualTo("9.8 is greater.");
        assertThat(assistant.get("reasoning_content").asText()).isEqualTo("compare tenths: 8 > 1");
    }

    @Test
    void send_thinking_echoes_reasoning_content_beside_tool_calls() {
        AiMessage withThinking = AiMessage.builder()
                .thinking("I need the weather tool")
                .toolExecutionRequests(List.of(ToolExecutionRequest.builder()
                        .id("call_1")
                        .name("get_weather")
                        .arguments("{\"city\":\"Paris\"}")
                        .build()))
                .build();

        gateway.model()
                .sendThinking(true)
                .build()
                .chat(
                        UserMessage.from("Weather?"),
                        withThinking,
                        ToolExecutionResultMessage.from("call_1", "get_weather", "sunny"));

        JsonNode assistant = gateway.lastRequest().get("messages").get(1);
        assertThat(assistant.get("reasoning_content").asText()).isEqualTo("I need the weather tool");
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
    }

    @Test
    void thinking_is_not_sent_back_by_default() {
        AiMessage withThinking =
                AiMessage.builder().text("9.8").thinking("secret chain").build();

        gateway.model().build().chat(UserMessage.from("9.11 or 9.8?"), withThinking, UserMessage.from("Sure?"));

        JsonNode assistant = gateway.lastRequest().get("messages").get(1);
        assertThat(assistant.has("reasoning_content")).isFalse();
        assertThat(assistant.toString()).doesNotContain("secret chain");
    }

    // ---------------------------------------------------------------- custom parameters

    @Test
    void custom_parameters_are_merged_at_the_top_level() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("thinking", Map.of("type", "enabled"));
        custom.put("top_k", 40);
        custom.put("provider_hint", "fast");

        gateway.model().customParameters(custom).build().chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"enabled\"}"));
        assertThat(body.get("top_k").asInt()).isEqualTo(40);
        assertThat(body.get("provider_hint").asText()).isEqualTo("fast");
        assertThat(body.has("custom_parameters")).as("merged, not nested").isFalse();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    // ---------------------------------------------------------------- headers

    @Test
    void request_carries_bearer_key_aisa_user_agent_and_custom_headers() {
        gateway.model()
                .customHeaders(Map.of("X-Team", "alpha", "X-Trace-Id", "trace-1"))
                .build()
                .chat(UserMessage.from("hi"));

        List<LoggedRequest> requests = gateway.rawRequests();
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + GatewayStub.API_KEY);
        assertThat(request.getHeader("User-Agent")).startsWith("aisa-langchain4j");
        assertThat(request.getHeader("X-Team")).isEqualTo("alpha");
        assertThat(request.getHeader("X-Trace-Id")).isEqualTo("trace-1");
        assertThat(request.getHeader("Content-Type")).contains("application/json");
    }

    @Test
    void request_goes_to_chat_completions_under_the_base_url() {
        gateway.model().build().chat(UserMessage.from("hi"));

        assertThat(gateway.rawRequests()).hasSize(1);
        assertThat(gateway.rawRequests().get(0).getUrl()).isEqualTo(GatewayStub.CHAT_PATH);
        assertThat(gateway.rawRequests().get(0).getMethod().getName()).isEqualTo("POST");
    }

    // ---------------------------------------------------------------- default request parameters

    @Test
    void default_request_parameters_are_used_when_builder_setters_are_unset() {
        gateway.model()
                .modelName(null)
                .defaultRequestParameters(OpenAiChatRequestParameters.builder()
                        .modelName("deepseek-chat")
                        .temperature(0.3)
                        .topP(0.8)
                        .frequencyPenalty(0.1)
                        .presencePenalty(0.2)
                        .maxOutputTokens(64)
                        .stopSequences("END")
                        .toolSpecifications(WEATHER_TOOL)
                        .toolChoice(ToolChoice.REQUIRED)
                        .maxCompletionTokens(128)
                        .seed(42)
                        .user("default-user")
                        .parallelToolCalls(false)
                        .reasoningEffort("low")
                        .customParameters(Map.of("provider_hint", "cheap"))
                        .build())
                .build()
                .chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("model").asText()).isEqualTo("deepseek-chat");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(0.1);
        assertThat(body.get("presence_penalty").asDouble()).isEqualTo(0.2);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("stop")).isEqualTo(json("[\"END\"]"));
        assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(body.get("tool_choice").asText()).isEqualTo("required");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(128);
        assertThat(body.get("seed").asInt()).isEqualTo(42);
        assertThat(body.get("user").asText()).isEqualTo("default-user");
        assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("low");
        assertThat(body.get("provider_hint").asText()).isEqualTo("cheap");
    }

    @Test
    void plain_default_request_parameters_are_used_too() {
        gateway.model()
                .defaultRequestParameters(ChatRequestParameters.builder()
                        .temperature(0.6)
                        .maxOutputTokens(99)
                        .toolSpecifications(WEATHER_TOOL)
                        .toolChoice(ToolChoice.AUTO)
                        .responseFormat(ResponseFormat.JSON)
                        .build())
                .build()
                .chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.6);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(99);
        assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(body.get("tool_choice").asText()).isEqualTo("auto");
        assertThat(body.get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
    }

    @Test
    void builder_setters_win_over_default_request_parameters() {
        gateway.model()
                .modelName("gpt-4o-mini")
                .temperature(0.9)
                .maxTokens(10)
                .seed(7)
                .user("builder-user")
                .reasoningEffort("high")
                .stop("BUILDER")
                .defaultRequestParameters(OpenAiChatRequestParameters.builder()
                        .modelName("deepseek-chat")
                        .temperature(0.1)
                        .topP(0.5)
                        .maxOutputTokens(64)
                        .seed(42)
                        .user("default-user")
                        .reasoningEffort("low")
                        .stopSequences("DEFAULT")
                        .build())
                .build()
                .chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.9);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(10);
        assertThat(body.get("seed").asInt()).isEqualTo(7);
        assertThat(body.get("user").asText()).isEqualTo("builder-user");
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("high");
        assertThat(body.get("stop")).isEqualTo(json("[\"BUILDER\"]"));
        assertThat(body.get("top_p").asDouble())
                .as("a default the builder did not override still applies")
                .isEqualTo(0.5);
    }

    // ---------------------------------------------------------------- absent fields

    @Test
    void a_sync_call_asks_for_no_stream() {
        // langchain4j-open-ai sends the spec's default "stream": false explicitly; we keep it rather than
        // re-writing every request body
        gateway.model().temperature(0.2).build().chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        assertThat(body.path("stream").asBoolean(false))
                .as("a sync call must not ask for a stream, but the body was %s", body)
                .isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void unset_fields_are_absent_from_the_body_not_null() {
        gateway.model().build().chat(UserMessage.from("hi"));

        JsonNode body = gateway.lastRequest();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        // "stream" has its own test (a_sync_call_asks_for_no_stream); here: nothing else unset leaks in
        fields.remove("stream");
        assertThat(fields).containsExactlyInAnyOrder("model", "messages");
        for (String unset : List.of(
                "temperature",
                "top_p",
                "max_tokens",
                "max_completion_tokens",
                "stop",
                "frequency_penalty",
                "presence_penalty",
                "seed",
                "user",
                "tools",
                "tool_choice",
                "parallel_tool_calls",
                "response_format",
                "reasoning_effort",
                "n",
                "logit_bias",
                "logprobs",
                "top_logprobs",
                "store",
                "metadata",
                "service_tier",
                "stream_options",
                "functions",
                "function_call")) {
            assertThat(body.has(unset))
                    .as("unset field %s must be absent", unset)
                    .isFalse();
        }
        assertThat(body.get("messages")).isEqualTo(json("[{\"role\":\"user\",\"content\":\"hi\"}]"));
        assertThat(body.toString()).doesNotContain("null");
    }

    // ---------------------------------------------------------------- helpers

    private static ResponseFormat personSchema() {
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder()
                        .name("Person")
                        .rootElement(JsonObjectSchema.builder()
                                .addStringProperty("name")
                                .addIntegerProperty("age")
                                .required("name", "age")
                                .build())
                        .build())
                .build();
    }

    private static JsonNode json(String text) {
        try {
            return GatewayStub.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
