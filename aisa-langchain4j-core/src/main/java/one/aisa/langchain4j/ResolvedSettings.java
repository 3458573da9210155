package one.aisa.langchain4j;

import static dev.langchain4j.internal.Utils.copy;
import static dev.langchain4j.internal.Utils.getOrDefault;
import static dev.langchain4j.model.openai.internal.OpenAiUtils.toOpenAiChatRequest;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import one.aisa.langchain4j.internal.AisaHttpClientBuilder;
import one.aisa.langchain4j.internal.AisaJdkHttpClient;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.internal.Settings;
import one.aisa.langchain4j.observation.ChatObservations;
import org.slf4j.Logger;

/**
 * An {@link AisaModelBuilder}'s settings with defaults applied and checked, resolved once in the same way for the
 * blocking and the streaming model. Every failure here names the setting and the fix.
 */
final class ResolvedSettings {

    final String apiKey;
    final String baseUrl;
    final String modelName;
    final Duration timeout;
    final RetryPolicy retryPolicy;
    final Sleeper sleeper;
    final Set<Capability> supportedCapabilities;
    final List<ChatModelListener> listeners;
    final ChatObservations observations;
    final Map<String, String> headers;
    final OpenAiChatRequestParameters defaultRequestParameters;
    final AisaHttpClientBuilder httpClientBuilder;
    final boolean returnThinking;
    final boolean sendThinking;
    final boolean strictTools;
    final boolean strictJsonSchema;

    /** The OpenAI-compatible route's settings, with its request defaults. */
    ResolvedSettings(AisaModelBuilder<?> builder, Logger log) {
        this(builder, builder, Settings.DEFAULT_BASE_URL, log);
    }

    /** Settings without OpenAI request defaults ({@link #defaultRequestParameters} is {@code null}). */
    ResolvedSettings(AisaBaseModelBuilder<?> builder, String defaultBaseUrl, Logger log) {
        this(builder, null, defaultBaseUrl, log);
    }

    private ResolvedSettings(
            AisaBaseModelBuilder<?> builder, AisaModelBuilder<?> openAi, String defaultBaseUrl, Logger log) {
        this.apiKey = Settings.apiKey(builder.apiKey, builder.environment);
        SecretRedactor.remember(apiKey);
        this.baseUrl = Settings.baseUrl(builder.baseUrl, builder.environment, defaultBaseUrl, log);
        ChatRequestParameters defaults = builder.defaultRequestParameters;
        Settings.validateParameters(defaults);
        this.modelName =
                Settings.modelName(getOrDefault(builder.modelName, defaults == null ? null : defaults.modelName()));
        this.timeout = Settings.timeout(builder.timeout);
        this.retryPolicy = retryPolicy(builder);
        this.sleeper = getOrDefault(builder.sleeper, Sleeper.THREAD_SLEEP);
        this.supportedCapabilities = capabilities(builder, modelName);
        this.listeners = copy(builder.listeners);
        this.observations = new ChatObservations(builder.observationRegistry, builder.observationConvention);
        Map<String, String> allHeaders = new LinkedHashMap<>();
        allHeaders.put("User-Agent", Settings.USER_AGENT);
        if (builder.customHeaders != null) {
            allHeaders.putAll(builder.customHeaders);
        }
        this.headers = Map.copyOf(allHeaders);
        this.defaultRequestParameters = openAi == null ? null : defaultParameters(openAi, modelName);
        if (defaultRequestParameters != null) {
            Settings.validateParameters(defaultRequestParameters);
        }
        this.httpClientBuilder = new AisaHttpClientBuilder(
                getOrDefault(builder.httpClientBuilder, AisaJdkHttpClient::builder),
                new SecretRedactor(apiKey),
                getOrDefault(builder.clock, Clock.systemUTC()),
                getOrDefault(builder.logRequests, false),
                getOrDefault(builder.logResponses, false),
                getOrDefault(builder.logger, log));
        this.returnThinking = getOrDefault(builder.returnThinking, false);
        this.sendThinking = getOrDefault(builder.sendThinking, false);
        this.strictTools = openAi != null && getOrDefault(openAi.strictTools, false);
        this.strictJsonSchema = openAi != null && getOrDefault(openAi.strictJsonSchema, false);
    }

    /** The transport, with LangChain4j's default timeouts (15 s to connect, 60 s to read) when none is set. */
    HttpClient httpClient() {
        return httpClientBuilder
                .connectTimeout(timeout == null ? Duration.ofSeconds(15) : timeout)
                .readTimeout(timeout == null ? Duration.ofSeconds(60) : timeout)
                .build();
    }

    /** The headers of a chat call: the custom ones, the key, JSON in, {@code accept} out. */
    Map<String, String> headers(String accept) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Bearer " + apiKey);
        all.put("Content-Type", "application/json");
        all.put("Accept", accept);
        return Map.copyOf(all);
    }

    /** The request body, mapped by langchain4j-open-ai from the request over the model's defaults. */
    ChatCompletionRequest.Builder completionRequest(ChatRequest chatRequest) {
        OpenAiChatRequestParameters parameters = chatRequest.parameters() instanceof OpenAiChatRequestParameters openAi
                ? openAi
                : defaultRequestParameters.overrideWith(chatRequest.parameters());
        return toOpenAiChatRequest(
                chatRequest, parameters, sendThinking, "reasoning_content", strictTools, strictJsonSchema, false);
    }

    /** Individual setters win over {@code defaultRequestParameters}, as in {@code OpenAiChatModel}. */
    private static OpenAiChatRequestParameters defaultParameters(AisaModelBuilder<?> builder, String modelName) {
        OpenAiChatRequestParameters openAi = builder.defaultRequestParameters instanceof OpenAiChatRequestParameters p
                ? p
                : OpenAiChatRequestParameters.EMPTY;
        return commonParameters(OpenAiChatRequestParameters.builder(), builder, modelName)
                .maxCompletionTokens(getOrDefault(builder.maxCompletionTokens, openAi.maxCompletionTokens()))
                .logitBias(openAi.logitBias())
                .parallelToolCalls(getOrDefault(builder.parallelToolCalls, openAi.parallelToolCalls()))
                .seed(getOrDefault(builder.seed, openAi.seed()))
                .user(getOrDefault(builder.user, openAi.user()))
                .store(openAi.store())
                .metadata(openAi.metadata())
                .serviceTier(openAi.serviceTier())
                .reasoningEffort(getOrDefault(builder.reasoningEffort, openAi.reasoningEffort()))
                .logprobs(openAi.logprobs())
                .topLogprobs(openAi.topLogprobs())
                .customParameters(getOrDefault(builder.customParameters, openAi.customParameters()))
                .build();
    }

    /**
     * The parameters every route shares, from the builder's setters over its {@code defaultRequestParameters}
     * (the setters win), into {@code target}, a route's own parameters builder.
     */
    static <T extends DefaultChatRequestParameters.Builder<T>> T commonParameters(
            T target, AisaBaseModelBuilder<?> builder, String modelName) {
        ChatRequestParameters common =
                getOrDefault(builder.defaultRequestParameters, DefaultChatRequestParameters.EMPTY);
        return target.modelName(modelName)
                .temperature(getOrDefault(builder.temperature, common.temperature()))
                .topP(getOrDefault(builder.topP, common.topP()))
                .frequencyPenalty(getOrDefault(builder.frequencyPenalty, common.frequencyPenalty()))
                .presencePenalty(getOrDefault(builder.presencePenalty, common.presencePenalty()))
                .maxOutputTokens(getOrDefault(builder.maxTokens, common.maxOutputTokens()))
                .stopSequences(getOrDefault(builder.stop, common.stopSequences()))
                .toolSpecifications(common.toolSpecifications())
                .toolChoice(common.toolChoice())
                .responseFormat(getOrDefault(builder.responseFormat, common.responseFormat()));
    }

    private static RetryPolicy retryPolicy(AisaBaseModelBuilder<?> builder) {
        RetryPolicy policy = getOrDefault(builder.retryPolicy, RetryPolicy.defaults());
        if (builder.maxRetries == null) {
            return policy;
        }
        if (builder.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + builder.maxRetries);
        }
        return policy.toBuilder().maxRetries(builder.maxRetries).build();
    }

    private static Set<Capability> capabilities(AisaBaseModelBuilder<?> builder, String modelName) {
        Set<Capability> capabilities = new HashSet<>(
                builder.supportedCapabilities != null
                        ? builder.supportedCapabilities
                        : Settings.defaultCapabilities(modelName));
        if ("json_schema".equals(builder.responseFormatString)) {
            capabilities.add(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
        return Set.copyOf(capabilities);
    }
}
