package one.aisa.langchain4j.internal;

import java.util.List;
import java.util.Map;

/** Case-insensitive header look-up: HTTP clients disagree on the case of header names. */
final class Headers {

    private Headers() {}

    public static String first(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey())
                    && entry.getValue() != null
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
