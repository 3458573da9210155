package one.aisa.langchain4j.cache;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaGeminiChatModel;
import one.aisa.langchain4j.AisaGeminiStreamingChatModel;
import one.aisa.langchain4j.AisaStreamingChatModel;

/**
 * The cache key of a request: a SHA-256 digest of a canonical JSON of everything that can change the answer. That
 * is the model (its identity and its default parameters), every message (images by their bytes or URL, tool-call
 * arguments as parsed JSON), and every request parameter of whatever type (sampling, tools, tool choice, response
 * format, and a provider's own). Objects are read field by field and written with sorted keys, so the same request
 * with its JSON fields in another order has the same key, and any field a provider adds later is in it.
 */
final class CacheKeys {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .addModule(new SimpleModule().addSerializer(ToolExecutionRequest.class, new ToolCallSerializer()))
            .build();

    private CacheKeys() {}

    /**
     * The identity of a model in keys: an AIsa model's route, gateway and model name (the blocking and the
     * streaming model share it, so one cache serves both); any other model's instance, unless it is given a name.
     */
    static String identity(Object model, String name) {
        if (name != null) {
            return "name:" + name;
        }
        if (model instanceof AisaChatModel aisa) {
            return "aisa:" + aisa.baseUrl() + '|' + aisa.modelName();
        }
        if (model instanceof AisaStreamingChatModel aisa) {
            return "aisa:" + aisa.baseUrl() + '|' + aisa.modelName();
        }
        if (model instanceof AisaGeminiChatModel gemini) {
            return "gemini:" + gemini.baseUrl() + '|' + gemini.modelName();
        }
        if (model instanceof AisaGeminiStreamingChatModel gemini) {
            return "gemini:" + gemini.baseUrl() + '|' + gemini.modelName();
        }
        return "instance:" + model.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(model));
    }

    /** The key of the whole request. */
    static String exact(String identity, ChatRequestParameters defaults, ChatRequest request) {
        return digest(identity, defaults, request.messages(), request.parameters());
    }

    /**
     * The key of everything but the last message (a semantic match must agree on all of it), or {@code null} when
     * the last message is not a user message of text alone.
     */
    static String context(String identity, ChatRequestParameters defaults, ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        if (lastUserText(request) == null) {
            return null;
        }
        return digest(identity + "|context", defaults, messages.subList(0, messages.size() - 1), request.parameters());
    }

    /** The text of the last message when it is a user message of text alone, else {@code null}. */
    static String lastUserText(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        if (messages.isEmpty()
                || !(messages.get(messages.size() - 1) instanceof UserMessage user)
                || !user.hasSingleText()) {
            return null;
        }
        return user.singleText();
    }

    private static String digest(
            String identity, ChatRequestParameters defaults, List<ChatMessage> messages, ChatRequestParameters p) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("version", 2);
        canonical.put("model", identity);
        canonical.put("defaults", defaults);
        // each message with its type: two kinds of message with the same fields must not write the same JSON
        List<Map<String, Object>> typed = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            typed.add(Map.of("type", message.type(), "message", message));
        }
        canonical.put("messages", typed);
        canonical.put("parameters", p);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            CANONICAL.writeValue(out, canonical);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a request's cache key", e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** A tool call with its arguments as parsed JSON, so their field order does not matter. */
    private static final class ToolCallSerializer extends StdSerializer<ToolExecutionRequest> {

        ToolCallSerializer() {
            super(ToolExecutionRequest.class);
        }

        @Override
        public void serialize(ToolExecutionRequest call, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeStartObject();
            out.writeStringField("id", call.id());
            out.writeStringField("name", call.name());
            out.writeFieldName("arguments");
            JsonNode arguments = parsedOrNull(call.arguments());
            if (arguments == null) {
                out.writeString(call.arguments());
            } else {
                provider.defaultSerializeValue(arguments, out);
            }
            out.writeEndObject();
        }

        private static JsonNode parsedOrNull(String arguments) {
            if (arguments == null || arguments.isBlank()) {
                return null;
            }
            try {
                return CANONICAL.readTree(arguments);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
