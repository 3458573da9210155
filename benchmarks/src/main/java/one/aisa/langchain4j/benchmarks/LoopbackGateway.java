package one.aisa.langchain4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the gateway's {@code POST /v1/chat/completions} that answers every call with the same bytes, so the
 * server's share of each measured call is small and identical for every client under test. Public for the harnesses.
 */
public final class LoopbackGateway implements AutoCloseable {

    static final String PATH = "/v1/chat/completions";
    static final String REQUEST_ID = "req_01JBENCH7Q2W3E4R5T6Y7U8I9O";

    static {
        // The JDK server writes headers and body separately; with Nagle on, the body waits for the client's
        // delayed ACK, about 40 ms a call on Linux loopback, which would swamp everything measured here. Read once,
        // when the server classes load, so it must be set before the first HttpServer is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] reply;
    // Lets the setup check that every client sends the same body and hand that body to the raw-HTTP benchmark.
    private volatile byte[] lastRequestBody;
    // Lets a cache benchmark check that a hit made no call and a miss made one.
    private final AtomicLong calls = new AtomicLong();

    private LoopbackGateway(byte[] reply) throws IOException {
        this.reply = reply;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        // One benchmark thread keeps one call in flight; a second worker covers a connection being replaced.
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "loopback-gateway");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext(PATH, this::answer);
        server.setExecutor(executor);
    }

    public static LoopbackGateway start(byte[] reply) throws IOException {
        LoopbackGateway gateway = new LoopbackGateway(reply);
        gateway.server.start();
        return gateway;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    String chatCompletionsUrl() {
        return baseUrl() + "/chat/completions";
    }

    byte[] lastRequestBody() {
        return lastRequestBody;
    }

    /** The chat completion calls answered so far. */
    public long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            // Reading the whole request keeps the connection reusable for the next call.
            lastRequestBody = exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-request-id", REQUEST_ID);
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(reply);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
