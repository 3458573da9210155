package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.WAIT;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.cityTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.testkit.SimulatorTestSupport.StreamRecorder;
import org.junit.jupiter.api.Test;

/** Tool calling against the simulator: AI Services loops, parallel calls, streamed tool-call fragments. */
@AisaSimulatorTest
class AisaSimulatorToolLoopTest {

    interface Assistant {
        String chat(String message);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    /** Tools that record every call, so a test sees exactly how often and with what they ran. */
    static final class TravelTools {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Current weather in a city")
        String weather(String city) {
            calls.add("weather(" + city + ")");
            return "sunny, 21 C in " + city;
        }

        @Tool("Local time in a city")
        String local_time(String city) {
            calls.add("local_time(" + city + ")");
            return "09:30 in " + city;
        }
    }

    @Test
    void an_ai_service_runs_the_tool_once_and_gets_the_tool_answered_reply(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Paris\"}");
        TravelTools tools = new TravelTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(simulator.chatModel("gpt-4o-mini"))
                .tools(tools)
                .build();

        String answer = assistant.chat("What is the weather in Paris?");

        assertThat(tools.calls).containsExactly("weather(Paris)");
        assertThat(answer)
                .isEqualTo("[simulated gpt-4o-mini] The tool answered: sunny, 21 C in Paris")
                .contains("sunny, 21 C in Paris");
        assertThat(simulator.chatRequests()).hasSize(2);
        JsonNode first = simulator.chatRequests().get(0).body();
        JsonNode second = simulator.chatRequests().get(1).body();
        assertThat(first.path("tools").path(0).path("function").path("name").asText())
                .isEqualTo("weather");
        JsonNode toolMessage =
                second.path("messages").path(second.path("messages").size() - 1);
        assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.path("content").asText()).isEqualTo("sunny, 21 C in Paris");
        JsonNode assistantTurn =
                second.path("messages").path(second.path("messages").size() - 2);
        assertThat(toolMessage.path("tool_call_id").asText())
                .isEqualTo(assistantTurn.path("tool_calls").path(0).path("id").asText())
                .isNotBlank();
    }

    @Test
    void an_ai_service_runs_parallel_tool_calls_each_once(AisaSimulator simulator) {
        simulator.whenPrompt("trip").callTools("weather", "{\"city\":\"Paris\"}", "local_time", "{\"city\":\"Tokyo\"}");
        TravelTools tools = new TravelTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(simulator.chatModel("gpt-4o-mini"))
                .tools(tools)
                .build();

        String answer = assistant.chat("Plan my trip");

        assertThat(tools.calls).containsExactlyInAnyOrder("weather(Paris)", "local_time(Tokyo)");
        assertThat(answer).startsWith("[simulated gpt-4o-mini] The tool answered: ");
        assertThat(simulator.chatRequests()).hasSize(2);
        JsonNode messages = simulator.chatRequests().get(1).body().path("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("user", "assistant", "tool", "tool");
    }

    /**
     * After parallel calls the final reply should reflect every result, as a model would; the simulator quotes
     * only the last tool message, so an agent test cannot see whether the first result reached the model.
     */
    @Test
    void the_reply_after_parallel_tool_calls_quotes_every_tool_result(AisaSimulator simulator) {
        simulator.whenPrompt("trip").callTools("weather", "{\"city\":\"Paris\"}", "local_time", "{\"city\":\"Tokyo\"}");
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(simulator.chatModel("gpt-4o-mini"))
                .tools(new TravelTools())
                .build();

        String answer = assistant.chat("Plan my trip");

        assertThat(answer).contains("sunny, 21 C in Paris").contains("09:30 in Tokyo");
    }

    @Test
    void our_streaming_model_assembles_the_tool_call_fragments(AisaSimulator simulator) {
        String arguments = "{\"city\":\"Paris\",\"unit\":\"celsius\",\"note\":\"a \\\"quoted\\\" word\"}";
        simulator.whenPrompt("weather").callTool("weather", arguments);
        StreamRecorder recorder = new StreamRecorder();

        simulator
                .streamingChatModel("gpt-4o-mini")
                .chat(
                        ChatRequest.builder()
                                .messages(UserMessage.from("Weather in Paris?"))
                                .toolSpecifications(cityTool("weather", "Current weather"))
                                .build(),
                        recorder);
        ChatResponse response = recorder.response();

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("weather");
            assertThat(call.arguments()).isEqualTo(arguments);
            assertThat(call.id()).isNotBlank();
        });
        assertThat(recorder.completeToolCalls)
                .singleElement()
                .satisfies(complete ->
                        assertThat(complete.toolExecutionRequest().arguments()).isEqualTo(arguments));
        assertThat(recorder.errors).hasValue(0);
        assertThat(simulator.chatRequests())
                .singleElement()
                .satisfies(request -> assertThat(request.stream()).isTrue());
    }

    @Test
    void our_streaming_model_assembles_parallel_tool_calls(AisaSimulator simulator) {
        simulator.whenPrompt("trip").callTools("weather", "{\"city\":\"Paris\"}", "local_time", "{\"city\":\"Tokyo\"}");
        StreamRecorder recorder = new StreamRecorder();

        simulator
                .streamingChatModel("gpt-4o-mini")
                .chat(
                        ChatRequest.builder()
                                .messages(UserMessage.from("Plan my trip"))
                                .toolSpecifications(
                                        cityTool("weather", "Current weather"), cityTool("local_time", "Local time"))
                                .build(),
                        recorder);
        ChatResponse response = recorder.response();

        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(tuple("weather", "{\"city\":\"Paris\"}"), tuple("local_time", "{\"city\":\"Tokyo\"}"));
        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::id)
                .doesNotHaveDuplicates();
        assertThat(recorder.completeToolCalls).hasSize(2);
    }

    @Test
    void a_streaming_ai_service_runs_the_tool_once_and_streams_the_final_answer(AisaSimulator simulator)
            throws Exception {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Paris\"}");
        TravelTools tools = new TravelTools();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(simulator.streamingChatModel("gpt-4o-mini"))
                .tools(tools)
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant
                .chat("What is the weather in Paris?")
                .onPartialResponse(partials::add)
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();
        ChatResponse response = done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(tools.calls).containsExactly("weather(Paris)");
        assertThat(response.aiMessage().text())
                .isEqualTo("[simulated gpt-4o-mini] The tool answered: sunny, 21 C in Paris");
        assertThat(String.join("", partials)).isEqualTo(response.aiMessage().text());
        assertThat(partials).hasSizeGreaterThan(1);
        assertThat(simulator.chatRequests())
                .hasSize(2)
                .allSatisfy(request -> assertThat(request.stream()).isTrue());
    }

    @Test
    void langchain4j_openai_streaming_model_assembles_the_simulator_tool_calls(AisaSimulator simulator) {
        simulator.whenPrompt("trip").callTools("weather", "{\"city\":\"Paris\"}", "local_time", "{\"city\":\"Tokyo\"}");
        OpenAiStreamingChatModel openAi = OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("x")
                .modelName("gpt-4o-mini")
                .build();
        StreamRecorder recorder = new StreamRecorder();

        openAi.chat(
                ChatRequest.builder()
                        .messages(UserMessage.from("Plan my trip"))
                        .toolSpecifications(
                                cityTool("weather", "Current weather"), cityTool("local_time", "Local time"))
                        .build(),
                recorder);
        ChatResponse response = recorder.response();

        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(tuple("weather", "{\"city\":\"Paris\"}"), tuple("local_time", "{\"city\":\"Tokyo\"}"));
    }

    @Test
    void a_streaming_ai_service_on_the_openai_streaming_model_completes_the_loop(AisaSimulator simulator)
            throws Exception {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Oslo\"}");
        TravelTools tools = new TravelTools();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(OpenAiStreamingChatModel.builder()
                        .baseUrl(simulator.baseUrl())
                        .apiKey("x")
                        .modelName("gpt-4o-mini")
                        .build())
                .tools(tools)
                .build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant
                .chat("Weather in Oslo?")
                .onPartialResponse(partial -> {})
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();
        ChatResponse response = done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(tools.calls).containsExactly("weather(Oslo)");
        assertThat(response.aiMessage().text()).contains("The tool answered: sunny, 21 C in Oslo");
    }
}
