package one.aisa.langchain4j.benchmarks.routing;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.catalog.AisaModelCatalog;

/**
 * Sends recorded prompts through a router, one call each, and scores every routing decision with the data set's
 * result for the model that answered ({@code AisaChatResponseMetadata.route().answeredBy()}), and its cost with the
 * catalog's price of that model for the answer's token usage. The router runs as it would in an application: its
 * strategy sees only the request, never the results.
 */
public final class RouterReplay {

    /**
     * One recorded prompt.
     *
     * @param prompt the user message, the only thing the router sees
     * @param results the recorded result (correctness 0/1 or a judge score) per route label
     */
    public record Case(String prompt, Map<String, Double> results) {

        public Case {
            results = Map.copyOf(results);
        }
    }

    /**
     * What a replay gave.
     *
     * @param calls the prompts replayed
     * @param meanResult the mean of the answering models' recorded results
     * @param cost the summed list price of the answers, in USD
     * @param answers how many answers each route label gave
     */
    public record Outcome(int calls, double meanResult, BigDecimal cost, Map<String, Integer> answers) {

        public Outcome {
            answers = Collections.unmodifiableMap(new TreeMap<>(answers));
        }

        /** The share of the calls this route answered. */
        public double share(String label) {
            return (double) answers.getOrDefault(label, 0) / calls;
        }

        /** This replay's mean result as a share of another's, e.g. of always-strong. */
        public double resultShareOf(Outcome reference) {
            return meanResult / reference.meanResult();
        }

        /** This replay's cost as a share of another's. */
        public double costShareOf(Outcome reference) {
            return cost.divide(reference.cost(), MathContext.DECIMAL64).doubleValue();
        }

        /** The answering routes with their shares of the calls, most first, e.g. {@code a 60.0 %, b 40.0 %}. */
        public String answeredBy() {
            return answers.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(entry -> entry.getKey() + " " + MarkdownTable.percent(share(entry.getKey())))
                    .collect(Collectors.joining(", "));
        }
    }

    private RouterReplay() {}

    /** Replays the cases in the given order; a result missing for the model that answered fails the replay. */
    public static Outcome replay(ChatModel router, List<Case> cases, AisaModelCatalog catalog) {
        double total = 0;
        BigDecimal cost = BigDecimal.ZERO;
        Map<String, Integer> answers = new TreeMap<>();
        for (Case recorded : cases) {
            ChatResponse response = router.chat(ChatRequest.builder()
                    .messages(UserMessage.from(recorded.prompt()))
                    .build());
            String answeredBy = answeredBy(response);
            Double result = recorded.results().get(answeredBy);
            if (result == null) {
                throw new IllegalStateException("no recorded result of '" + answeredBy + "' for the prompt "
                        + abbreviated(recorded.prompt()) + "; the replay can only score models it has results of");
            }
            total += result;
            TokenUsage usage = response.tokenUsage();
            cost = cost.add(catalog.require(answeredBy).priceOf(usage.inputTokenCount(), usage.outputTokenCount()));
            answers.merge(answeredBy, 1, Integer::sum);
        }
        return new Outcome(cases.size(), total / cases.size(), cost, answers);
    }

    /**
     * The cases in an order shuffled with {@code seed}: the data sets are sorted by subject or category, and a
     * strategy that calibrates on recent requests should see mixed traffic, as an application's would be.
     */
    public static List<Case> shuffled(List<Case> cases, long seed) {
        List<Case> copy = new ArrayList<>(cases);
        Collections.shuffle(copy, new Random(seed));
        return List.copyOf(copy);
    }

    private static String answeredBy(ChatResponse response) {
        if (response.metadata() instanceof AisaChatResponseMetadata metadata && metadata.route() != null) {
            return metadata.route().answeredBy();
        }
        throw new IllegalStateException("the answer has no route trace: replay through a RoutingChatModel");
    }

    private static String abbreviated(String prompt) {
        String line = prompt.replace('\n', ' ');
        return '"' + (line.length() <= 60 ? line : line.substring(0, 60) + "...") + '"';
    }
}
