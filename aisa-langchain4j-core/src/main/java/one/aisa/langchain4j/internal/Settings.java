package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/** Resolution and validation shared by the AIsa model builders: each failure names the fix. */
@Internal
public final class Settings {

    public static final String DEFAULT_BASE_URL = "https://api.aisa.one/v1";
    /** The environment variable that points every model at another gateway (a proxy, the simulator). */
    public static final String BASE_URL_VARIABLE = "AISA_BASE_URL";

    public static final String API_KEY_ENV = "AISA_API_KEY";
    public static final String USER_AGENT = "aisa-langchain4j/0.1.0";

    private static final List<String> JSON_SCHEMA_FAMILIES =
            List.of("gpt-4o", "gpt-4.1", "gpt-5", "o1", "o3", "o4", "gemini", "grok");

    private Settings() {}

    public static String apiKey(String configured, Function<String, String> environment) {
        String apiKey = configured != null ? configured : environment.apply(API_KEY_ENV);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("No AIsa API key: set the " + API_KEY_ENV
                    + " environment variable or call apiKey(...) on the builder (keys are issued at aisa.one).");
        }
        return apiKey.strip();
    }

    /**
     * The base URL: the configured one, else the {@code AISA_BASE_URL} environment variable, else the gateway's;
     * checked, without a trailing slash.
     */
    public static String baseUrl(String configured, Function<String, String> environment, Logger log) {
        return baseUrl(configured, environment, DEFAULT_BASE_URL, log);
    }

    /** The same, with another default: Gemini's native route lives under {@code /v1beta}. */
    public static String baseUrl(
            String configured, Function<String, String> environment, String defaultBaseUrl, Logger log) {
        String fromEnvironment = environment.apply(BASE_URL_VARIABLE);
        if (configured == null && fromEnvironment != null && !fromEnvironment.isBlank()) {
            try {
                return baseUrl(fromEnvironment, log);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replaceFirst("^baseUrl", BASE_URL_VARIABLE), e);
            }
        }
        return baseUrl(configured == null ? defaultBaseUrl : configured, log);
    }

    /** Checks the URL and drops a trailing slash; warns once when the key would travel in clear text. */
    public static String baseUrl(String configured, Logger log) {
        String baseUrl = configured == null ? DEFAULT_BASE_URL : configured.strip();
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw invalidBaseUrl(configured, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalidBaseUrl(configured, "the scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalidBaseUrl(configured, "it has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalidBaseUrl(configured, "it must not have a query or fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            log.warn(
                    "baseUrl {} uses plain HTTP to a non-loopback host: the API key travels in clear text. Use https.",
                    baseUrl);
        }
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private static IllegalArgumentException invalidBaseUrl(String configured, String reason) {
        return new IllegalArgumentException("baseUrl '" + configured + "' is not a usable http(s) URL (" + reason
                + "). Use the gateway's API root, e.g. " + DEFAULT_BASE_URL + ".");
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost")
                || bare.startsWith("127.")
                || bare.equals("::1")
                || bare.equals("0:0:0:0:0:0:0:1");
    }

    public static String modelName(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName is required and must not be blank: call modelName(...), "
                    + "e.g. modelName(\"gpt-4o-mini\"); GET " + DEFAULT_BASE_URL + "/models lists the model ids.");
        }
        return modelName.strip();
    }

    /**
     * Whether AI Services may rely on {@code response_format: json_schema} for this model, when the user did not
     * say. Only families whose providers honour it behind the gateway: Anthropic's OpenAI layer ignores
     * {@code response_format} and DeepSeek accepts only {@code json_object}, so for those AI Services must keep
     * putting the format instructions in the prompt.
     */
    public static Set<Capability> defaultCapabilities(String modelName) {
        String id = modelName.toLowerCase(Locale.ROOT);
        String bare = id.substring(id.lastIndexOf('/') + 1);
        for (String family : JSON_SCHEMA_FAMILIES) {
            if (bare.startsWith(family)) {
                return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
            }
        }
        return Set.of();
    }

    public static Duration timeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return timeout;
    }

    /** Rejects what the OpenAI-compatible route cannot carry, before anything is sent. */
    /** OpenAI's chat/completions takes at most this many stop sequences. */
    static final int MAX_STOP_SEQUENCES = 4;

    public static void validateParameters(ChatRequestParameters parameters) {
        if (parameters != null && parameters.topK() != null) {
            throw new UnsupportedFeatureException("topK is not supported by the AIsa OpenAI-compatible API "
                    + "(chat/completions has no top_k): remove topK, or use topP instead.");
        }
        if (parameters != null
                && parameters.stopSequences() != null
                && parameters.stopSequences().size() > MAX_STOP_SEQUENCES) {
            throw new IllegalArgumentException("stop takes at most " + MAX_STOP_SEQUENCES + " sequences (the limit of"
                    + " the OpenAI-compatible API), got "
                    + parameters.stopSequences().size() + ": keep the four"
                    + " that matter most.");
        }
    }

    private static boolean isEmpty(UserMessage user) {
        for (Content content : user.contents()) {
            if (!(content instanceof TextContent text) || !text.text().isBlank()) {
                return false;
            }
        }
        return true;
    }

    public static void validateRequest(ChatRequest request) {
        validateMessages(request);
        validateParameters(request.parameters());
    }

    /** No null message and no empty user message; a request's model name, when set, is usable. */
    public static void validateMessages(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) == null) {
                throw new IllegalArgumentException(
                        "messages[" + i + "] is null: every message in a ChatRequest must be a ChatMessage.");
            }
            if (messages.get(i) instanceof UserMessage user && isEmpty(user)) {
                throw new IllegalArgumentException("messages[" + i + "] is a user message without text or any other"
                        + " content: give it the question (an empty prompt is still sent and billed).");
            }
        }
        if (request.parameters().modelName() != null) {
            modelName(request.parameters().modelName());
        }
    }
}
