package one.aisa.langchain4j.samples.cli;

import java.io.PrintStream;

/** A spinner on stderr while a call runs; silent unless a person is watching a terminal. */
final class Spinner implements AutoCloseable {

    private static final String FRAMES = "|/-\\";

    private final Thread thread;
    private final PrintStream err;
    private volatile boolean running = true;

    private Spinner(String label, PrintStream err) {
        this.err = err;
        this.thread = new Thread(
                () -> {
                    int frame = 0;
                    while (running) {
                        err.print("\r" + FRAMES.charAt(frame++ % FRAMES.length()) + " " + label);
                        err.flush();
                        try {
                            Thread.sleep(120);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "aisa-spinner");
        thread.setDaemon(true);
    }

    static Spinner start(String label, boolean enabled, PrintStream err) {
        Spinner spinner = new Spinner(label, err);
        if (enabled && System.console() != null) {
            spinner.thread.start();
        } else {
            spinner.running = false;
        }
        return spinner;
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            thread.interrupt();
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r\033[K");
            err.flush();
        }
    }
}
