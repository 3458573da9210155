package one.aisa.langchain4j.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bytes allocated so far by every thread but the server's, from the JVM's allocation counters. Where the JVM has
 * {@code getTotalThreadAllocatedBytes} (JDK 21; JDK 17.0.15 has it too) that includes the threads that have ended;
 * else only the live ones count, and what a thread allocates is lost if it ends between two readings
 * ({@link #threadsStarted()} tells whether any did).
 */
final class AllocationMeter {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Set<String> serverThreadNames;
    private final Map<Long, Boolean> serverThreads = new HashMap<>();
    private final Method totalAllocated = totalAllocated();

    AllocationMeter(Set<String> serverThreadNames) {
        this.serverThreadNames = serverThreadNames;
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** Whether threads that have ended are counted. */
    boolean countsEndedThreads() {
        return totalAllocated != null;
    }

    long clientBytes() throws ReflectiveOperationException {
        long[] ids = threads.getAllThreadIds();
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        long server = 0;
        long live = 0;
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] < 0) {
                continue;
            }
            if (isServer(ids[i])) {
                server += allocated[i];
            } else {
                live += allocated[i];
            }
        }
        return totalAllocated == null ? live : (long) totalAllocated.invoke(threads) - server;
    }

    long threadsStarted() {
        return threads.getTotalStartedThreadCount();
    }

    private boolean isServer(long id) {
        // thread ids are never reused, so each thread's name is looked up once
        return serverThreads.computeIfAbsent(id, key -> {
            ThreadInfo info = threads.getThreadInfo(key);
            return info != null && serverThreadNames.contains(info.getThreadName());
        });
    }

    private static Method totalAllocated() {
        try {
            return com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
        } catch (NoSuchMethodException olderJdk) {
            return null;
        }
    }
}
