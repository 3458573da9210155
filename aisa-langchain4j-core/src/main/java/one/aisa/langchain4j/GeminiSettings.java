package one.aisa.langchain4j;

import static dev.langchain4j.internal.Utils.getOrDefault;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.googleai.GeminiFunctionCallingConfig;
import dev.langchain4j.model.googleai.GeminiSafetySetting;
import dev.langchain4j.model.googleai.GeminiThinkingConfig;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.internal.GatewayErrors;
import one.aisa.langchain4j.internal.GeminiExchange;
import org.slf4j.Logger;

/**
 * An {@link AisaGeminiModelBuilder}'s settings, resolved once, and the per-call {@code langchain4j-google-ai-gemini}
 * models built from them: each call gets its own {@link GeminiExchange} as its HTTP client, so what the exchange
 * gathers (cost, safety ratings, the raw finish reason) belongs to that call. Building one is a handful of objects;
 * the connection pool is the process's shared one.
 */
final class GeminiSettings {

    static final String DEFAULT_BASE_URL = "https://api.aisa.one/v1beta";

    final ResolvedSettings common;
    final GoogleAiGeminiChatRequestParameters defaultRequestParameters;
    private final GeminiThinkingConfig thinkingConfig;
    private final List<GeminiSafetySetting> safetySettings;
    private final GeminiFunctionCallingConfig toolConfig;
    private final Integer seed;
    private final boolean returnThinking;
    private final boolean sendThinking;
    private final HttpClient transport;
    private final GatewayErrors errors;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;

    GeminiSettings(AisaGeminiModelBuilder<?> builder, Logger log) {
        this.common = new ResolvedSettings(builder, DEFAULT_BASE_URL, log);
        this.defaultRequestParameters = defaultParameters(builder, common.modelName);
        this.thinkingConfig = builder.thinkingConfig;
        this.safetySettings = builder.safetySettings;
        this.toolConfig = builder.toolConfig;
        this.seed = builder.seed;
        this.returnThinking = getOrDefault(builder.returnThinking, true);
        this.sendThinking = getOrDefault(builder.sendThinking, true);
        this.transport = common.httpClient();
        this.errors = common.httpClientBuilder.gatewayErrors();
        this.jsonHeaders = common.headers("application/json");
        this.streamHeaders = common.headers("text/event-stream");
    }

    /** A blocking call's exchange and the module's model that sends through it. */
    GoogleAiGeminiChatModel chatModel(GeminiExchange exchange) {
        return GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(exchange.asBuilder())
                .baseUrl(common.baseUrl)
                .modelName(common.modelName)
                .defaultRequestParameters(defaultRequestParameters)
                .thinkingConfig(thinkingConfig)
                .returnThinking(returnThinking)
                .sendThinking(sendThinking)
                .safetySettings(safetySettings)
                .toolConfig(toolConfig)
                .seed(seed)
                .maxRetries(0)
                .build();
    }

    /** The same for a stream. */
    GoogleAiGeminiStreamingChatModel streamingModel(GeminiExchange exchange) {
        return GoogleAiGeminiStreamingChatModel.builder()
                .httpClientBuilder(exchange.asBuilder())
                .baseUrl(common.baseUrl)
                .modelName(common.modelName)
                .defaultRequestParameters(defaultRequestParameters)
                .thinkingConfig(thinkingConfig)
                .returnThinking(returnThinking)
                .sendThinking(sendThinking)
                .safetySettings(safetySettings)
                .toolConfig(toolConfig)
                .seed(seed)
                .build();
    }

    GeminiExchange blockingExchange() {
        return new GeminiExchange(transport, jsonHeaders, errors, null);
    }

    GeminiExchange streamingExchange(Consumer<RuntimeException> failed) {
        return new GeminiExchange(transport, streamHeaders, errors, failed);
    }

    /**
     * What a call to the module threw, typed: a LangChain4j exception as it is; anything else before the call was
     * sent is a request that could not be built, not retried (images by URL are read before, by {@code
     * GeminiImages}); after it, an answer the module could not read, which another try may not repeat.
     */
    RuntimeException failure(RuntimeException thrown, GeminiExchange exchange) {
        if (thrown instanceof LangChain4jException) {
            return thrown;
        }
        String reason = errors.redact(thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
        if (exchange.sent()) {
            String message = "AIsa gateway error: the Gemini answer could not be read: " + reason;
            return new AisaServerException(message, new AisaErrorDetails(200, null, null, reason, null, null, null));
        }
        String message = "The Gemini request could not be built: " + reason + ".";
        return new AisaInvalidRequestException(
                errors.redact(message), new AisaErrorDetails(0, null, null, reason, null, null, null));
    }

    /** Individual setters win over {@code defaultRequestParameters}, as in {@code GoogleAiGeminiChatModel}. */
    private static GoogleAiGeminiChatRequestParameters defaultParameters(
            AisaGeminiModelBuilder<?> builder, String modelName) {
        GoogleAiGeminiChatRequestParameters gemini =
                builder.defaultRequestParameters instanceof GoogleAiGeminiChatRequestParameters p
                        ? p
                        : GoogleAiGeminiChatRequestParameters.EMPTY;
        ChatRequestParameters common =
                getOrDefault(builder.defaultRequestParameters, DefaultChatRequestParameters.EMPTY);
        return ResolvedSettings.commonParameters(GoogleAiGeminiChatRequestParameters.builder(), builder, modelName)
                .topK(getOrDefault(builder.topK, common.topK()))
                .cachedContentName(gemini.cachedContentName())
                .aspectRatio(gemini.aspectRatio())
                .imageSize(gemini.imageSize())
                .build();
    }
}
