package one.aisa.langchain4j.spring;

import one.aisa.langchain4j.AisaModelBuilder;

/**
 * A hook to adjust every AIsa model the auto-configuration builds, after the {@code aisa.*} properties are applied
 * and before {@code build()}: the primary model and each fallback, blocking ({@code AisaChatModelBuilder}) and
 * streaming ({@code AisaStreamingChatModelBuilder}) alike, since every setting lives on {@link AisaModelBuilder}.
 * Declare it as a bean; several run in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * AisaChatModelCustomizer headers() {
 *     return builder -> builder.customHeaders(Map.of("X-Team", "search"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AisaChatModelCustomizer {

    /**
     * Adjusts one builder. The concrete type is {@code AisaChatModel.AisaChatModelBuilder} or
     * {@code AisaStreamingChatModel.AisaStreamingChatModelBuilder}.
     *
     * @param builder the builder, already configured from the {@code aisa.*} properties
     */
    void customize(AisaModelBuilder<?> builder);
}
