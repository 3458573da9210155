package one.aisa.langchain4j;

import dev.langchain4j.model.chat.request.ResponseFormat;
import java.util.Map;
import one.aisa.langchain4j.internal.Settings;
import org.slf4j.helpers.NOPLogger;

/**
 * The settings {@link AisaChatModel} and {@link AisaStreamingChatModel} share, with the same names and defaults:
 * those of every AIsa model ({@link AisaBaseModelBuilder}) and the OpenAI-compatible route's own.
 * Use {@link AisaChatModel#builder()} or {@link AisaStreamingChatModel#builder()}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class AisaModelBuilder<B extends AisaModelBuilder<B>> extends AisaBaseModelBuilder<B> {

    Integer maxCompletionTokens;
    String user;
    Boolean parallelToolCalls;
    String reasoningEffort;
    Boolean strictJsonSchema;
    Boolean strictTools;
    Map<String, Object> customParameters;

    protected AisaModelBuilder() {
        // public subclasses can be extended
    }

    public B maxCompletionTokens(Integer maxCompletionTokens) {
        this.maxCompletionTokens = maxCompletionTokens;
        return self();
    }

    public B user(String user) {
        this.user = user;
        return self();
    }

    public B parallelToolCalls(Boolean parallelToolCalls) {
        this.parallelToolCalls = parallelToolCalls;
        return self();
    }

    public B reasoningEffort(String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
        return self();
    }

    public B responseFormat(String responseFormat) {
        this.responseFormatString = responseFormat;
        if ("json_object".equals(responseFormat)) {
            this.responseFormat = ResponseFormat.JSON;
        }
        return self();
    }

    public B strictJsonSchema(Boolean strictJsonSchema) {
        this.strictJsonSchema = strictJsonSchema;
        return self();
    }

    public B strictTools(Boolean strictTools) {
        this.strictTools = strictTools;
        return self();
    }

    public B customParameters(Map<String, Object> customParameters) {
        this.customParameters = customParameters;
        return self();
    }

    public static String checkedBaseUrl(String baseUrl) {
        return Settings.baseUrl(java.util.Objects.requireNonNull(baseUrl, "baseUrl"), NOPLogger.NOP_LOGGER);
    }
}
