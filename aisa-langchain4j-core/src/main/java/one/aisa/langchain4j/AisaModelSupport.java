package one.aisa.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.util.List;
import java.util.Set;
import one.aisa.langchain4j.internal.SecretRedactor;

/**
 * What the blocking and the streaming AIsa model answer alike, from their resolved settings: defaults, listeners,
 * capabilities, retry policy, base URL, model name, and a {@code toString()} that masks the key. Not API: the
 * public types are {@link AisaChatModel} and {@link AisaStreamingChatModel}.
 */
abstract class AisaModelSupport {

    final ResolvedSettings settings;
    final RetryPolicy retryPolicy;

    AisaModelSupport(ResolvedSettings settings, RetryPolicy retryPolicy) {
        this.settings = settings;
        this.retryPolicy = retryPolicy;
    }

    public OpenAiChatRequestParameters defaultRequestParameters() {
        return settings.defaultRequestParameters;
    }

    public List<ChatModelListener> listeners() {
        return settings.listeners;
    }

    public Set<Capability> supportedCapabilities() {
        return settings.supportedCapabilities;
    }

    /** The retry policy in force: the builder's {@code retryPolicy}, or the defaults with its {@code maxRetries}. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public String baseUrl() {
        return settings.baseUrl;
    }

    public String modelName() {
        return settings.modelName;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{baseUrl=" + settings.baseUrl + ", modelName=" + settings.modelName
                + ", apiKey=" + SecretRedactor.MASK + ", retryPolicy=" + retryPolicy + '}';
    }
}
