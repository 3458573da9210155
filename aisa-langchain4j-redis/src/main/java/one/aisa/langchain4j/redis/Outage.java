package one.aisa.langchain4j.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Whether one shared part's Redis is in an outage, with one warning when it starts and one line when it ends,
 * however many calls fail in between.
 */
final class Outage {

    private final AtomicBoolean active = new AtomicBoolean();
    private final Logger log;
    private final String part;
    private final String meanwhile;

    /**
     * @param part what is shared, e.g. "the shared budget"
     * @param meanwhile what the instance does until Redis answers, e.g. "failing closed"
     */
    Outage(Logger log, String part, String meanwhile) {
        this.log = log;
        this.part = part;
        this.meanwhile = meanwhile;
    }

    /** A call to Redis failed. */
    void failed(Throwable failure) {
        if (active.compareAndSet(false, true)) {
            log.warn(
                    "Redis did not answer for {} ({}): {} until it answers again.",
                    part,
                    failure.getMessage(),
                    meanwhile);
        }
    }

    /** A call to Redis answered. */
    void answered() {
        if (active.compareAndSet(true, false)) {
            log.info("Redis answers again for {}.", part);
        }
    }

    boolean active() {
        return active.get();
    }
}
