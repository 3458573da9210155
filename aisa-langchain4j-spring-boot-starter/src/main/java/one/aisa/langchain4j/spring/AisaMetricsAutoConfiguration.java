package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.RouteHealth;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Micrometer metrics for the AIsa models, when the application has a {@link MeterRegistry}: the call listener, and
 * one gauge per routed model's circuit and router ({@code aisa.routing.circuit.open}: 1 while the model is skipped;
 * tag {@code aisa.router} is {@code blocking} or {@code streaming}; by default both share one breaker per model), and the
 * budget's spend and limit ({@code aisa.budget.spent}, {@code aisa.budget.limit}) when there is one. Auto-
 * configurations are named by string, under both their Boot 3.5 and Boot 4 packages.
 */
@AutoConfiguration(
        before = AisaAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "api-key")
public class AisaMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AisaMetricsListener aisaMetricsListener(MeterRegistry registry, Environment environment) {
        return new AisaMetricsListener(
                registry, environment.getProperty(AisaProperties.PREFIX + ".cache.enabled", Boolean.class, false));
    }

    /** Times streamed calls' first chunk and their chunks after it, from their observations. */
    @Bean
    @ConditionalOnMissingBean
    public AisaStreamingMetricsHandler aisaStreamingMetricsHandler(MeterRegistry registry) {
        return new AisaStreamingMetricsHandler(registry);
    }

    @Bean
    public MeterBinder aisaCircuitMeters(
            ObjectProvider<ChatModel> chatModel, ObjectProvider<StreamingChatModel> streamingChatModel) {
        return registry -> {
            if (CachedModels.inside(chatModel.getIfUnique()) instanceof RoutingChatModel router) {
                registerCircuits(registry, "blocking", router::health);
            }
            if (CachedModels.inside(streamingChatModel.getIfUnique()) instanceof RoutingStreamingChatModel router) {
                registerCircuits(registry, "streaming", router::health);
            }
        };
    }

    private static void registerCircuits(MeterRegistry registry, String router, Supplier<List<RouteHealth>> health) {
        for (RouteHealth route : health.get()) {
            // strongly held: the supplier is a lambda only the gauge refers to, and Micrometer holds gauge state
            // weakly, so it could be collected and the gauge read NaN (seen once in CI)
            Gauge.builder("aisa.routing.circuit.open", health, h -> isOpen(h.get(), route.model()))
                    .strongReference(true)
                    .description("1 while the router skips this model because its circuit is open")
                    .tag("gen_ai.request.model", route.model())
                    .tag("aisa.router", router)
                    .register(registry);
        }
    }

    @Bean
    public MeterBinder aisaBudgetMeters(ObjectProvider<Budget> budget) {
        return registry -> {
            Budget limit = budget.getIfUnique();
            if (limit != null) {
                Gauge.builder(
                                "aisa.budget.spent",
                                limit,
                                b -> b.spentInWindow(Instant.now()).doubleValue())
                        .description("USD the AIsa routers spent within the budget's window")
                        .baseUnit("USD")
                        .register(registry);
                Gauge.builder("aisa.budget.limit", limit, b -> b.limit().doubleValue())
                        .description("USD the AIsa routers may spend within the budget's window")
                        .baseUnit("USD")
                        .register(registry);
            }
        };
    }

    private static double isOpen(List<RouteHealth> health, String model) {
        return health.stream().filter(route -> route.model().equals(model)).anyMatch(route -> !route.available())
                ? 1
                : 0;
    }
}
