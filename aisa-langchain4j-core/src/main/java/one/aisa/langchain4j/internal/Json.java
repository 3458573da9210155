package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.Internal;
import java.io.IOException;

/** The module's one {@link ObjectMapper}: floats as {@code BigDecimal} so prices keep every digit. */
@Internal
public final class Json {

    public static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {}

    /** Parses a whole body; throws {@link IOException} on malformed or truncated JSON and on trailing garbage. */
    public static JsonNode parseStrict(byte[] body) throws IOException {
        try (var parser = MAPPER.createParser(body)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null) {
                throw new IOException("the body holds no JSON value");
            }
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value");
            }
            return node;
        }
    }

    /** Parses leniently: {@code null} when the text is not JSON. */
    public static JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Whether the text is exactly one complete JSON value (an object or array to which nothing can be appended). */
    public static boolean isWholeValue(CharSequence text) {
        String trimmed = text.toString().strip();
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return false;
        }
        try {
            parseStrict(trimmed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a field that may be a string or a number; {@code null} when absent, null or structured. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }
}
