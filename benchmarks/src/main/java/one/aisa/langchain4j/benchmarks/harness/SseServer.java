package one.aisa.langchain4j.benchmarks.harness;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A loopback server that streams one answer, in fixed pieces, to every call, in two formats: OpenAI-style
 * {@code chat.completion.chunk} events at {@code /v1/chat/completions} (a role chunk, one chunk per piece, a finish
 * chunk with the usage and {@code usage.cost}, {@code [DONE]}), and Gemini's {@code streamGenerateContent?alt=sse}
 * at {@code /v1beta/models/gemini-2.5-flash:streamGenerateContent} (one {@code GenerateContentResponse} per piece as
 * Google writes it, with {@code ": "} after every name, CRLF event ends, the cumulative {@code usageMetadata} on every
 * event, {@code finishReason} on the last only, no {@code [DONE]}; the cost in {@code x-aisa-price-usd}, as the gateway
 * sends it). Every event is built once, so a call costs the server only its writes.
 */
final class SseServer implements AutoCloseable {

    static {
        // headers and body are written separately; without this, Nagle and delayed ACKs add ~40 ms per call
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String GEMINI_MODEL = "gemini-2.5-flash";

    /** The names of the threads that serve: their allocation is the server's, not a client's. */
    static final Set<String> THREAD_NAMES =
            Set.of("sse-server", "HTTP-Dispatcher", "idle-timeout-task", "server-timer", "server-timer1");

    private static final int PROMPT_TOKENS = 9;

    private final HttpServer server;
    private final String answer;

    /** An answer of {@code chunks} pieces {@code " word1"}, {@code " word2"}, ... */
    SseServer(int chunks) throws IOException {
        this(words(chunks));
    }

    SseServer(List<String> pieces) throws IOException {
        this.answer = String.join("", pieces);
        byte[][] openAiEvents = openAiEvents(pieces);
        byte[][] geminiEvents = geminiEvents(pieces);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> stream(exchange, openAiEvents));
        server.createContext("/v1beta/models/" + GEMINI_MODEL + ":streamGenerateContent", exchange -> {
            if (!"alt=sse".equals(exchange.getRequestURI().getRawQuery())) {
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("x-aisa-price-usd", "0.0001");
            stream(exchange, geminiEvents);
        });
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sse-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The whole answer: what every stream must add up to. */
    String answer() {
        return answer;
    }

    /** The OpenAI-compatible route's base URL. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The native Gemini route's base URL. */
    String geminiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta";
    }

    private static List<String> words(int chunks) {
        List<String> words = new ArrayList<>(chunks);
        for (int i = 1; i <= chunks; i++) {
            words.add(" word" + i);
        }
        return words;
    }

    private static void stream(HttpExchange exchange, byte[][] events) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            for (byte[] event : events) {
                body.write(event);
                body.flush();
            }
        }
    }

    private static byte[][] openAiEvents(List<String> pieces) {
        String head = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",";
        int chunks = pieces.size();
        byte[][] events = new byte[chunks + 3][];
        events[0] = event(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}");
        for (int i = 1; i <= chunks; i++) {
            events[i] = event(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quoted(pieces.get(i - 1))
                    + "},\"finish_reason\":null}]}");
        }
        events[chunks + 1] = event(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + chunks
                + ",\"total_tokens\":" + (chunks + PROMPT_TOKENS) + ",\"cost\":0.0001}}");
        events[chunks + 2] = event("[DONE]");
        return events;
    }

    private static byte[][] geminiEvents(List<String> pieces) {
        byte[][] events = new byte[pieces.size()][];
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            int tokens = i + 1;
            String data = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": " + quoted(pieces.get(i))
                    + "}],\"role\": \"model\"}," + (last ? "\"finishReason\": \"STOP\"," : "") + "\"index\": 0}],"
                    + "\"usageMetadata\": {\"promptTokenCount\": " + PROMPT_TOKENS + ",\"candidatesTokenCount\": "
                    + tokens + ",\"totalTokenCount\": " + (PROMPT_TOKENS + tokens) + ",\"promptTokensDetails\": "
                    + "[{\"modality\": \"TEXT\",\"tokenCount\": " + PROMPT_TOKENS + "}]},"
                    + "\"modelVersion\": \"" + GEMINI_MODEL + "\",\"responseId\": \"mFq3aKa2ApyEz7IPqJ6YwQ4\"}";
            events[i] = ("data: " + data + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        }
        return events;
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static byte[] event(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
