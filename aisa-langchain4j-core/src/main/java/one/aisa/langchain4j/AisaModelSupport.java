package one.aisa.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.List;
import java.util.Set;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.observation.ChatObservationContext;

/**
 * What the blocking and the streaming AIsa model answer alike, from their resolved settings: defaults, listeners,
 * capabilities, retry policy, base URL, model name, and a {@code toString()} that masks the key. Not API: the
 * public types are {@link AisaChatModel}, {@link AisaStreamingChatModel} and their Gemini-native twins.
 *
 * @param <P> the request parameters type of the route: OpenAI's or Gemini's
 */
abstract class AisaModelSupport<P extends ChatRequestParameters> {

    final ResolvedSettings settings;
    final RetryPolicy retryPolicy;
    private final P defaultRequestParameters;

    AisaModelSupport(ResolvedSettings settings, P defaultRequestParameters, RetryPolicy retryPolicy) {
        this.settings = settings;
        this.defaultRequestParameters = defaultRequestParameters;
        this.retryPolicy = retryPolicy;
    }

    public P defaultRequestParameters() {
        return defaultRequestParameters;
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

    /** The observation of one call to this model: the model the request names, else this model's. */
    ChatObservationContext observation(ChatRequest request, boolean streaming) {
        String requested =
                request.parameters() == null ? null : request.parameters().modelName();
        return new ChatObservationContext(
                ChatObservationContext.Kind.CALL,
                request,
                requested != null ? requested : settings.modelName,
                streaming);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{baseUrl=" + settings.baseUrl + ", modelName=" + settings.modelName
                + ", apiKey=" + SecretRedactor.MASK + ", retryPolicy=" + retryPolicy + '}';
    }
}
