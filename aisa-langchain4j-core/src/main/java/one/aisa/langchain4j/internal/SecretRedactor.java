package one.aisa.langchain4j.internal;

import java.util.regex.Pattern;

/**
 * Removes the API key from any text that may reach a log line or an exception message. Gateways and providers
 * echo keys back in error messages ("Incorrect API key provided: sk-..."), so every message we build from a
 * response body passes through here.
 */
public final class SecretRedactor {

    public static final String MASK = "***";

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");

    private final String secret;

    public SecretRedactor(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = secret == null ? text : text.replace(secret, MASK);
        return BEARER.matcher(result).replaceAll("$1" + MASK);
    }
}
