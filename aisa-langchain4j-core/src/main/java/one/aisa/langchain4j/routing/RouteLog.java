package one.aisa.langchain4j.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import one.aisa.langchain4j.RouteTrace;

/** The attempts of one logical call, collected as they happen (one call at a time: no sharing). */
final class RouteLog {

    private final List<RouteTrace.Attempt> attempts = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();

    void skipped(Route<?> route) {
        attempts.add(new RouteTrace.Attempt(route.label, RouteTrace.Outcome.SKIPPED_CIRCUIT_OPEN, null, Duration.ZERO));
    }

    void failed(Route<?> route, RuntimeException failure, long nanos) {
        attempts.add(new RouteTrace.Attempt(
                route.label, RouteTrace.Outcome.FAILED, Router.describe(failure), Duration.ofNanos(nanos)));
        failures.add(failure);
    }

    void answered(Route<?> route, long nanos) {
        attempts.add(new RouteTrace.Attempt(route.label, RouteTrace.Outcome.ANSWERED, null, Duration.ofNanos(nanos)));
    }

    RouteTrace trace(String answeredBy) {
        return new RouteTrace(answeredBy, attempts);
    }

    /**
     * The error to surface when no model answered: the last failure, carrying the earlier ones as suppressed so
     * none is lost; or, when nothing was even called, a {@link NoRouteAvailableException}.
     */
    RuntimeException exhausted(String why) {
        if (failures.isEmpty()) {
            return new NoRouteAvailableException(
                    "No model could be called: " + why + ". Route: " + trace(null), trace(null));
        }
        RuntimeException last = failures.get(failures.size() - 1);
        for (RuntimeException earlier : failures.subList(0, failures.size() - 1)) {
            if (earlier != last) {
                last.addSuppressed(earlier);
            }
        }
        return last;
    }
}
