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
 * @param format The route every model id without a prefix takes: openai (the OpenAI-compatible
 *     /chat/completions, the default) or gemini (Gemini's native generateContent). An id prefixed gemini: or
 *     openai: (e.g. gemini:gemini-2.5-flash in aisa.routing.fallbacks) takes that route whatever this says.
 */
public record AisaChatProperties(
        @DefaultValue("gpt-4o-mini") String model,
        Double temperature,
        Integer maxTokens,
        Double topP,
        Boolean returnThinking,
        @DefaultValue("openai") Format format) {

    /** The wire format a model is called with. */
    public enum Format {
        /** The gateway's OpenAI-compatible {@code /chat/completions}: every model family. */
        OPENAI,
        /** Gemini's native {@code models/{model}:generateContent}: Gemini models only. */
        GEMINI
    }

    /** The route and the model name an id stands for: {@code gemini:} and {@code openai:} prefixes win. */
    record ModelRoute(Format format, String modelName) {}

    ModelRoute route(String id) {
        for (Format prefixed : Format.values()) {
            String prefix = prefixed.name().toLowerCase(java.util.Locale.ROOT) + ":";
            if (id.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return new ModelRoute(prefixed, id.substring(prefix.length()).trim());
            }
        }
        return new ModelRoute(format, id);
    }

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
