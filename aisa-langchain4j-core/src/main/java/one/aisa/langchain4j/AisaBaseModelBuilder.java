package one.aisa.langchain4j;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.observation.ChatObservationConvention;
import one.aisa.langchain4j.observation.DefaultChatObservationConvention;
import org.slf4j.Logger;

/**
 * The settings every AIsa model shares, on the OpenAI-compatible route ({@link AisaModelBuilder}) and on Gemini's
 * native one ({@link AisaGeminiModelBuilder}), with the same names and defaults.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class AisaBaseModelBuilder<B extends AisaBaseModelBuilder<B>> {

    String apiKey;
    String baseUrl;
    String modelName;
    Double temperature;
    Double topP;
    Integer maxTokens;
    List<String> stop;
    Double presencePenalty;
    Double frequencyPenalty;
    Integer seed;
    ResponseFormat responseFormat;
    String responseFormatString;
    Set<Capability> supportedCapabilities;
    Boolean returnThinking;
    Boolean sendThinking;
    Duration timeout;
    Integer maxRetries;
    RetryPolicy retryPolicy;
    Sleeper sleeper;
    Clock clock;
    Boolean logRequests;
    Boolean logResponses;
    Logger logger;
    Map<String, String> customHeaders;
    List<ChatModelListener> listeners;
    ObservationRegistry observationRegistry;
    ChatObservationConvention observationConvention;
    ChatRequestParameters defaultRequestParameters;
    HttpClientBuilder httpClientBuilder;
    Function<String, String> environment = System::getenv;

    protected AisaBaseModelBuilder() {
        // public subclasses can be extended
    }

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** The AIsa API key. Default: the {@code AISA_API_KEY} environment variable; build() fails if neither. */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /**
     * The gateway's API root. Default: the {@code AISA_BASE_URL} environment variable (to point every model at a
     * proxy or at the simulator without touching code), else {@code https://api.aisa.one/v1}.
     */
    public B baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return self();
    }

    /** The model id, e.g. {@code gpt-4o-mini}, {@code claude-sonnet-4-5}; required. See GET /v1/models. */
    public B modelName(String modelName) {
        this.modelName = modelName;
        return self();
    }

    /** Sampling temperature ({@code temperature}). Default: the model's. */
    public B temperature(Double temperature) {
        this.temperature = temperature;
        return self();
    }

    /** Nucleus sampling ({@code top_p}). Default: the model's. */
    public B topP(Double topP) {
        this.topP = topP;
        return self();
    }

    /** The most tokens to generate ({@code max_tokens}, Gemini's {@code maxOutputTokens}). Default: the model's. */
    public B maxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
        return self();
    }

    /** {@code max_completion_tokens}, which OpenAI reasoning models need instead of {@code max_tokens}. */
    /** Stop sequences ({@code stop}), at most 4. */
    public B stop(List<String> stop) {
        this.stop = stop;
        return self();
    }

    /** Stop sequences ({@code stop}), at most 4. */
    public B stop(String... stop) {
        return stop(Arrays.asList(stop));
    }

    /** {@code presence_penalty}, -2.0 to 2.0. Ignored by Anthropic models. */
    public B presencePenalty(Double presencePenalty) {
        this.presencePenalty = presencePenalty;
        return self();
    }

    /** {@code frequency_penalty}, -2.0 to 2.0. Ignored by Anthropic models. */
    public B frequencyPenalty(Double frequencyPenalty) {
        this.frequencyPenalty = frequencyPenalty;
        return self();
    }

    /** {@code seed}, for best-effort reproducible sampling. */
    public B seed(Integer seed) {
        this.seed = seed;
        return self();
    }

    /** {@code user}: an id of the end user, for abuse monitoring. */
    /** {@code parallel_tool_calls}. Default: the provider's (usually true). */
    /** {@code reasoning_effort} for reasoning models: {@code low}, {@code medium}, {@code high}, ... */
    /** The default {@code response_format}: JSON mode, or a JSON schema. Default: text. */
    public B responseFormat(ResponseFormat responseFormat) {
        this.responseFormat = responseFormat;
        return self();
    }

    /**
     * {@code "json_object"} sets JSON mode; {@code "json_schema"} declares that the model honours JSON schemas,
     * so AI Services send their return type's schema as {@code response_format}.
     */
    /** Sends {@code strict: true} with JSON schemas. Default false. */
    /** Sends {@code strict: true} with tool definitions. Default false. */
    /**
     * What the model supports, as LangChain4j's AI Services read it. Default: {@code RESPONSE_FORMAT_JSON_SCHEMA}
     * for model families whose providers honour JSON schemas behind the gateway (GPT-4o/4.1/5, o-series,
     * Gemini, Grok), nothing otherwise.
     */
    public B supportedCapabilities(Set<Capability> supportedCapabilities) {
        this.supportedCapabilities = supportedCapabilities;
        return self();
    }

    /** See {@link #supportedCapabilities(Set)}. */
    public B supportedCapabilities(Capability... supportedCapabilities) {
        return supportedCapabilities(new HashSet<>(Arrays.asList(supportedCapabilities)));
    }

    /** Puts the provider's {@code reasoning_content} into {@code AiMessage.thinking()}. Default false. */
    public B returnThinking(Boolean returnThinking) {
        this.returnThinking = returnThinking;
        return self();
    }

    /**
     * Sends {@code AiMessage.thinking()} back as {@code reasoning_content}, which DeepSeek thinking models need in
     * tool loops. Default false.
     */
    public B sendThinking(Boolean sendThinking) {
        this.sendThinking = sendThinking;
        return self();
    }

    /**
     * The connect timeout, the longest wait for the response headers, and the longest silence inside a body or a
     * stream. Default 15 s to connect and 60 s for the answer.
     */
    public B timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    /** Retries of 429, 408, timeouts, broken connections and 5xx. Default 2. Shortcut for a retry policy. */
    public B maxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
        return self();
    }

    /** The full retry policy (backoff, jitter, Retry-After cap). Default {@link RetryPolicy#defaults()}. */
    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return self();
    }

    /** How the model waits between retries. Default: sleeping the calling thread. For tests. */
    public B sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return self();
    }

    /** The clock that dates {@code Retry-After} HTTP dates are measured against. Default: system UTC. */
    public B clock(Clock clock) {
        this.clock = clock;
        return self();
    }

    /** Logs each request (method, URL, headers with the key masked, body) at INFO. Default false. */
    public B logRequests(Boolean logRequests) {
        this.logRequests = logRequests;
        return self();
    }

    /** Logs each response (status, headers, body) at INFO. Default false. */
    public B logResponses(Boolean logResponses) {
        this.logResponses = logResponses;
        return self();
    }

    /** The logger for requests and responses. Default: this class's. */
    public B logger(Logger logger) {
        this.logger = logger;
        return self();
    }

    /** Extra HTTP headers sent with every request. */
    public B customHeaders(Map<String, String> customHeaders) {
        this.customHeaders = customHeaders;
        return self();
    }

    /** Listeners told of every request, response and error. */
    public B listeners(List<ChatModelListener> listeners) {
        this.listeners = listeners;
        return self();
    }

    /** See {@link #listeners(List)}. */
    public B listeners(ChatModelListener... listeners) {
        return listeners(Arrays.asList(listeners));
    }

    /**
     * Observes each call (Micrometer): a {@code gen_ai.client.operation} observation with the OpenTelemetry GenAI
     * attributes, so one registry gives metrics and traces. Inside a router's attempt or another observed call, the
     * model adds none of its own. Default: none.
     */
    public B observationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
        return self();
    }

    /** The observation's names and key values. Default {@link DefaultChatObservationConvention}. */
    public B observationConvention(ChatObservationConvention observationConvention) {
        this.observationConvention = observationConvention;
        return self();
    }

    /**
     * Default request parameters; the individual setters win over them. A provider's own parameters type
     * ({@code OpenAiChatRequestParameters}, {@code GoogleAiGeminiChatRequestParameters}) also carries its specific
     * ones.
     */
    public B defaultRequestParameters(ChatRequestParameters defaultRequestParameters) {
        this.defaultRequestParameters = defaultRequestParameters;
        return self();
    }

    /**
     * The HTTP client to carry the calls. Default: a {@code java.net.http} client that keeps error headers.
     * Any LangChain4j {@link HttpClientBuilder} works; error mapping and key masking wrap it either way.
     */
    public B httpClientBuilder(HttpClientBuilder httpClientBuilder) {
        this.httpClientBuilder = httpClientBuilder;
        return self();
    }

    /**
     * Checks a base URL as {@code build()} does, for configuration layers that want to fail early: an http(s) URL
     * with a host and no query. Returns it without a trailing slash.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    /** Where {@code AISA_API_KEY} and {@code AISA_BASE_URL} are looked up. For tests. */
    B environment(Function<String, String> environment) {
        this.environment = environment;
        return self();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKey="
                + (apiKey == null ? null : SecretRedactor.MASK) + ", timeout=" + timeout + ", maxRetries="
                + maxRetries + '}';
    }
}
