package one.aisa.langchain4j.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import one.aisa.langchain4j.exception.ErrorCategory;

/**
 * Which failures move on to the next model and which fail fast. An immutable value; the defaults are the AIsa
 * error policy:
 *
 * <table>
 *   <caption>default decisions</caption>
 *   <tr><th>failure</th><th>decision</th></tr>
 *   <tr><td>401/403, 402 credits</td><td>fail fast (one key, one balance for every model)</td></tr>
 *   <tr><td>404, 503 no channel</td><td>next model</td></tr>
 *   <tr><td>429, 408, timeout, I/O, 5xx</td><td>next model</td></tr>
 *   <tr><td>context length exceeded</td><td>context-window chain</td></tr>
 *   <tr><td>content policy</td><td>content-policy chain</td></tr>
 *   <tr><td>unsupported feature</td><td>next model</td></tr>
 *   <tr><td>other 400/422, {@code IllegalArgumentException}</td><td>fail fast (the request is wrong everywhere)</td></tr>
 *   <tr><td>any other exception (unknown)</td><td>next model: it is that model's failure, and counts toward its
 *   circuit breaker</td></tr>
 * </table>
 */
public final class FailoverPolicy {

    private static final FailoverPolicy DEFAULTS = builder().build();

    private final Map<ErrorCategory, FailoverDecision> decisions;

    private FailoverPolicy(Map<ErrorCategory, FailoverDecision> decisions) {
        this.decisions = Map.copyOf(decisions);
    }

    public static FailoverPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public FailoverDecision decide(ErrorCategory category) {
        return decisions.get(category);
    }

    public FailoverDecision decide(Throwable failure) {
        return decide(ErrorCategory.of(failure));
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.decisions.putAll(decisions);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FailoverPolicy that && decisions.equals(that.decisions);
    }

    @Override
    public int hashCode() {
        return decisions.hashCode();
    }

    @Override
    public String toString() {
        return "FailoverPolicy" + new EnumMap<>(decisions);
    }

    public static final class Builder {

        private final Map<ErrorCategory, FailoverDecision> decisions = new EnumMap<>(ErrorCategory.class);

        private Builder() {
            decisions.put(ErrorCategory.AUTHENTICATION, FailoverDecision.FAIL_FAST);
            decisions.put(ErrorCategory.CREDITS, FailoverDecision.FAIL_FAST);
            decisions.put(ErrorCategory.MODEL_UNAVAILABLE, FailoverDecision.NEXT_MODEL);
            decisions.put(ErrorCategory.RATE_LIMIT, FailoverDecision.NEXT_MODEL);
            decisions.put(ErrorCategory.TRANSIENT, FailoverDecision.NEXT_MODEL);
            decisions.put(ErrorCategory.CONTEXT_LENGTH, FailoverDecision.CONTEXT_WINDOW_CHAIN);
            decisions.put(ErrorCategory.CONTENT_POLICY, FailoverDecision.CONTENT_POLICY_CHAIN);
            decisions.put(ErrorCategory.UNSUPPORTED_FEATURE, FailoverDecision.NEXT_MODEL);
            decisions.put(ErrorCategory.INVALID_REQUEST, FailoverDecision.FAIL_FAST);
            decisions.put(ErrorCategory.UNKNOWN, FailoverDecision.NEXT_MODEL);
        }

        /** Sets what happens after a failure of this category. */
        public Builder on(ErrorCategory category, FailoverDecision decision) {
            decisions.put(Objects.requireNonNull(category, "category"), Objects.requireNonNull(decision, "decision"));
            return this;
        }

        public FailoverPolicy build() {
            return new FailoverPolicy(decisions);
        }
    }
}
