package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import java.util.regex.Pattern;

/**
 * Removes the API key from any text that may reach a log line or an exception message. Gateways and providers
 * echo keys back in error messages ("Incorrect API key provided: sk-..."), so every message we build from a
 * response body passes through here. Besides the key itself, it masks what any key looks like: the token after
 * {@code Bearer}, and {@code sk-...} tokens, which is all a router can do for models whose key it does not know.
 */
@Internal
public final class SecretRedactor {

    public static final String MASK = "***";

    /** Masks key-shaped tokens only, for text from models whose key is not known here. */
    public static final SecretRedactor ANY_KEY = new SecretRedactor(null);

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");
    private static final Pattern SK_TOKEN = Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}");

    private final String secret;

    public SecretRedactor(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = secret == null ? text : text.replace(secret, MASK);
        result = BEARER.matcher(result).replaceAll("$1" + MASK);
        return SK_TOKEN.matcher(result).replaceAll(MASK);
    }
}
