package one.aisa.langchain4j.spring;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chat model settings, shared by the blocking and the streaming model and by every fallback. The core builder
 * checks them when the models are built.
 *
 * @param model The AIsa model id answered first, e.g. gpt-4o-mini, claude-sonnet-4-5.
 * @param temperature The sampling temperature; unset leaves the model's default.
 * @param maxTokens The most tokens an answer may have; unset leaves the model's default.
 * @param topP Nucleus sampling: the probability mass to sample from; unset leaves the model's default.
 * @param returnThinking Whether to return the model's reasoning text, for models that expose it.
 */
public record AisaChatProperties(
        @DefaultValue("gpt-4o-mini") String model,
        Double temperature,
        Integer maxTokens,
        Double topP,
        Boolean returnThinking) {

    public AisaChatProperties {
        // the routing chains are assembled from the model id before any builder sees it
        if (model == null || model.isBlank()) {
            throw new AisaConfigurationException(
                    AisaProperties.PREFIX + ".chat.model",
                    "is blank",
                    "Set it to an AIsa model id such as gpt-4o-mini, or remove it to use gpt-4o-mini.");
        }
        // the core passes max tokens on unchecked
        if (maxTokens != null && maxTokens < 1) {
            throw new AisaConfigurationException(
                    AisaProperties.PREFIX + ".chat.max-tokens",
                    "is " + maxTokens + ", but it must be at least 1",
                    "Set it to 1 or more, or remove it to leave the model's default.");
        }
    }
}
