package one.aisa.langchain4j.samples.cli;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.ModelComparison;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.SimulatedFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "A short tour: chat, streaming, a tool-calling AI Service, a model comparison, a fallback, the cost ledger.")
final class DemoCommand implements Runnable {

    private static final String MODEL = "gpt-4o-mini";

    @ParentCommand
    AisaCli cli;

    /** The assistant of step 3. */
    interface TravelAssistant {
        String chat(String message);
    }

    /** The tool of step 3; a real app would call a weather API here. */
    static final class WeatherTools {
        private final PrintStream out;

        WeatherTools(PrintStream out) {
            this.out = out;
        }

        @Tool("Current weather in a city")
        String getWeather(@P("the city") String city) {
            out.println("   tool called: getWeather(" + city + ")");
            return "{\"city\":\"" + city + "\",\"temp_c\":18,\"sky\":\"clear\"}";
        }
    }

    @Override
    public void run() {
        Gateway gateway = cli.gateway(false);
        if (gateway.simulated()) {
            script(gateway.simulator());
        }
        PrintStream out = cli.out();
        Ledger ledger = new Ledger();

        out.println("1. Chat with " + MODEL);
        ChatModel chat = gateway.chatModel(MODEL).listeners(ledger).build();
        ChatResponse answer = chat.chat(dev.langchain4j.data.message.UserMessage.from(
                "In one sentence: what does an LLM gateway give a developer?"));
        out.println("   " + answer.aiMessage().text());
        out.println("   " + Format.costLine((AisaChatResponseMetadata) answer.metadata()));

        out.println();
        out.println("2. Streaming from " + MODEL);
        out.print("   ");
        ChatResponse streamed =
                stream(gateway, ledger, "Name three things to check before calling an LLM API in production.");
        out.println();
        out.println("   " + Format.costLine((AisaChatResponseMetadata) streamed.metadata()));

        out.println();
        out.println("3. An AI Service with a tool");
        TravelAssistant assistant = AiServices.builder(TravelAssistant.class)
                .chatModel(chat)
                .tools(new WeatherTools(out))
                .build();
        out.println("   " + assistant.chat("What's the weather in Paris right now?"));

        out.println();
        out.println("4. The same question to three models");
        Map<String, ChatModel> models = new LinkedHashMap<>();
        for (String model : List.of("gpt-4o-mini", "claude-haiku-4-5", "deepseek-v3.1")) {
            models.put(
                    model,
                    gateway.chatModel(model).listeners(ledger).maxRetries(0).build());
        }
        Table table = new Table("MODEL", "LATENCY", "COST", "ANSWER");
        for (ModelComparison.Result result :
                ModelComparison.of(models).compare("Explain the CAP theorem in one line.")) {
            table.row(
                    result.label(),
                    result.latency().toMillis() + " ms",
                    Format.usd(result.cost()),
                    result.succeeded()
                            ? Format.shorten(result.text(), 60)
                            : "ERROR " + result.error().getMessage());
        }
        indent(out, table.toString());

        out.println();
        out.println("5. A fallback chain when the primary model is down");
        String primary = primaryForFallback(gateway);
        RoutingChatModel router = RoutingChatModel.builder()
                .models(
                        gateway.chatModel(primary).listeners(ledger).build(),
                        gateway.chatModel("claude-haiku-4-5").listeners(ledger).build())
                .build();
        ChatResponse routed = router.chat(dev.langchain4j.data.message.UserMessage.from("Say hello in French."));
        AisaChatResponseMetadata routedMetadata = (AisaChatResponseMetadata) routed.metadata();
        out.println("   " + routed.aiMessage().text());
        out.println("   route: " + routedMetadata.route());

        out.println();
        out.println("Cost ledger");
        indent(out, ledger.table());
    }

    private ChatResponse stream(Gateway gateway, Ledger ledger, String question) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        gateway.streamingChatModel(MODEL).listeners(ledger).build().chat(question, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                cli.out().print(partialResponse);
                cli.out().flush();
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
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

    /** Sensible simulated answers for the tour; the offline notice already said they are simulated. */
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
                .whenPrompt("CAP theorem")
                .reply("A distributed store can guarantee at most two of consistency, availability and partition"
                        + " tolerance.");
    }

    private static void indent(PrintStream out, String text) {
        text.lines().forEach(line -> out.println("   " + line));
    }

    /** Totals cost and calls per answering model, from each response's AIsa metadata. */
    static final class Ledger implements ChatModelListener {
        private final Map<String, BigDecimal> cost = new LinkedHashMap<>();
        private final Map<String, Integer> calls = new LinkedHashMap<>();

        @Override
        public synchronized void onResponse(ChatModelResponseContext context) {
            ChatResponse response = context.chatResponse();
            String model = response.modelName();
            calls.merge(model, 1, Integer::sum);
            if (response.metadata() instanceof AisaChatResponseMetadata aisa && aisa.cost() != null) {
                cost.merge(model, aisa.cost(), BigDecimal::add);
            }
        }

        synchronized String table() {
            Table table = new Table("MODEL", "CALLS", "COST");
            BigDecimal total = BigDecimal.ZERO;
            for (Map.Entry<String, Integer> entry : calls.entrySet()) {
                BigDecimal modelCost = cost.getOrDefault(entry.getKey(), BigDecimal.ZERO);
                total = total.add(modelCost);
                table.row(entry.getKey(), entry.getValue(), Format.usd(modelCost));
            }
            table.row(
                    "total", calls.values().stream().mapToInt(Integer::intValue).sum(), Format.usd(total));
            return table.toString();
        }
    }
}
