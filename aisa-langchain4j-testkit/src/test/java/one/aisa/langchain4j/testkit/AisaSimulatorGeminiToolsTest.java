package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.GENERATE;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.MODEL;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.STREAM;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.candidate;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.part;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.texts;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.JSON;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.geminiBody;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.geminiEvents;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.geminiTurn;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.json;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gemini's native function calls and the prompt it reads: declared functions, {@code functionCall} parts with object
 * {@code args}, the tool loop's end after {@code functionResponse} turns, system instruction and history.
 */
@AisaSimulatorTest
class AisaSimulatorGeminiToolsTest {

    /** A request that declares {@code get_weather} and asks about Paris, then carries the given turns. */
    static String weatherBody(JsonNode... laterTurns) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("contents")
                .add(geminiTurn("user", JSON.createObjectNode().put("text", "Weather in Paris?")))
                .addAll(List.of(laterTurns));
        body.putArray("tools")
                .addObject()
                .putArray("functionDeclarations")
                .addObject()
                .put("name", "get_weather")
                .put("description", "Current weather")
                .putObject("parameters")
                .put("type", "OBJECT");
        return body.toString();
    }

    static ObjectNode functionCall(String name, String argumentsJson) {
        ObjectNode part = JSON.createObjectNode();
        part.putObject("functionCall").put("name", name).set("args", json(argumentsJson));
        return part;
    }

    static ObjectNode functionResponse(String name, JsonNode response) {
        ObjectNode part = JSON.createObjectNode();
        part.putObject("functionResponse").put("name", name).set("response", response);
        return part;
    }

    // ---- function calls ----

    @Test
    void a_declared_function_is_called_with_object_args_and_finishes_stop(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("get_weather", "{\"city\":\"Paris\"}");

        JsonNode response = json(post(simulator, GENERATE, weatherBody()).body());

        JsonNode call = part(response).path("functionCall");
        assertThat(call.path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("args").isObject()).as("args in %s", call).isTrue();
        assertThat(call.path("args")).isEqualTo(json("{\"city\":\"Paris\"}"));
        assertThat(candidate(response).path("finishReason").asText()).isEqualTo("STOP");
        assertThat(part(response).has("text")).isFalse();
    }

    @Test
    void a_streamed_function_call_arrives_whole_in_one_event(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");

        List<JsonNode> events =
                geminiEvents(post(simulator, STREAM, weatherBody()).body());

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(part(event).path("functionCall")).isEqualTo(json("""
                    {"name":"get_weather","args":{"city":"Paris","unit":"celsius"}}"""));
            assertThat(candidate(event).path("finishReason").asText()).isEqualTo("STOP");
            assertThat(event.path("usageMetadata").path("candidatesTokenCount").asLong())
                    .isPositive();
        });
    }

    @Test
    void parallel_calls_stream_one_event_each_and_the_last_finishes(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTools("get_weather", "{\"city\":\"Paris\"}", "get_weather", "{}");

        List<JsonNode> events =
                geminiEvents(post(simulator, STREAM, weatherBody()).body());

        assertThat(events).hasSize(2);
        assertThat(part(events.get(0)).path("functionCall").path("args")).isEqualTo(json("{\"city\":\"Paris\"}"));
        assertThat(part(events.get(1)).path("functionCall").path("args")).isEqualTo(json("{}"));
        assertThat(candidate(events.get(0)).has("finishReason")).isFalse();
        assertThat(candidate(events.get(1)).path("finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void without_declared_functions_a_tool_script_is_passed_over(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("get_weather", "{\"city\":\"Paris\"}");

        JsonNode response =
                json(post(simulator, GENERATE, geminiBody("Weather in Paris?")).body());

        assertThat(part(response).path("text").asText()).contains("You said: \"Weather in Paris?\"");
        assertThat(part(response).has("functionCall")).isFalse();
    }

    @Test
    void arguments_that_are_no_json_object_finish_malformed_function_call(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("get_weather", "[\"Paris\"]");

        JsonNode response = json(post(simulator, GENERATE, weatherBody()).body());

        assertThat(candidate(response).path("finishReason").asText()).isEqualTo("MALFORMED_FUNCTION_CALL");
        assertThat(candidate(response).has("content")).isFalse();
    }

    /** The tool loop ends: after the function's response, the answer is text that quotes it, not another call. */
    @ParameterizedTest
    @ValueSource(strings = {GENERATE, STREAM})
    void after_a_function_response_the_answer_is_text_quoting_it(String path, AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("get_weather", "{\"city\":\"Paris\"}");
        String body = weatherBody(
                geminiTurn("model", functionCall("get_weather", "{\"city\":\"Paris\"}")),
                geminiTurn(
                        "user",
                        functionResponse(
                                "get_weather", json("{\"name\":\"get_weather\",\"content\":\"sunny, 21 C\"}"))));

        HttpResponse<String> response = post(simulator, path, body);
        List<JsonNode> answer = path.equals(STREAM) ? geminiEvents(response.body()) : List.of(json(response.body()));

        assertThat(String.join("", texts(answer)))
                .isEqualTo("[simulated " + MODEL + "] The tool answered: sunny, 21 C");
        assertThat(response.body()).doesNotContain("\"functionCall\"");
        assertThat(candidate(answer.get(answer.size() - 1)).path("finishReason").asText())
                .isEqualTo("STOP");
    }

    @Test
    void parallel_function_responses_are_all_quoted_and_objects_as_json(AisaSimulator simulator) {
        String body = weatherBody(
                geminiTurn(
                        "model",
                        functionCall("get_weather", "{\"city\":\"Paris\"}"),
                        functionCall("get_weather", "{\"city\":\"Oslo\"}")),
                geminiTurn(
                        "user",
                        functionResponse("get_weather", json("{\"result\":\"sunny\"}")),
                        functionResponse("get_weather", json("{\"temp_c\":-3}"))));

        JsonNode response = json(post(simulator, GENERATE, body).body());

        assertThat(part(response).path("text").asText()).endsWith("The tool answered: sunny; {\"temp_c\":-3}");
    }

    // ---- the prompt ----

    @Test
    void scripts_and_the_echo_read_the_last_user_words_not_the_system_instruction(AisaSimulator simulator) {
        simulator.whenPrompt("pirate").reply("Arr!");
        ObjectNode body = JSON.createObjectNode();
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", "Talk like a pirate.");
        body.putArray("contents")
                .add(geminiTurn("user", JSON.createObjectNode().put("text", "First question")))
                .add(geminiTurn("model", JSON.createObjectNode().put("text", "First answer")))
                .add(geminiTurn("user", JSON.createObjectNode().put("text", "Second question")));

        JsonNode response = json(post(simulator, GENERATE, body.toString()).body());

        assertThat(part(response).path("text").asText())
                .contains("You said: \"Second question\"")
                .doesNotContain("First")
                .doesNotContain("Arr!");
    }

    @Test
    void the_system_instruction_every_turn_and_the_tools_count_as_prompt_tokens(AisaSimulator simulator) {
        String instruction = "Answer in exactly one short sentence, and never mention the sea.";
        ObjectNode camel = (ObjectNode) json(geminiBody("hello"));
        camel.putObject("systemInstruction").putArray("parts").addObject().put("text", instruction);
        ObjectNode snake = (ObjectNode) json(geminiBody("hello"));
        snake.putObject("system_instruction").putArray("parts").addObject().put("text", instruction);

        long bare = promptTokens(simulator, geminiBody("hello"));
        long withInstruction = promptTokens(simulator, camel.toString());

        assertThat(withInstruction).isGreaterThan(bare + 10);
        assertThat(promptTokens(simulator, snake.toString())).isEqualTo(withInstruction);
        assertThat(promptTokens(simulator, weatherBody()))
                .as("the declared functions count")
                .isGreaterThan(promptTokens(simulator, geminiBody("Weather in Paris?")));
        assertThat(promptTokens(
                        simulator,
                        weatherBody(geminiTurn("model", functionCall("get_weather", "{\"city\":\"Paris\"}")))))
                .as("a function call in the history counts")
                .isGreaterThan(promptTokens(simulator, weatherBody()));
    }

    private static long promptTokens(AisaSimulator simulator, String body) {
        return json(post(simulator, GENERATE, body).body())
                .path("usageMetadata")
                .path("promptTokenCount")
                .asLong();
    }
}
