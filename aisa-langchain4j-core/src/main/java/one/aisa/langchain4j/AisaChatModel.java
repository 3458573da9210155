package one.aisa.langchain4j;

import static dev.langchain4j.internal.Utils.copy;
import static dev.langchain4j.internal.Utils.getOrDefault;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import one.aisa.langchain4j.internal.AisaHttpClientBuilder;
import one.aisa.langchain4j.internal.AisaJdkHttpClient;
import one.aisa.langchain4j.internal.FinishReasons;
import one.aisa.langchain4j.internal.InspectedHttpResponse;
import one.aisa.langchain4j.internal.Retrier;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.internal.Settings;
import one.aisa.langchain4j.internal.UsageExtras;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link ChatModel} for the AIsa gateway: one key, one endpoint, many model families.
 *
 * <p>Built on {@link OpenAiChatModel} for the request and message mapping (tools, vision, JSON schema, thinking);
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

    private final OpenAiChatModel delegate;
    private final String baseUrl;
    private final String modelName;
    private final Set<Capability> supportedCapabilities;
    private final List<ChatModelListener> listeners;
    private final RetryPolicy retryPolicy;
    private final Retrier retrier;

    public AisaChatModel(AisaChatModelBuilder builder) {
        String apiKey = Settings.apiKey(builder.apiKey, builder.environment);
        this.baseUrl = Settings.baseUrl(builder.baseUrl, LOG);
        ChatRequestParameters defaults = builder.defaultRequestParameters;
        Settings.validateParameters(defaults);
        this.modelName =
                Settings.modelName(getOrDefault(builder.modelName, defaults == null ? null : defaults.modelName()));
        Duration timeout = Settings.timeout(builder.timeout);
        this.retryPolicy = resolveRetryPolicy(builder);
        this.retrier = new Retrier(
                retryPolicy,
                getOrDefault(builder.sleeper, Sleeper.THREAD_SLEEP),
                () -> ThreadLocalRandom.current().nextDouble());
        this.supportedCapabilities = resolveCapabilities(builder, modelName);
        this.listeners = copy(builder.listeners);

        SecretRedactor redactor = new SecretRedactor(apiKey);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", Settings.USER_AGENT);
        if (builder.customHeaders != null) {
            headers.putAll(builder.customHeaders);
        }
        this.delegate = OpenAiChatModel.builder()
                .httpClientBuilder(new AisaHttpClientBuilder(
                        getOrDefault(builder.httpClientBuilder, AisaJdkHttpClient::builder),
                        redactor,
                        getOrDefault(builder.clock, Clock.systemUTC()),
                        getOrDefault(builder.logRequests, false),
                        getOrDefault(builder.logResponses, false),
                        getOrDefault(builder.logger, LOG)))
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .timeout(timeout)
                .maxRetries(0)
                .customHeaders(Map.copyOf(headers))
                .defaultRequestParameters(defaults)
                .modelName(modelName)
                .temperature(builder.temperature)
                .topP(builder.topP)
                .maxTokens(builder.maxTokens)
                .maxCompletionTokens(builder.maxCompletionTokens)
                .stop(builder.stop)
                .presencePenalty(builder.presencePenalty)
                .frequencyPenalty(builder.frequencyPenalty)
                .seed(builder.seed)
                .user(builder.user)
                .parallelToolCalls(builder.parallelToolCalls)
                .reasoningEffort(builder.reasoningEffort)
                .responseFormat(builder.responseFormat)
                .customParameters(builder.customParameters)
                .strictJsonSchema(builder.strictJsonSchema)
                .strictTools(builder.strictTools)
                .returnThinking(builder.returnThinking)
                .sendThinking(builder.sendThinking)
                .supportedCapabilities(supportedCapabilities)
                .build();
    }

    public static AisaChatModelBuilder builder() {
        return new AisaChatModelBuilder();
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        Settings.validateRequest(chatRequest);
        ChatResponse response;
        try {
            response = retrier.call(() -> delegate.chat(chatRequest));
        } catch (LangChain4jException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadableResponse(e);
        }
        return withAisaMetadata(response);
    }

    private static ChatResponse withAisaMetadata(ChatResponse response) {
        OpenAiChatResponseMetadata openAi = (OpenAiChatResponseMetadata) response.metadata();
        UsageExtras extras = openAi.rawHttpResponse() instanceof InspectedHttpResponse inspected
                ? inspected.extras()
                : UsageExtras.NONE;
        AisaChatResponseMetadata metadata = AisaChatResponseMetadata.builder()
                .id(openAi.id())
                .modelName(openAi.modelName())
                .tokenUsage(openAi.tokenUsage())
                .finishReason(FinishReasons.resolve(
                        extras.rawFinishReason(), response.aiMessage().hasToolExecutionRequests()))
                .rawFinishReason(extras.rawFinishReason())
                .cost(extras.cost())
                .creditsRemaining(extras.creditsRemaining())
                .requestId(extras.requestId())
                .created(openAi.created())
                .serviceTier(openAi.serviceTier())
                .systemFingerprint(openAi.systemFingerprint())
                .rawHttpResponse(openAi.rawHttpResponse())
                .logProbs(openAi.logProbs())
                .build();
        return ChatResponse.builder()
                .aiMessage(response.aiMessage())
                .metadata(metadata)
                .build();
    }

    /** A 200 whose JSON parsed but does not fit the chat completion schema (e.g. a string where a number goes). */
    private static RuntimeException unreadableResponse(RuntimeException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof JsonProcessingException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return e;
        }
        String reason = ((JsonProcessingException) cause).getOriginalMessage();
        AisaErrorDetails details = new AisaErrorDetails(200, null, null, reason, null, null, null);
        return new AisaServerException(
                "AIsa gateway error: the response does not match the chat completion format: " + reason, details, e);
    }

    @Override
    public OpenAiChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
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

    private static RetryPolicy resolveRetryPolicy(AisaChatModelBuilder builder) {
        RetryPolicy policy = getOrDefault(builder.retryPolicy, RetryPolicy.defaults());
        if (builder.maxRetries == null) {
            return policy;
        }
        if (builder.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + builder.maxRetries);
        }
        return policy.toBuilder().maxRetries(builder.maxRetries).build();
    }

    private static Set<Capability> resolveCapabilities(AisaChatModelBuilder builder, String modelName) {
        Set<Capability> capabilities = new HashSet<>(
                builder.supportedCapabilities != null
                        ? builder.supportedCapabilities
                        : Settings.defaultCapabilities(modelName));
        if ("json_schema".equals(builder.responseFormatString)) {
            capabilities.add(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
        return Set.copyOf(capabilities);
    }

    public static class AisaChatModelBuilder {

        private String apiKey;
        private String baseUrl;
        private String modelName;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private Integer maxCompletionTokens;
        private List<String> stop;
        private Double presencePenalty;
        private Double frequencyPenalty;
        private Integer seed;
        private String user;
        private Boolean parallelToolCalls;
        private String reasoningEffort;
        private ResponseFormat responseFormat;
        private String responseFormatString;
        private Boolean strictJsonSchema;
        private Boolean strictTools;
        private Set<Capability> supportedCapabilities;
        private Boolean returnThinking;
        private Boolean sendThinking;
        private Duration timeout;
        private Integer maxRetries;
        private RetryPolicy retryPolicy;
        private Sleeper sleeper;
        private Clock clock;
        private Boolean logRequests;
        private Boolean logResponses;
        private Logger logger;
        private Map<String, String> customHeaders;
        private Map<String, Object> customParameters;
        private List<ChatModelListener> listeners;
        private ChatRequestParameters defaultRequestParameters;
        private HttpClientBuilder httpClientBuilder;
        private Function<String, String> environment = System::getenv;

        public AisaChatModelBuilder() {
            // public so it can be extended
        }

        /** The AIsa API key. Default: the {@code AISA_API_KEY} environment variable; build() fails if neither. */
        public AisaChatModelBuilder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The gateway's API root. Default {@code https://api.aisa.one/v1}. */
        public AisaChatModelBuilder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The model id, e.g. {@code gpt-4o-mini}, {@code claude-sonnet-4-5}; required. See GET /v1/models. */
        public AisaChatModelBuilder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /** Sampling temperature ({@code temperature}). Default: the model's. */
        public AisaChatModelBuilder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Nucleus sampling ({@code top_p}). Default: the model's. */
        public AisaChatModelBuilder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        /** The most tokens to generate ({@code max_tokens}). Default: the model's. */
        public AisaChatModelBuilder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** {@code max_completion_tokens}, which OpenAI reasoning models need instead of {@code max_tokens}. */
        public AisaChatModelBuilder maxCompletionTokens(Integer maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        /** Stop sequences ({@code stop}), at most 4. */
        public AisaChatModelBuilder stop(List<String> stop) {
            this.stop = stop;
            return this;
        }

        /** Stop sequences ({@code stop}), at most 4. */
        public AisaChatModelBuilder stop(String... stop) {
            return stop(Arrays.asList(stop));
        }

        /** {@code presence_penalty}, -2.0 to 2.0. Ignored by Anthropic models. */
        public AisaChatModelBuilder presencePenalty(Double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        /** {@code frequency_penalty}, -2.0 to 2.0. Ignored by Anthropic models. */
        public AisaChatModelBuilder frequencyPenalty(Double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        /** {@code seed}, for best-effort reproducible sampling. */
        public AisaChatModelBuilder seed(Integer seed) {
            this.seed = seed;
            return this;
        }

        /** {@code user}: an id of the end user, for abuse monitoring. */
        public AisaChatModelBuilder user(String user) {
            this.user = user;
            return this;
        }

        /** {@code parallel_tool_calls}. Default: the provider's (usually true). */
        public AisaChatModelBuilder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        /** {@code reasoning_effort} for reasoning models: {@code low}, {@code medium}, {@code high}, ... */
        public AisaChatModelBuilder reasoningEffort(String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        /** The default {@code response_format}: JSON mode, or a JSON schema. Default: text. */
        public AisaChatModelBuilder responseFormat(ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        /**
         * {@code "json_object"} sets JSON mode; {@code "json_schema"} declares that the model honours JSON schemas,
         * so AI Services send their return type's schema as {@code response_format}.
         */
        public AisaChatModelBuilder responseFormat(String responseFormat) {
            this.responseFormatString = responseFormat;
            if ("json_object".equals(responseFormat)) {
                this.responseFormat = ResponseFormat.JSON;
            }
            return this;
        }

        /** Sends {@code strict: true} with JSON schemas. Default false. */
        public AisaChatModelBuilder strictJsonSchema(Boolean strictJsonSchema) {
            this.strictJsonSchema = strictJsonSchema;
            return this;
        }

        /** Sends {@code strict: true} with tool definitions. Default false. */
        public AisaChatModelBuilder strictTools(Boolean strictTools) {
            this.strictTools = strictTools;
            return this;
        }

        /**
         * What the model supports, as LangChain4j's AI Services read it. Default: {@code RESPONSE_FORMAT_JSON_SCHEMA}
         * for model families whose providers honour JSON schemas behind the gateway (GPT-4o/4.1/5, o-series,
         * Gemini, Grok), nothing otherwise.
         */
        public AisaChatModelBuilder supportedCapabilities(Set<Capability> supportedCapabilities) {
            this.supportedCapabilities = supportedCapabilities;
            return this;
        }

        /** See {@link #supportedCapabilities(Set)}. */
        public AisaChatModelBuilder supportedCapabilities(Capability... supportedCapabilities) {
            return supportedCapabilities(new HashSet<>(Arrays.asList(supportedCapabilities)));
        }

        /** Puts the provider's {@code reasoning_content} into {@code AiMessage.thinking()}. Default false. */
        public AisaChatModelBuilder returnThinking(Boolean returnThinking) {
            this.returnThinking = returnThinking;
            return this;
        }

        /**
         * Sends {@code AiMessage.thinking()} back as {@code reasoning_content}, which DeepSeek thinking models need in
         * tool loops. Default false.
         */
        public AisaChatModelBuilder sendThinking(Boolean sendThinking) {
            this.sendThinking = sendThinking;
            return this;
        }

        /**
         * The connect timeout and the longest a call may take to its last byte. Default 15 s to connect and 60 s
         * for the answer.
         */
        public AisaChatModelBuilder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Retries of 429, 408, timeouts, broken connections and 5xx. Default 2. Shortcut for a retry policy. */
        public AisaChatModelBuilder maxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The full retry policy (backoff, jitter, Retry-After cap). Default {@link RetryPolicy#defaults()}. */
        public AisaChatModelBuilder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** How the model waits between retries. Default: sleeping the calling thread. For tests. */
        public AisaChatModelBuilder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock that dates {@code Retry-After} HTTP dates are measured against. Default: system UTC. */
        public AisaChatModelBuilder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Logs each request (method, URL, headers with the key masked, body) at INFO. Default false. */
        public AisaChatModelBuilder logRequests(Boolean logRequests) {
            this.logRequests = logRequests;
            return this;
        }

        /** Logs each response (status, headers, body) at INFO. Default false. */
        public AisaChatModelBuilder logResponses(Boolean logResponses) {
            this.logResponses = logResponses;
            return this;
        }

        /** The logger for requests and responses. Default: this class's. */
        public AisaChatModelBuilder logger(Logger logger) {
            this.logger = logger;
            return this;
        }

        /** Extra HTTP headers sent with every request. */
        public AisaChatModelBuilder customHeaders(Map<String, String> customHeaders) {
            this.customHeaders = customHeaders;
            return this;
        }

        /** Extra top-level fields merged into every request body, e.g. a provider's {@code extra_body}. */
        public AisaChatModelBuilder customParameters(Map<String, Object> customParameters) {
            this.customParameters = customParameters;
            return this;
        }

        /** Listeners told of every request, response and error. */
        public AisaChatModelBuilder listeners(List<ChatModelListener> listeners) {
            this.listeners = listeners;
            return this;
        }

        /** See {@link #listeners(List)}. */
        public AisaChatModelBuilder listeners(ChatModelListener... listeners) {
            return listeners(Arrays.asList(listeners));
        }

        /**
         * Default request parameters; the individual setters above win over them. An
         * {@link OpenAiChatRequestParameters} also carries the OpenAI-specific ones.
         */
        public AisaChatModelBuilder defaultRequestParameters(ChatRequestParameters defaultRequestParameters) {
            this.defaultRequestParameters = defaultRequestParameters;
            return this;
        }

        /**
         * The HTTP client to carry the calls. Default: a {@code java.net.http} client that keeps error headers.
         * Any LangChain4j {@link HttpClientBuilder} works; error mapping and key masking wrap it either way.
         */
        public AisaChatModelBuilder httpClientBuilder(HttpClientBuilder httpClientBuilder) {
            this.httpClientBuilder = httpClientBuilder;
            return this;
        }

        /** Where {@code AISA_API_KEY} is looked up. For tests. */
        AisaChatModelBuilder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public AisaChatModel build() {
            return new AisaChatModel(this);
        }

        @Override
        public String toString() {
            return "AisaChatModelBuilder{baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKey="
                    + (apiKey == null ? null : SecretRedactor.MASK) + ", timeout=" + timeout + ", maxRetries="
                    + maxRetries + '}';
        }
    }
}
