package one.aisa.langchain4j.routing;

import java.util.List;
import one.aisa.langchain4j.RetryPolicy;

/**
 * One logical call's walk along a router's chain, the same for the blocking and the streaming router: which model
 * comes next (skipping open circuits, within the hop cap), with which retries, and where a failure leads. The
 * blocking router drives it in a loop, the streaming one from its delegates' callbacks; one call at a time, so no
 * sharing.
 */
final class ChainWalk<M> {

    /** A model to call now, with the retries it may use. */
    record Step<M>(Route<M> route, RetryPolicy retries) {}

    final RouteLog log = new RouteLog();
    private final Router<M> router;
    private final boolean fallbackEnabled;
    private List<Route<M>> current;
    private int index = -1;
    private int hops;

    ChainWalk(Router<M> router, List<Route<M>> chain, boolean fallbackEnabled) {
        this.router = router;
        this.current = chain;
        this.fallbackEnabled = fallbackEnabled;
    }

    /** The next model that may be called, or {@code null} when none is left ({@link #exhausted()} says why). */
    Step<M> next() {
        while (++index < current.size()) {
            if (hops >= router.maxHops || (!fallbackEnabled && index > 0)) {
                return null;
            }
            Route<M> route = current.get(index);
            if (!router.permits(route)) {
                log.skipped(route);
                continue;
            }
            hops++;
            boolean laterAvailable = fallbackEnabled && router.laterRouteAvailable(current, index, hops);
            return new Step<>(route, router.retriesFor(laterAvailable, fallbackEnabled));
        }
        return null;
    }

    /**
     * After a model failed for good (its retries spent): whether the walk goes on with {@link #next()}, along the
     * chain the failover policy picks; false when the failure must surface ({@link #surfaced()}).
     */
    boolean goesOnAfter(RuntimeException failure) {
        List<Route<M>> chain = fallbackEnabled ? router.chainAfter(failure, current) : null;
        if (chain == null) {
            return false;
        }
        if (chain != current) {
            current = chain;
            index = -1;
        }
        return true;
    }

    /** The error when the last failure must surface: it, with the earlier ones suppressed. */
    RuntimeException surfaced() {
        return log.exhausted("");
    }

    /** The error when no model is left to call. */
    RuntimeException exhausted() {
        return log.exhausted(
                hops >= router.maxHops ? "the hop cap of " + router.maxHops + " was reached" : "every circuit is open");
    }
}
