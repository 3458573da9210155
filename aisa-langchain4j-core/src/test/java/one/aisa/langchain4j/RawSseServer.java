package one.aisa.langchain4j;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot loopback HTTP/1.1 server for what WireMock cannot script: it answers one POST with {@code 200
 * text/event-stream} and then writes a list of byte segments, each flushed as its own write (and, with chunked
 * framing, its own chunk). Between segments it can wait on a latch the test opens, or until it has seen the client
 * close the connection, so a test can split an event mid-JSON or mid-UTF-8 character, stall a stream, or watch a
 * cancelled client hang up.
 *
 * <p>Every wait is bounded by {@link #MAX_WAIT}; {@link #close()} opens every latch and closes every socket, so a
 * broken test cannot hang the build.
 */
final class RawSseServer implements AutoCloseable {

    /** The longest any wait of the server, or of a test on the server, may take. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    /** How the end of the response body is marked. */
    enum Framing {
        /** {@code Transfer-Encoding: chunked}; each segment is one chunk. */
        CHUNKED,
        /** No length at all: the body ends when the server closes the connection ({@code Connection: close}). */
        CONNECTION_CLOSE
    }

    private sealed interface Step permits Write, Gate, UntilClientCloses, Hang {}

    private record Write(byte[] bytes) implements Step {}

    private record Gate(CountDownLatch latch) implements Step {}

    private record UntilClientCloses() implements Step {}

    private record Hang() implements Step {}

    private final Framing framing;
    private final Map<String, String> responseHeaders;
    private final List<Step> steps;
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    private final ServerSocket serverSocket;
    private final Thread thread;
    private final CountDownLatch requestReceived = new CountDownLatch(1);
    private final CountDownLatch clientClosed = new CountDownLatch(1);
    private final CountDownLatch hungUp = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Throwable> problems = new CopyOnWriteArrayList<>();
    private volatile String requestHead;
    private volatile String requestBody;
    private volatile Socket client;
    private volatile int segmentsWritten;

    private RawSseServer(Builder builder) throws IOException {
        this.framing = builder.framing;
        this.responseHeaders = Map.copyOf(builder.headers);
        this.steps = List.copyOf(builder.steps);
        for (Step step : steps) {
            if (step instanceof Gate gate) {
                gates.add(gate.latch());
            }
        }
        this.serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.serverSocket.setSoTimeout((int) MAX_WAIT.toMillis());
        this.thread = new Thread(this::serve, "raw-sse-server-" + serverSocket.getLocalPort());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static Builder builder() {
        return new Builder();
    }

    /** The API root to give the model, e.g. {@code http://127.0.0.1:4711/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort() + "/v1";
    }

    /** Waits until the whole request has arrived. */
    boolean awaitRequest() throws InterruptedException {
        return requestReceived.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The request body, waiting for it to arrive; fails after {@link #MAX_WAIT}. */
    String requestBody() throws InterruptedException {
        if (!awaitRequest()) {
            throw new AssertionError("the raw SSE server received no request within " + MAX_WAIT + problems);
        }
        return requestBody;
    }

    /** The request line and headers, as received. */
    String requestHead() throws InterruptedException {
        requestBody();
        return requestHead;
    }

    /** Waits until the client has closed (or reset) the connection; false if it did not within the timeout. */
    boolean awaitClientClosed(Duration timeout) throws InterruptedException {
        return clientClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean clientClosed() {
        return clientClosed.getCount() == 0;
    }

    /** Waits until the script has run to its end (or was cut short by a closed connection). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many segments were written completely. */
    int segmentsWritten() {
        return segmentsWritten;
    }

    /** Failures of the server itself (no client, a gate never opened); empty when all went to plan. */
    List<Throwable> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        closing.countDown();
        gates.forEach(CountDownLatch::countDown);
        closeQuietly(client);
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            thread.join(MAX_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        try (Socket socket = serverSocket.accept()) {
            client = socket;
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) MAX_WAIT.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            readRequest(in);
            watchForClientClose(in);
            OutputStream out = socket.getOutputStream();
            out.write(head().getBytes(ISO_8859_1));
            out.flush();
            for (Step step : steps) {
                if (closing.getCount() == 0 || !run(step, out)) {
                    return;
                }
            }
            try {
                if (framing == Framing.CHUNKED) {
                    out.write("0\r\n\r\n".getBytes(ISO_8859_1));
                    out.flush();
                }
                socket.shutdownOutput();
            } catch (IOException afterTheLastSegment) {
                // every segment was written: a client that hung up once it had read [DONE] is not a problem,
                // even when the watcher has not seen the hang-up yet
                return;
            }
            // keep the socket until the client hangs up, so it can read to the end
            waitFor(hungUp);
        } catch (SocketTimeoutException e) {
            if (closing.getCount() != 0) {
                problems.add(e);
            }
        } catch (IOException e) {
            if (closing.getCount() != 0 && !clientClosed()) {
                problems.add(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    /** Runs one step; false when the script must stop because the client went away. */
    private boolean run(Step step, OutputStream out) throws InterruptedException {
        if (step instanceof Write write) {
            try {
                if (framing == Framing.CHUNKED) {
                    out.write((Integer.toHexString(write.bytes().length) + "\r\n").getBytes(ISO_8859_1));
                    out.write(write.bytes());
                    out.write("\r\n".getBytes(ISO_8859_1));
                } else {
                    out.write(write.bytes());
                }
                out.flush();
                segmentsWritten++;
                return true;
            } catch (IOException clientGone) {
                return false;
            }
        }
        if (step instanceof Gate gate) {
            if (!waitFor(gate.latch())) {
                problems.add(new AssertionError("the test did not open a gate within " + MAX_WAIT));
            }
            return true;
        }
        if (step instanceof UntilClientCloses) {
            waitFor(hungUp);
            if (!clientClosed()) {
                problems.add(new AssertionError("the client did not close the connection within " + MAX_WAIT));
            }
            return false;
        }
        // Hang: keep the connection open and silent until either side closes it (or MAX_WAIT passes)
        waitFor(hungUp);
        return false;
    }

    private static boolean waitFor(CountDownLatch latch) throws InterruptedException {
        return latch.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String head() {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        head.append("Content-Type: text/event-stream\r\n");
        head.append("Cache-Control: no-cache\r\n");
        if (framing == Framing.CHUNKED) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            head.append("Connection: close\r\n");
        }
        responseHeaders.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    private void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection before the end of the request head");
            }
            headBytes.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (headBytes.size() > 65_536) {
                throw new IOException("request head too large");
            }
        }
        String head = headBytes.toString(ISO_8859_1);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("the request body ended after " + body.length + " of " + length + " bytes");
            }
        }
        requestHead = head;
        requestBody = new String(body, UTF_8);
        requestReceived.countDown();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(ISO_8859_1);
    }

    /** Nothing more comes from the client after its request, so the next read ends only when it hangs up. */
    private void watchForClientClose(InputStream in) {
        Thread watcher = new Thread(
                () -> {
                    while (true) {
                        try {
                            if (in.read() < 0) {
                                break;
                            }
                        } catch (SocketTimeoutException stillOpen) {
                            if (closing.getCount() == 0) {
                                break;
                            }
                        } catch (IOException reset) {
                            break;
                        }
                    }
                    if (closing.getCount() != 0) {
                        clientClosed.countDown();
                    }
                    hungUp.countDown();
                },
                thread.getName() + "-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static final class Builder {

        private Framing framing = Framing.CHUNKED;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<Step> steps = new ArrayList<>();

        Builder framing(Framing framing) {
            this.framing = framing;
            return this;
        }

        Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Writes these bytes as one write (one chunk). */
        Builder write(byte[] bytes) {
            steps.add(new Write(bytes.clone()));
            return this;
        }

        /** Writes the UTF-8 bytes of this text as one write (one chunk). */
        Builder write(String text) {
            return write(text.getBytes(UTF_8));
        }

        /** Waits until the test counts this latch down (bounded by {@link #MAX_WAIT}). */
        Builder await(CountDownLatch gate) {
            steps.add(new Gate(gate));
            return this;
        }

        /** Waits until the client hangs up, then stops: nothing after this step is written. */
        Builder untilClientCloses() {
            steps.add(new UntilClientCloses());
            return this;
        }

        /** Goes silent with the connection open until the server is closed: a stalled stream. */
        Builder hang() {
            steps.add(new Hang());
            return this;
        }

        RawSseServer start() throws IOException {
            return new RawSseServer(this);
        }
    }
}
