package one.aisa.langchain4j.samples.cli;

import java.util.List;

/**
 * Lets the JVM exit at once after the last call. Each {@code java.net.http.HttpClient} keeps a selector thread
 * blocked in {@code epoll_wait}, and HotSpot's exit waits about 300 ms for threads sitting in native code: a third
 * of an offline {@code aisa chat} (measured on JDK 17 and 25). JDK 17 has no {@code HttpClient.close()}, and the
 * clients belong to the models anyway; an interrupted selector thread ends its loop and shuts its client down.
 * Only for a process that is about to exit: the models of a process share their JDK client, so no model may be
 * used afterwards; main() calls it right before System.exit, and nothing else may.
 */
final class HttpSelectorThreads {

    private HttpSelectorThreads() {}

    static void stop() {
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("HttpClient-\\d+-SelectorManager"))
                .toList();
        selectors.forEach(Thread::interrupt);
        for (Thread selector : selectors) {
            try {
                selector.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
