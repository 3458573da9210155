package one.aisa.langchain4j;

import dev.langchain4j.model.googleai.GeminiFunctionCallingConfig;
import dev.langchain4j.model.googleai.GeminiHarmBlockThreshold;
import dev.langchain4j.model.googleai.GeminiHarmCategory;
import dev.langchain4j.model.googleai.GeminiMode;
import dev.langchain4j.model.googleai.GeminiSafetySetting;
import dev.langchain4j.model.googleai.GeminiThinkingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The settings {@link AisaGeminiChatModel} and {@link AisaGeminiStreamingChatModel} share: those of every AIsa model
 * ({@link AisaBaseModelBuilder}: key, base URL, sampling, retries, logging, listeners) and Gemini's own, in
 * {@code langchain4j-google-ai-gemini}'s types.
 *
 * <p>Defaults that differ from the OpenAI-compatible route: {@code baseUrl} is {@code https://api.aisa.one/v1beta}
 * (or {@code AISA_BASE_URL}; {@code /v1} works too), and {@code returnThinking} and {@code sendThinking} are on,
 * so that thought summaries never mix into the text and Gemini 3's {@code thoughtSignature} travels back in tool
 * loops.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class AisaGeminiModelBuilder<B extends AisaGeminiModelBuilder<B>> extends AisaBaseModelBuilder<B> {

    Integer topK;
    GeminiThinkingConfig thinkingConfig;
    List<GeminiSafetySetting> safetySettings;
    GeminiFunctionCallingConfig toolConfig;

    protected AisaGeminiModelBuilder() {
        // public subclasses can be extended
    }

    /** {@code topK} sampling. Default: the model's. */
    public B topK(Integer topK) {
        this.topK = topK;
        return self();
    }

    /**
     * {@code generationConfig.thinkingConfig}: the thinking budget or level, and whether thought summaries come
     * back ({@code includeThoughts}; they land in {@code AiMessage.thinking()}). Default: the model's.
     */
    public B thinkingConfig(GeminiThinkingConfig thinkingConfig) {
        this.thinkingConfig = thinkingConfig;
        return self();
    }

    /** {@code safetySettings}: the block threshold per harm category. Default: Gemini's. */
    public B safetySettings(Map<GeminiHarmCategory, GeminiHarmBlockThreshold> safetySettings) {
        List<GeminiSafetySetting> settings = new ArrayList<>();
        safetySettings.forEach((category, threshold) -> settings.add(new GeminiSafetySetting(category, threshold)));
        this.safetySettings = settings;
        return self();
    }

    /** See {@link #safetySettings(Map)}. */
    public B safetySettings(List<GeminiSafetySetting> safetySettings) {
        this.safetySettings = safetySettings == null ? null : List.copyOf(safetySettings);
        return self();
    }

    /**
     * {@code toolConfig.functionCallingConfig}: {@code AUTO}, {@code ANY} (optionally only the named functions),
     * {@code NONE} or {@code VALIDATED}. A request's {@code toolChoice} wins over the mode. Default: Gemini's
     * ({@code AUTO}).
     */
    public B toolConfig(GeminiMode mode, String... allowedFunctionNames) {
        this.toolConfig = new GeminiFunctionCallingConfig(
                mode, allowedFunctionNames.length == 0 ? null : Arrays.asList(allowedFunctionNames));
        return self();
    }
}
