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

    /**
     * For text from models whose key is not known where it is masked (a router's, an observation's): masks every key
     * an AIsa model of this process was built with, and key-shaped tokens.
     */
    public static final SecretRedactor ANY_KEY = new SecretRedactor(null);

    /** The keys the AIsa models of this process were built with (a handful; held as long as the models hold them). */
    private static final java.util.Set<String> KNOWN_KEYS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");
    private static final Pattern SK_TOKEN = Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}");

    private final String secret;

    public SecretRedactor(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    /** Makes {@link #ANY_KEY} mask this key too: called by every AIsa model with the key it was built with. */
    public static void remember(String key) {
        if (key != null && !key.isBlank()) {
            KNOWN_KEYS.add(key);
        }
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (secret != null) {
            result = result.replace(secret, MASK);
        } else {
            for (String key : KNOWN_KEYS) {
                result = result.replace(key, MASK);
            }
        }
        result = BEARER.matcher(result).replaceAll("$1" + MASK);
        return SK_TOKEN.matcher(result).replaceAll(MASK);
    }
}
