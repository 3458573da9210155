package one.aisa.langchain4j.benchmarks.harness;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.RequestFeatures;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStrategies;
import one.aisa.langchain4j.routing.RoutingStrategy;
import one.aisa.langchain4j.routing.TaskRules;
import one.aisa.langchain4j.testkit.AisaSimulator;

/**
 * A mixed workload (simple, code, vision, long-context, reasoning, Chinese) run on the simulator through each
 * routing strategy: total cost as the simulator billed it, the share of calls answered by a premium model, and a
 * check that every request was answered by a model capable of it.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.harness.StrategyCostHarness}
 */
public final class StrategyCostHarness {

    private static final int REQUESTS = 1_200;
    private static final List<String> MODELS = List.of(
            "claude-sonnet-4-5",
            "gpt-4.1",
            "gpt-4o",
            "gemini-2.5-pro",
            "deepseek-r1",
            "qwen3-max",
            "deepseek-v3.1",
            "gemini-2.5-flash",
            "gpt-4o-mini",
            "qwen-mt-flash");
    /** Premium: the strongest tier, $8 or more per million output tokens. */
    private static final BigDecimal PREMIUM_OUTPUT_PRICE = new BigDecimal("8");

    private StrategyCostHarness() {}

    public static void main(String[] args) {
        AisaModelCatalog catalog = AisaModelCatalog.builtIn();
        List<ChatRequest> workload = workload(new Random(7));
        Map<String, RoutingStrategy> strategies = new LinkedHashMap<>();
        strategies.put("always the strongest capable model", null);
        strategies.put("cheapest capable", RoutingStrategies.cheapestCapable());
        strategies.put("by task (default rules)", RoutingStrategies.byTask(TaskRules.defaults()));
        strategies.put(
                "tiered, 20% premium",
                RoutingStrategies.tiered(
                        List.of("gpt-4o-mini", "gemini-2.5-flash", "deepseek-v3.1"),
                        List.of("claude-sonnet-4-5", "gpt-4o"),
                        0.2));
        strategies.put(
                "tiered, 50% premium",
                RoutingStrategies.tiered(
                        List.of("gpt-4o-mini", "gemini-2.5-flash", "deepseek-v3.1"),
                        List.of("claude-sonnet-4-5", "gpt-4o"),
                        0.5));
        strategies.put("quality-aware, target 0.9", RoutingStrategies.qualityAware(0.9));
        strategies.put("quality-aware, target 0.95", RoutingStrategies.qualityAware(0.95));
        System.out.printf("%d requests: %s%n", workload.size(), mix(workload));
        System.out.println(
                "| strategy | total cost (USD) | vs strongest | premium share | served by a capable model |");
        System.out.println("|---|---|---|---|---|");
        BigDecimal strongest = null;
        for (Map.Entry<String, RoutingStrategy> entry : strategies.entrySet()) {
            try (AisaSimulator simulator = AisaSimulator.builder()
                    .startingCredits(new BigDecimal("1000"))
                    .start()) {
                CostTracker tracker = new CostTracker();
                List<ChatModel> models = new ArrayList<>();
                for (String model : MODELS) {
                    models.add(simulator.chatModelBuilder(model).build());
                }
                RoutingChatModel.RoutingChatModelBuilder builder =
                        RoutingChatModel.builder().models(models).listeners(tracker);
                builder.strategy(entry.getValue() == null ? strongestCapable() : entry.getValue());
                RoutingChatModel router = builder.build();
                int premium = 0;
                int capable = 0;
                for (ChatRequest request : workload) {
                    ChatResponse response = router.chat(request);
                    String answeredBy = ((AisaChatResponseMetadata) response.metadata())
                            .route()
                            .answeredBy();
                    ModelInfo info = catalog.require(answeredBy);
                    if (info.outputPricePerMillion().compareTo(PREMIUM_OUTPUT_PRICE) >= 0) {
                        premium++;
                    }
                    if (RequestFeatures.of(request).fits(info)) {
                        capable++;
                    }
                }
                BigDecimal cost = tracker.snapshot().totalCost();
                if (strongest == null) {
                    strongest = cost;
                }
                System.out.printf(
                        "| %s | %s | %.1f%% | %.1f%% | %d / %d |%n",
                        entry.getKey(),
                        cost.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                        100 * cost.doubleValue() / strongest.doubleValue(),
                        100.0 * premium / workload.size(),
                        capable,
                        workload.size());
            }
        }
    }

    /** The most expensive capable model first: what "always use the best model" costs. */
    private static RoutingStrategy strongestCapable() {
        RoutingStrategy cheapest = RoutingStrategies.cheapestCapable();
        return (request, features, candidates) -> {
            List<one.aisa.langchain4j.routing.RouteCandidate> ordered =
                    new ArrayList<>(cheapest.order(request, features, candidates));
            java.util.Collections.reverse(ordered);
            return ordered;
        };
    }

    private static List<ChatRequest> workload(Random random) {
        List<ChatRequest> requests = new ArrayList<>();
        String[] simple = {
            "What is the capital of France?",
            "Say hi.",
            "Translate 'thank you' to Spanish.",
            "What day comes after Monday?",
            "Give me a synonym for quick."
        };
        String[] code = {
            "```python\ndef add(a, b):\n    return a - b\n```\nFix the bug.",
            "Write a Java class that parses CSV lines; public class Csv { } is a start."
        };
        String[] reasoning = {
            "Prove step by step that the square root of 2 is irrational.",
            "How many ways can 8 queens be placed on a chessboard? Explain your reasoning and solve it step by step."
        };
        String[] chinese = {"请用三句话解释量子计算。", "帮我写一封请假邮件，语气要礼貌。"};
        for (int i = 0; i < REQUESTS; i++) {
            int kind = random.nextInt(100);
            UserMessage message;
            if (kind < 45) {
                message = UserMessage.from(simple[random.nextInt(simple.length)]);
            } else if (kind < 60) {
                message = UserMessage.from(code[random.nextInt(code.length)]);
            } else if (kind < 70) {
                message = UserMessage.from(
                        TextContent.from("What is in this picture?"), ImageContent.from("https://example.com/cat.jpg"));
            } else if (kind < 80) {
                message = UserMessage.from("Summarise this report:\n" + "The quarterly figures rose. ".repeat(9_000));
            } else if (kind < 90) {
                message = UserMessage.from(reasoning[random.nextInt(reasoning.length)]);
            } else {
                message = UserMessage.from(chinese[random.nextInt(chinese.length)]);
            }
            requests.add(ChatRequest.builder().messages(message).build());
        }
        return requests;
    }

    private static String mix(List<ChatRequest> workload) {
        return "45% simple, 15% code, 10% vision, 10% long-context (~60k tokens), 10% reasoning, 10% Chinese"
                + " (seeded; " + Set.copyOf(workload).size() + " distinct)";
    }
}
