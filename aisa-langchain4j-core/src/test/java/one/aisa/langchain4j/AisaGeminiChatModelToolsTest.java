package one.aisa.langchain4j;

import static one.aisa.langchain4j.GeminiStub.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tools on the native Gemini route, blocking: declarations in Gemini's schema subset, {@code functionCall} parts
 * with object {@code args}, {@code functionResponse} parts with object {@code response}s, and the AI Services loop.
 */
class AisaGeminiChatModelToolsTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GeminiStub gemini = new GeminiStub(server);

    /** Every kind of property Gemini's subset has, and {@code additionalProperties}, which it rejects. */
    private static final ToolSpecification GET_WEATHER = ToolSpecification.builder()
            .name("get_weather")
            .description("Current weather")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("city", "The city, e.g. Paris")
                    .addIntegerProperty("days")
                    .addEnumProperty("unit", List.of("celsius", "fahrenheit"))
                    .addProperty(
                            "fields",
                            JsonArraySchema.builder()
                                    .items(new JsonStringSchema())
                                    .build())
                    .required("city")
                    .additionalProperties(false)
                    .build())
            .build();

    private static final String TWO_CALLS = GeminiStub.answer("""
            [
              {"functionCall": {"name": "get_weather", "args": {"city": "Paris", "days": 2}}},
              {"functionCall": {"name": "get_weather", "args": {"city": "Rome", "unit": "celsius"}}}
            ]""", "STOP");

    private static final String ONE_CALL = GeminiStub.answer("""
            [{"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}]""", "STOP");

    private static ToolExecutionRequest call(String arguments) {
        return ToolExecutionRequest.builder()
                .name("get_weather")
                .arguments(arguments)
                .build();
    }

    private JsonNode sendBack(AiMessage calls, ToolExecutionResultMessage... results) {
        gemini.respondJson(GeminiStub.text("Sunny in Paris."));
        List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from("Weather in Paris and Rome?"), calls));
        messages.addAll(List.of(results));
        gemini.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(GET_WEATHER)
                        .build());
        return gemini.lastRequest().get("contents");
    }

    @Test
    void declares_a_tool_in_geminis_schema_subset_without_unsupported_keys() {
        gemini.respondJson(GeminiStub.text("Sunny."));

        gemini.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather in Paris?"))
                        .toolSpecifications(GET_WEATHER)
                        .build());

        assertThat(gemini.lastRequest().get("tools")).isEqualTo(tree("""
                [
                  {
                    "functionDeclarations": [
                      {
                        "name": "get_weather",
                        "description": "Current weather",
                        "parameters": {
                          "type": "OBJECT",
                          "properties": {
                            "city": {"type": "STRING", "description": "The city, e.g. Paris"},
                            "days": {"type": "INTEGER"},
                            "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]},
                            "fields": {"type": "ARRAY", "items": {"type": "STRING"}}
                          },
                          "required": ["city"]
                        }
                      }
                    ]
                  }
                ]
                """));
        assertThat(gemini.rawRequests().get(0).getBodyAsString())
                .doesNotContain("additionalProperties")
                .doesNotContain("additional_properties")
                .doesNotContain("$schema");
    }

    @Test
    void two_function_calls_become_two_tool_execution_requests_with_json_text_arguments() {
        gemini.respondJson(TWO_CALLS);

        ChatResponse response = gemini.model()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather in Paris and Rome?"))
                        .toolSpecifications(GET_WEATHER)
                        .build());

        AiMessage message = response.aiMessage();
        assertThat(message.text()).isNull();
        assertThat(message.toolExecutionRequests())
                .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(
                        Tuple.tuple("get_weather", "{\"city\":\"Paris\",\"days\":2}"),
                        Tuple.tuple("get_weather", "{\"city\":\"Rome\",\"unit\":\"celsius\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(((AisaGeminiChatResponseMetadata) response.metadata()).rawFinishReason())
                .isEqualTo("STOP");
    }

    @Test
    void a_plain_text_tool_result_goes_back_wrapped_in_a_response_object() {
        ToolExecutionRequest paris = call("{\"city\":\"Paris\"}");

        JsonNode contents = sendBack(AiMessage.from(paris), ToolExecutionResultMessage.from(paris, "Sunny, 18 °C"));

        assertThat(contents).isEqualTo(tree("""
                [
                  {"role": "user", "parts": [{"text": "Weather in Paris and Rome?"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}]},
                  {
                    "role": "user",
                    "parts": [{"functionResponse": {"name": "get_weather", "response": {"response": "Sunny, 18 °C"}}}]
                  }
                ]
                """));
    }

    /** Gemini takes any object; the JSON text travels as a string inside it, which the model reads as JSON. */
    @Test
    void a_json_text_tool_result_goes_back_inside_a_response_object() {
        ToolExecutionRequest paris = call("{\"city\":\"Paris\"}");

        JsonNode contents = sendBack(
                AiMessage.from(paris), ToolExecutionResultMessage.from(paris, "{\"temp_c\":18,\"sky\":\"clear\"}"));

        assertThat(contents.at("/2/parts/0/functionResponse")).isEqualTo(tree("""
                {"name": "get_weather", "response": {"response": "{\\"temp_c\\":18,\\"sky\\":\\"clear\\"}"}}
                """));
    }

    /**
     * Gemini answers 400 ("the number of function response parts is equal to the number of function call parts of
     * the function call turn") unless every response to one model turn's calls is in one user turn.
     */
    @Test
    void the_results_of_two_calls_go_back_as_two_function_responses_in_one_user_turn() {
        ToolExecutionRequest paris = call("{\"city\":\"Paris\",\"days\":2}");
        ToolExecutionRequest rome = call("{\"city\":\"Rome\",\"unit\":\"celsius\"}");

        JsonNode contents = sendBack(
                AiMessage.from(paris, rome),
                ToolExecutionResultMessage.from(paris, "Sunny, 18 °C"),
                ToolExecutionResultMessage.from(rome, "{\"temp_c\":21}"));

        assertThat(contents).isEqualTo(tree("""
                [
                  {"role": "user", "parts": [{"text": "Weather in Paris and Rome?"}]},
                  {
                    "role": "model",
                    "parts": [
                      {"functionCall": {"name": "get_weather", "args": {"city": "Paris", "days": 2}}},
                      {"functionCall": {"name": "get_weather", "args": {"city": "Rome", "unit": "celsius"}}}
                    ]
                  },
                  {
                    "role": "user",
                    "parts": [
                      {"functionResponse": {"name": "get_weather", "response": {"response": "Sunny, 18 °C"}}},
                      {"functionResponse": {"name": "get_weather", "response": {"response": "{\\"temp_c\\":21}"}}}
                    ]
                  }
                ]
                """));
    }

    interface Assistant {
        String chat(String message);
    }

    @Test
    void ai_services_run_the_tool_once_and_return_the_final_text() {
        gemini.respondInTurn(GeminiStub.json(ONE_CALL), GeminiStub.json(GeminiStub.text("It is sunny in Paris.")));
        List<String> cities = new CopyOnWriteArrayList<>();
        Object weather = new Object() {
            @Tool("Current weather")
            String get_weather(@P("The city") String city) {
                cities.add(city);
                return "sunny, 18 °C";
            }
        };
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(gemini.model().build())
                .tools(weather)
                .build();

        String answer = assistant.chat("Weather in Paris?");

        assertThat(answer).isEqualTo("It is sunny in Paris.");
        assertThat(cities).containsExactly("Paris");
        List<JsonNode> requests = gemini.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).at("/tools/0/functionDeclarations/0/name").asText())
                .isEqualTo("get_weather");
        assertThat(requests.get(1).get("contents")).isEqualTo(tree("""
                [
                  {"role": "user", "parts": [{"text": "Weather in Paris?"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}]},
                  {
                    "role": "user",
                    "parts": [{"functionResponse": {"name": "get_weather", "response": {"response": "sunny, 18 °C"}}}]
                  }
                ]
                """));
    }
}
