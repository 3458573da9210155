package one.aisa.langchain4j.routing;

import dev.langchain4j.exception.RetriableException;
import one.aisa.langchain4j.RouteTrace;

/**
 * No model of the chain could be called: every circuit is open (or the hop cap was reached before any answered).
 * Retriable: circuits close again after their open period.
 */
public class NoRouteAvailableException extends RetriableException {

    private final RouteTrace trace;

    public NoRouteAvailableException(String message, RouteTrace trace) {
        super(message);
        this.trace = trace;
    }

    public RouteTrace trace() {
        return trace;
    }
}
