package one.aisa.langchain4j.benchmarks.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A loopback server that streams the same OpenAI-style SSE answer of {@code chunks} text chunks to every call. */
final class SseServer implements AutoCloseable {

    static {
        // headers and body are written separately; without this, Nagle and delayed ACKs add ~40 ms per call
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;

    SseServer(int chunks) throws IOException {
        byte[][] events = events(chunks);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (byte[] event : events) {
                    body.write(event);
                    body.flush();
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sse-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static byte[][] events(int chunks) {
        String head = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",";
        byte[][] events = new byte[chunks + 3][];
        events[0] = event(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}");
        for (int i = 1; i <= chunks; i++) {
            events[i] = event(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word" + i + "\"},"
                    + "\"finish_reason\":null}]}");
        }
        events[chunks + 1] = event(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":" + chunks + ",\"total_tokens\":" + (chunks + 9)
                + ",\"cost\":0.0001}}");
        events[chunks + 2] = event("[DONE]");
        return events;
    }

    private static byte[] event(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
