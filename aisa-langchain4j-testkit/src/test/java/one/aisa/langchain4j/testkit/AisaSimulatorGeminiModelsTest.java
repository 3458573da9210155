package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaGeminiChatResponseMetadata;
import one.aisa.langchain4j.exception.AisaConnectionException;
import org.junit.jupiter.api.Test;

/** Our native Gemini models against the simulator: answers, streams, AI Services tool loops and faults, offline. */
@AisaSimulatorTest
class AisaSimulatorGeminiModelsTest {

    static final String MODEL = "gemini-2.5-flash";

    interface Assistant {
        String chat(String message);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    static final class WeatherTool {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Current weather in a city")
        String weather(String city) {
            calls.add(city);
            return "sunny, 21 C in " + city;
        }
    }

    @Test
    void a_blocking_answer_carries_the_charged_cost(AisaSimulator simulator) {
        simulator.whenPrompt("capital of Germany").reply("Berlin.");
        BigDecimal before = simulator.credits();

        ChatResponse response = simulator
                .geminiChatModel(MODEL)
                .chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from("Capital of Germany?"))
                        .build());

        assertThat(response.aiMessage().text()).isEqualTo("Berlin.");
        AisaGeminiChatResponseMetadata metadata = (AisaGeminiChatResponseMetadata) response.metadata();
        assertThat(metadata.cost()).isPositive().isEqualByComparingTo(before.subtract(simulator.credits()));
        assertThat(simulator.requests())
                .last()
                .satisfies(request -> assertThat(request.stream()).isFalse());
    }

    @Test
    void a_stream_arrives_in_pieces_that_add_up_to_the_answer(AisaSimulator simulator) throws Exception {
        simulator.whenPrompt("sky").reply("Rayleigh scattering makes the sky blue.");
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        simulator.geminiStreamingChatModel(MODEL).chat("Why is the sky blue?", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(10, TimeUnit.SECONDS);

        assertThat(partials).hasSizeGreaterThan(1);
        assertThat(String.join("", partials)).isEqualTo("Rayleigh scattering makes the sky blue.");
        assertThat(response.aiMessage().text()).isEqualTo("Rayleigh scattering makes the sky blue.");
        assertThat(((AisaChatResponseMetadata) response.metadata()).cost()).isPositive();
    }

    @Test
    void an_ai_service_runs_the_tool_once_over_the_native_route(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Paris\"}");
        WeatherTool tool = new WeatherTool();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(simulator.geminiChatModel(MODEL))
                .tools(tool)
                .build();

        String answer = assistant.chat("What is the weather in Paris?");

        assertThat(tool.calls).containsExactly("Paris");
        assertThat(answer).contains("sunny, 21 C in Paris");
    }

    @Test
    void a_streaming_ai_service_runs_the_tool_once_over_the_native_route(AisaSimulator simulator) throws Exception {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Rome\"}");
        WeatherTool tool = new WeatherTool();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(simulator.geminiStreamingChatModel(MODEL))
                .tools(tool)
                .build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant
                .chat("What is the weather in Rome?")
                .onPartialResponse(partial -> {})
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();
        ChatResponse response = done.get(10, TimeUnit.SECONDS);

        assertThat(tool.calls).containsExactly("Rome");
        assertThat(response.aiMessage().text()).contains("sunny, 21 C in Rome");
    }

    @Test
    void a_cut_stream_is_a_typed_error(AisaSimulator simulator) throws Exception {
        simulator.whenPrompt("story").reply("Once upon a time there was a gateway that answered every model.");
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(3));
        CompletableFuture<Throwable> failed = new CompletableFuture<>();

        simulator
                .geminiStreamingChatModelBuilder(MODEL)
                .maxRetries(0)
                .build()
                .chat("Tell me a story", new StreamingChatResponseHandler() {
                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        failed.completeExceptionally(new AssertionError("completed: " + response));
                    }

                    @Override
                    public void onError(Throwable error) {
                        failed.complete(error);
                    }
                });

        assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(AisaConnectionException.class);
    }
}
