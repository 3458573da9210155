package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.RouteHealth;
import one.aisa.langchain4j.routing.RoutingChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics for the AIsa models, when the application has a {@link MeterRegistry}: the call listener, and
 * one gauge per routed model's circuit ({@code aisa.routing.circuit.open}: 1 while the model is skipped), and the
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
    public AisaMetricsListener aisaMetricsListener(MeterRegistry registry) {
        return new AisaMetricsListener(registry);
    }

    @Bean
    public MeterBinder aisaCircuitMeters(ObjectProvider<ChatModel> chatModel) {
        return registry -> {
            if (chatModel.getIfUnique() instanceof RoutingChatModel router) {
                for (RouteHealth route : router.health()) {
                    Gauge.builder("aisa.routing.circuit.open", router, r -> isOpen(r, route.model()))
                            .description("1 while the router skips this model because its circuit is open")
                            .tag("gen_ai.request.model", route.model())
                            .register(registry);
                }
            }
        };
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

    private static double isOpen(RoutingChatModel router, String model) {
        return router.health().stream()
                        .filter(route -> route.model().equals(model))
                        .anyMatch(route -> !route.available())
                ? 1
                : 0;
    }
}
