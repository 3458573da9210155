package one.aisa.langchain4j;

import java.time.Duration;
import java.util.List;

/**
 * The way one logical call went through a router: every model tried or skipped, in order, and the one that
 * answered. Carried by {@code AisaChatResponseMetadata.route()}.
 *
 * @param answeredBy the label of the model that answered, or {@code null} if none did
 * @param attempts every model tried or skipped, in order
 */
public record RouteTrace(String answeredBy, List<Attempt> attempts) {

    public RouteTrace {
        attempts = List.copyOf(attempts);
    }

    /** How a model fared in one call. */
    public enum Outcome {
        ANSWERED,
        FAILED,
        /** Not called: its circuit breaker is open. */
        SKIPPED_CIRCUIT_OPEN
    }

    /**
     * One model tried or skipped.
     *
     * @param model the route's label (the model name for AIsa models)
     * @param outcome what happened
     * @param error the failure's type and message, for {@code FAILED}
     * @param latency time spent on this model, zero when skipped
     */
    public record Attempt(String model, Outcome outcome, String error, Duration latency) {}

    /** How many models were called (skipped ones excluded), retries of one model counted once each. */
    public long calls() {
        return attempts.stream()
                .filter(a -> a.outcome() != Outcome.SKIPPED_CIRCUIT_OPEN)
                .count();
    }

    /** Whether a model other than the first one of the chain answered. */
    public boolean fellBack() {
        return answeredBy != null
                && !attempts.isEmpty()
                && !attempts.get(0).model().equals(answeredBy);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Attempt attempt : attempts) {
            if (text.length() > 0) {
                text.append(" -> ");
            }
            text.append(attempt.model()).append(' ');
            text.append(
                    switch (attempt.outcome()) {
                        case ANSWERED -> "answered";
                        case FAILED -> "failed (" + attempt.error() + ")";
                        case SKIPPED_CIRCUIT_OPEN -> "skipped (circuit open)";
                    });
        }
        return text.toString();
    }
}
