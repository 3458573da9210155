package one.aisa.langchain4j;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * An answer served from a response cache instead of a model: how it matched, how old it is, and what the call it
 * replaces cost. Carried by {@code AisaChatResponseMetadata.cacheHit()}; {@code null} there on a fresh answer.
 *
 * @param kind how the request matched a stored one
 * @param age how long ago the answer was stored
 * @param costSaved what the stored answer cost when it was made (USD), or {@code null} when that was not reported
 */
public record CacheHit(Kind kind, Duration age, BigDecimal costSaved) {

    /** How a request matched. */
    public enum Kind {
        /** The same request: every message, tool and parameter. */
        EXACT,
        /** The same but for a last user message close enough in meaning (semantic cache). */
        SEMANTIC
    }
}
