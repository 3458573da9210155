package one.aisa.langchain4j.spring;

import one.aisa.langchain4j.routing.RouterBuilder;

/**
 * A hook to adjust the routers the auto-configuration builds (when {@code aisa.routing.*} or {@code aisa.budget.limit}
 * makes the beans routers), after the properties are applied and before {@code build()}: the blocking
 * ({@code RoutingChatModelBuilder}) and the streaming ({@code RoutingStreamingChatModelBuilder}) one alike. Use it
 * for what properties cannot say: a custom {@code RoutingStrategy} or {@code FailoverPolicy}, say. Declare it as a
 * bean; several run in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * AisaRouterCustomizer neverFailOverOnRateLimits() {
 *     return router -> router.failoverPolicy(FailoverPolicy.defaults().toBuilder()
 *             .on(ErrorCategory.RATE_LIMIT, FailoverDecision.FAIL_FAST)
 *             .build());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AisaRouterCustomizer {

    /**
     * Adjusts one router builder, already configured from the {@code aisa.*} properties.
     *
     * @param builder a {@code RoutingChatModel.RoutingChatModelBuilder} or a
     *     {@code RoutingStreamingChatModel.RoutingStreamingChatModelBuilder}
     */
    void customize(RouterBuilder<?, ?> builder);
}
