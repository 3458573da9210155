package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.CachingStreamingChatModel;
import one.aisa.langchain4j.cost.CostReport;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.cost.ModelCost;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.RouteHealth;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/aisa}: each routed model's circuit, for the blocking and the streaming router (which share one breaker
 * per model unless the application replaces the {@code SharedCircuitBreakers} bean), so a dashboard sees a model
 * being skipped, the spend so far
 * per model, and the budget with what its window has spent. An endpoint rather than a health indicator: a tripped circuit is the router doing its job, not the
 * application being down, and the endpoint's package is the same on Spring Boot 3.5 and 4.
 */
@Endpoint(id = "aisa")
public class AisaEndpoint {

    private final ObjectProvider<ChatModel> chatModel;
    private final ObjectProvider<StreamingChatModel> streamingChatModel;
    private final ObjectProvider<CostTracker> costTracker;
    private final ObjectProvider<Budget> budget;
    private final ObjectProvider<AisaSharedStateStatus> sharedState;

    public AisaEndpoint(
            ObjectProvider<ChatModel> chatModel,
            ObjectProvider<StreamingChatModel> streamingChatModel,
            ObjectProvider<CostTracker> costTracker,
            ObjectProvider<Budget> budget) {
        this(chatModel, streamingChatModel, costTracker, budget, null);
    }

    public AisaEndpoint(
            ObjectProvider<ChatModel> chatModel,
            ObjectProvider<StreamingChatModel> streamingChatModel,
            ObjectProvider<CostTracker> costTracker,
            ObjectProvider<Budget> budget,
            ObjectProvider<AisaSharedStateStatus> sharedState) {
        this.chatModel = chatModel;
        this.streamingChatModel = streamingChatModel;
        this.costTracker = costTracker;
        this.budget = budget;
        this.sharedState = sharedState;
    }

    @ReadOperation
    public Map<String, Object> aisa() {
        Map<String, Object> report = new LinkedHashMap<>();
        if (CachedModels.inside(chatModel.getIfUnique()) instanceof RoutingChatModel router) {
            List<Map<String, Object>> circuits =
                    router.health().stream().map(AisaEndpoint::circuit).toList();
            report.put("circuits", circuits);
        }
        if (CachedModels.inside(streamingChatModel.getIfUnique()) instanceof RoutingStreamingChatModel router) {
            report.put(
                    "streamingCircuits",
                    router.health().stream().map(AisaEndpoint::circuit).toList());
        }
        CostTracker tracker = costTracker.getIfUnique();
        if (tracker != null) {
            CostReport costs = tracker.snapshot();
            Map<String, Object> spend = new LinkedHashMap<>();
            spend.put("totalCostUsd", costs.totalCost());
            spend.put("estimatedCostUsd", costs.totalEstimatedCost());
            spend.put("calls", costs.totalCalls());
            spend.put("errors", costs.totalErrors());
            spend.put("creditsRemainingUsd", costs.creditsRemaining());
            spend.put("models", costs.models().stream().map(AisaEndpoint::model).toList());
            report.put("spend", spend);
            Map<String, Object> cacheReport = new LinkedHashMap<>();
            cacheReport.put("hits", costs.totalCacheHits());
            cacheReport.put("savedCostUsd", costs.totalSavedCost());
            if (chatModel.getIfUnique() instanceof CachingChatModel cached) {
                cacheReport.put("entries", cached.cache().estimatedSize());
            }
            if (chatModel.getIfUnique() instanceof CachingChatModel
                    || streamingChatModel.getIfUnique() instanceof CachingStreamingChatModel) {
                report.put("cache", cacheReport);
            }
        }
        AisaSharedStateStatus status = sharedState == null ? null : sharedState.getIfUnique();
        if (status != null) {
            Map<String, Object> shared = new LinkedHashMap<>();
            status.outages().forEach((part, outage) -> shared.put(part, outage ? "outage: using local state" : "up"));
            report.put("sharedState", shared);
        }
        Budget limit = budget.getIfUnique();
        if (limit != null) {
            Map<String, Object> purse = new LinkedHashMap<>();
            purse.put("limitUsd", limit.limit());
            purse.put("window", limit.window().toString());
            purse.put("spentInWindowUsd", limit.spentInWindow(Instant.now()));
            purse.put("perCallLimitUsd", limit.perCallLimit());
            purse.put("action", limit.action());
            report.put("budget", purse);
        }
        return report;
    }

    private static Map<String, Object> circuit(RouteHealth route) {
        Map<String, Object> circuit = new LinkedHashMap<>();
        circuit.put("model", route.model());
        circuit.put("state", route.state());
        circuit.put("available", route.available());
        circuit.put("failureRate", route.failureRate());
        circuit.put("calls", route.calls());
        return circuit;
    }

    private static Map<String, Object> model(ModelCost cost) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("model", cost.model());
        model.put("calls", cost.calls());
        model.put("errors", cost.errors());
        model.put("costUsd", cost.cost());
        model.put("estimatedCostUsd", cost.estimatedCost().signum() == 0 ? BigDecimal.ZERO : cost.estimatedCost());
        model.put("inputTokens", cost.inputTokens());
        model.put("outputTokens", cost.outputTokens());
        model.put("cacheHits", cost.cacheHits());
        model.put("savedCostUsd", cost.savedCost());
        return model;
    }
}
