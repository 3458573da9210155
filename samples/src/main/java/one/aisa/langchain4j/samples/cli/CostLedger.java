package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import one.aisa.langchain4j.AisaChatResponseMetadata;

/** The demo's ledger: cost and calls per answering model, from each response's AIsa metadata. */
final class CostLedger implements ChatModelListener {

    private final Map<String, BigDecimal> cost = new LinkedHashMap<>();
    private final Map<String, Integer> calls = new LinkedHashMap<>();
    private int cacheHits;
    private BigDecimal saved = BigDecimal.ZERO;

    @Override
    public synchronized void onResponse(ChatModelResponseContext context) {
        ChatResponse response = context.chatResponse();
        if (response.metadata() instanceof AisaChatResponseMetadata hit && hit.cacheHit() != null) {
            // answered from the cache: no call was made, and what it cost the first time was saved
            cacheHits++;
            if (hit.cacheHit().costSaved() != null) {
                saved = saved.add(hit.cacheHit().costSaved());
            }
            return;
        }
        String model = response.modelName();
        calls.merge(model, 1, Integer::sum);
        if (response.metadata() instanceof AisaChatResponseMetadata aisa && aisa.cost() != null) {
            cost.merge(model, aisa.cost(), BigDecimal::add);
        }
    }

    synchronized String table() {
        Table table = new Table("MODEL", "CALLS", "COST");
        calls.forEach((model, count) -> table.row(model, count, Format.usd(costOf(model))));
        table.row("total", totalCalls(), Format.usd(totalCost()));
        return table
                + (cacheHits == 0
                        ? ""
                        : "from the cache: " + cacheHits + (cacheHits == 1 ? " answer" : " answers") + ", saved "
                                + Format.usd(saved) + "\n");
    }

    synchronized ObjectNode json() {
        ObjectNode node = AisaCli.json().createObjectNode();
        var models = node.putArray("models");
        calls.forEach((model, count) ->
                models.addObject().put("model", model).put("calls", count).put("cost_usd", costOf(model)));
        node.putObject("cache").put("hits", cacheHits).put("saved_usd", saved);
        return node.put("calls", totalCalls()).put("cost_usd", totalCost());
    }

    private BigDecimal costOf(String model) {
        return cost.getOrDefault(model, BigDecimal.ZERO);
    }

    private int totalCalls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    private BigDecimal totalCost() {
        return cost.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
