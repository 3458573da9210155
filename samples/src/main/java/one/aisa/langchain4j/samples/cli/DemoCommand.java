package one.aisa.langchain4j.samples.cli;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.ModelComparison;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.SimulatedFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "A short tour: chat, streaming, a tool-calling AI Service, a model comparison, a fallback, the cost ledger.")
final class DemoCommand implements Runnable {

    private static final String MODEL = "gpt-4o-mini";
    private static final List<String> COMPARED = List.of("gpt-4o-mini", "claude-haiku-4-5", "deepseek-v3.1");

    private static final String CHAT_QUESTION = "In one sentence: what does an LLM gateway give a developer?";
    private static final String STREAM_QUESTION = "Name three things to check before calling an LLM API in production.";
    private static final String TOOL_QUESTION = "What's the weather in Paris right now?";
    private static final String COMPARE_QUESTION = "Explain the CAP theorem in one line.";
    private static final String FALLBACK_QUESTION = "Say hello in French.";
    private static final String GEMINI_MODEL = "gemini-2.5-flash";
    private static final String GEMINI_QUESTION = "Why is the sky blue? One sentence.";
    private static final String CACHE_QUESTION = "What does HTTP status 429 mean?";

    @ParentCommand
    AisaCli cli;

    @Option(names = "--json", description = "Print the tour as one JSON document: every step, answer, route and cost.")
    boolean json;

    /** The assistant of step 3. */
    interface TravelAssistant {
        String chat(String message);
    }

    /** The tool of step 3; a real app would call a weather API here. */
    static final class WeatherTools {
        private final DemoOutput output;

        WeatherTools(DemoOutput output) {
            this.output = output;
        }

        @Tool("Current weather in a city")
        String getWeather(@P("the city") String city) {
            output.toolCall("getWeather", city);
            return "{\"city\":\"" + city + "\",\"temp_c\":18,\"sky\":\"clear\"}";
        }
    }

    @Override
    public void run() {
        Gateway gateway = cli.gateway();
        if (gateway.simulated()) {
            script(gateway.simulator());
        }
        DemoOutput output = json ? DemoOutput.json(cli.out(), gateway.simulated()) : DemoOutput.text(cli.out());
        CostLedger ledger = new CostLedger();

        output.step("Chat with " + MODEL, CHAT_QUESTION);
        ChatModel chat = gateway.chatModel(MODEL).listeners(ledger).build();
        output.answer(chat.chat(UserMessage.from(CHAT_QUESTION)));

        output.step("Streaming from " + MODEL, STREAM_QUESTION);
        output.answer(stream(gateway, ledger, output));

        output.step("An AI Service with a tool", TOOL_QUESTION);
        TravelAssistant assistant = AiServices.builder(TravelAssistant.class)
                .chatModel(chat)
                .tools(new WeatherTools(output))
                .build();
        output.answer(assistant.chat(TOOL_QUESTION));

        output.step("The same question to three models", COMPARE_QUESTION);
        Map<String, ChatModel> models = new LinkedHashMap<>();
        for (String model : COMPARED) {
            models.put(
                    model,
                    gateway.chatModel(model).listeners(ledger).maxRetries(0).build());
        }
        output.comparison(ModelComparison.of(models).compare(COMPARE_QUESTION));

        output.step("A fallback chain when the primary model is down", FALLBACK_QUESTION);
        String primary = primaryForFallback(gateway);
        RoutingChatModel router = RoutingChatModel.builder()
                .models(
                        gateway.chatModel(primary).listeners(ledger).build(),
                        gateway.chatModel("claude-haiku-4-5").listeners(ledger).build())
                .build();
        ChatResponse routed = router.chat(UserMessage.from(FALLBACK_QUESTION));
        output.answer(routed);
        output.route(((AisaChatResponseMetadata) routed.metadata()).route());

        output.step("Gemini's native route (" + GEMINI_MODEL + ")", GEMINI_QUESTION);
        ChatModel gemini =
                gateway.geminiChatModel(GEMINI_MODEL).listeners(ledger).build();
        output.answer(gemini.chat(UserMessage.from(GEMINI_QUESTION)));

        output.step("The same question again, answered from the cache", CACHE_QUESTION);
        ChatModel cached = CachingChatModel.builder()
                .model(gateway.chatModel(MODEL).build())
                .listeners(List.of(ledger))
                .build();
        cached.chat(UserMessage.from(CACHE_QUESTION));
        output.answer(cached.chat(UserMessage.from(CACHE_QUESTION)));

        output.ledger(ledger);
    }

    private ChatResponse stream(Gateway gateway, CostLedger ledger, DemoOutput output) {
        CompletableFuture<ChatResponse> done = StreamedAnswer.start(
                gateway.streamingChatModel(MODEL).listeners(ledger).build(),
                List.of(UserMessage.from(STREAM_QUESTION)),
                output::partial);
        return done.orTimeout(2, TimeUnit.MINUTES).join();
    }

    /**
     * The primary of step 5: offline, a real model the simulator is told to fail (503, no channel); online, a model
     * id that does not exist, as after a model is retired, since a real outage cannot be ordered.
     */
    private static String primaryForFallback(Gateway gateway) {
        if (gateway.simulated()) {
            gateway.simulator().failAlways("gpt-4o", SimulatedFault.noAvailableChannel());
            return "gpt-4o";
        }
        return "aisa-demo-retired-model";
    }

    /**
     * Sensible simulated answers for the tour, one per model where models are compared (identical answers would
     * compare nothing); the offline notice already said they are simulated.
     */
    private static void script(AisaSimulator simulator) {
        simulator
                .whenPrompt("LLM gateway")
                .reply("One API key and one endpoint for many model families, with cost reported per call.")
                .whenPrompt("before calling an LLM API")
                .reply("Timeouts and retries, cost limits, and what happens when a model is down.")
                .whenPrompt("weather in Paris")
                .reply("It is 18 °C and clear in Paris right now.")
                // newer scripts win: this one asks for the tool first; once its result is back, the reply above
                .whenPrompt("weather in Paris")
                .callTool("getWeather", "{\"city\":\"Paris\"}")
                .whenPrompt("hello in French")
                .reply("Bonjour !")
                .whenPrompt("HTTP status 429")
                .reply("Too many requests: slow down and retry after the time the server asks for.")
                .whenPrompt("sky blue")
                .reply("Air scatters blue sunlight more than red, so the sky looks blue.")
                .whenPrompt("CAP theorem")
                .forModel("gpt-4o-mini")
                .reply("When the network partitions, a distributed system must choose consistency or availability.")
                .whenPrompt("CAP theorem")
                .forModel("claude-haiku-4-5")
                .reply("Of consistency, availability and partition tolerance, a distributed store keeps at most two;"
                        + " since partitions happen, the real choice is C or A.")
                .whenPrompt("CAP theorem")
                .forModel("deepseek-v3.1")
                .reply("CAP: during a network split you serve stale data or refuse requests; pick one.");
    }
}
