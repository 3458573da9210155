package one.aisa.langchain4j.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body when no byte arrives for {@code idleTimeout}, so a stream that stalls mid-answer ends in
 * an error instead of hanging: {@code java.net.http}'s request timeout covers only the wait for the headers.
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /**
     * One daemon thread; a cancelled alarm leaves its queue at once. Without that, every read of every body left a
     * cancelled task queued for the whole timeout (60 s by default): 104 of them per 100-piece stream.
     */
    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "aisa-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Alarms waiting to fire: the ones of reads under way. For tests. */
    static int pendingAlarms() {
        return WATCHDOG.getQueue().size();
    }

    private final long idleTimeoutNanos;
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration idleTimeout) {
        super(in);
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    boolean timedOut() {
        return timedOut;
    }

    @Override
    public int read() throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            return super.read();
        } finally {
            alarm.cancel(false);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            return super.read(buffer, offset, length);
        } finally {
            alarm.cancel(false);
        }
    }

    private ScheduledFuture<?> arm() {
        return WATCHDOG.schedule(this::expire, idleTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void expire() {
        timedOut = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the blocked read is released; a failure to close changes nothing
        }
    }
}
