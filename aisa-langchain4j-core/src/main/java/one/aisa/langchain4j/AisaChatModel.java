package one.aisa.langchain4j;

import static dev.langchain4j.model.openai.internal.OpenAiUtils.toOpenAiChatRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import one.aisa.langchain4j.internal.CompletionExchange;
import one.aisa.langchain4j.internal.GatewayErrors;
import one.aisa.langchain4j.internal.Retrier;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link ChatModel} for the AIsa gateway: one key, one endpoint, many model families.
 *
 * <p>Built on {@code langchain4j-open-ai} for the request and message mapping (tools, vision, JSON schema, thinking)
 * and its response types, read once ({@code internal.CompletionExchange});
 * adds what AIsa adds: cost and credits in {@link AisaChatResponseMetadata}, typed exceptions that keep the
 * gateway's {@code code}, {@code request_id} and {@code Retry-After} for every error shape an upstream can send,
 * and retries with backoff that honour {@code Retry-After}.
 *
 * <pre>{@code
 * ChatModel model = AisaChatModel.builder()
 *         .modelName("gpt-4o-mini")   // apiKey defaults to the AISA_API_KEY environment variable
 *         .build();
 * String answer = model.chat("Hello!");
 * }</pre>
 */
public class AisaChatModel implements ChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(AisaChatModel.class);

    private final CompletionExchange exchange;
    private final OpenAiChatRequestParameters defaultRequestParameters;
    private final boolean sendThinking;
    private final boolean strictTools;
    private final boolean strictJsonSchema;
    private final String baseUrl;
    private final String modelName;
    private final Set<Capability> supportedCapabilities;
    private final List<ChatModelListener> listeners;
    private final RetryPolicy retryPolicy;
    private final Retrier retrier;
    private final GatewayErrors errors;

    public AisaChatModel(AisaChatModelBuilder builder) {
        ResolvedSettings settings = new ResolvedSettings(builder, LOG);
        this.baseUrl = settings.baseUrl;
        this.modelName = settings.modelName;
        this.retryPolicy = settings.retryPolicy;
        this.retrier = new Retrier(
                retryPolicy, settings.sleeper, () -> ThreadLocalRandom.current().nextDouble());
        this.supportedCapabilities = settings.supportedCapabilities;
        this.listeners = settings.listeners;
        this.errors = settings.httpClientBuilder.gatewayErrors();
        this.defaultRequestParameters = settings.defaultRequestParameters;
        this.sendThinking = settings.sendThinking;
        this.strictTools = settings.strictTools;
        this.strictJsonSchema = settings.strictJsonSchema;
        Map<String, String> headers = new LinkedHashMap<>(settings.headers);
        headers.put("Authorization", "Bearer " + settings.apiKey);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        this.exchange = new CompletionExchange(
                settings.httpClientBuilder
                        .connectTimeout(settings.timeout == null ? Duration.ofSeconds(15) : settings.timeout)
                        .readTimeout(settings.timeout == null ? Duration.ofSeconds(60) : settings.timeout)
                        .build(),
                baseUrl,
                headers,
                settings.returnThinking,
                errors);
    }

    private AisaChatModel(AisaChatModel base, RetryPolicy retryPolicy) {
        this.exchange = base.exchange;
        this.defaultRequestParameters = base.defaultRequestParameters;
        this.sendThinking = base.sendThinking;
        this.strictTools = base.strictTools;
        this.strictJsonSchema = base.strictJsonSchema;
        this.baseUrl = base.baseUrl;
        this.modelName = base.modelName;
        this.supportedCapabilities = base.supportedCapabilities;
        this.listeners = base.listeners;
        this.retryPolicy = retryPolicy;
        this.retrier = new Retrier(retryPolicy, base.retrier);
        this.errors = base.errors;
    }

    /**
     * This model with another retry policy, sharing its connection. Routers use {@code withRetryPolicy(
     * RetryPolicy.none())} so that retries are not stacked: the router owns them.
     */
    public AisaChatModel withRetryPolicy(RetryPolicy retryPolicy) {
        return new AisaChatModel(this, java.util.Objects.requireNonNull(retryPolicy, "retryPolicy"));
    }

    public static AisaChatModelBuilder builder() {
        return new AisaChatModelBuilder();
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        Settings.validateRequest(chatRequest);
        OpenAiChatRequestParameters parameters = chatRequest.parameters() instanceof OpenAiChatRequestParameters openAi
                ? openAi
                : defaultRequestParameters.overrideWith(chatRequest.parameters());
        ChatCompletionRequest body = toOpenAiChatRequest(
                        chatRequest,
                        parameters,
                        sendThinking,
                        "reasoning_content",
                        strictTools,
                        strictJsonSchema,
                        false)
                .stream(false) // as OpenAiChatModel sends it
                .build();
        return retrier.call(() -> {
            try {
                return exchange.send(body);
            } catch (LangChain4jException | IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unmappable(e);
            }
        });
    }

    /**
     * What {@code langchain4j-open-ai} threw while reading a 200 it was given: a JSON type Jackson refused, or a
     * shape {@code ResponseInspector} let through that the mapping still could not take. Either way the answer is
     * unusable and another try (or model) may do better, so it is a retriable server error, never a raw exception.
     */
    private RuntimeException unmappable(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return errors.unmappableResponse(json.getOriginalMessage(), e);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return errors.unmappableResponse(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    @Override
    public OpenAiChatRequestParameters defaultRequestParameters() {
        return defaultRequestParameters;
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return supportedCapabilities;
    }

    /** The retry policy in force: {@link AisaChatModelBuilder#retryPolicy} or the defaults with {@code maxRetries}. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String modelName() {
        return modelName;
    }

    @Override
    public String toString() {
        return "AisaChatModel{baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKey=" + SecretRedactor.MASK
                + ", retryPolicy=" + retryPolicy + '}';
    }

    public static class AisaChatModelBuilder extends AisaModelBuilder<AisaChatModelBuilder> {

        public AisaChatModelBuilder() {
            // public so it can be extended
        }

        public AisaChatModel build() {
            return new AisaChatModel(this);
        }
    }
}
