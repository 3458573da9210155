package one.aisa.langchain4j;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests pass one that records the waits and
 * returns at once, so backoff is verified without real time passing.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
