package one.aisa.langchain4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One synchronous chat call, three ways, against the same {@link LoopbackGateway}: the difference between
 * {@link #aisaChatModel} and {@link #openAiChatModel} is what AisaChatModel adds per call, and {@link #rawHttp} is
 * the floor that any client on {@code java.net.http} and Jackson pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// Five, not three: with a call taking a few hundred microseconds, three 2 s iterations left LangChain4j's path
// still being compiled, and scores kept falling through the measurement.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ChatCallBenchmark {

    private static final String API_KEY = "sk-aisa-benchmark-not-a-real-key";
    private static final String MODEL = "gpt-4o-mini";
    // The LangChain4j clients' own defaults, so the raw client is held to the same limits.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** {@code text}: a plain answer; {@code tool_calls}: two tool calls, with two tools declared in the request. */
    @Param({"text", "tool_calls"})
    public String reply;

    private LoopbackGateway gateway;
    private ChatRequest chatRequest;
    private ChatModel aisa;
    /** The same model observed: a Micrometer observation per call, timed by a meter handler. */
    private ChatModel aisaObserved;

    private ChatModel openAi;
    private HttpClient rawClient;
    private ObjectMapper rawMapper;
    private URI rawUri;
    private byte[] rawBody;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        boolean toolCalls = reply.equals("tool_calls");
        gateway = LoopbackGateway.start(toolCalls ? CannedReplies.TOOL_CALLS : CannedReplies.TEXT);
        chatRequest = toolCalls ? ChatRequests.weatherAndTime() : ChatRequests.question();
        aisa = AisaChatModel.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(API_KEY)
                .modelName(MODEL)
                .build();
        io.micrometer.observation.ObservationRegistry observations =
                io.micrometer.observation.ObservationRegistry.create();
        observations
                .observationConfig()
                .observationHandler(new io.micrometer.core.instrument.observation.DefaultMeterObservationHandler(
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        aisaObserved = AisaChatModel.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(API_KEY)
                .modelName(MODEL)
                .observationRegistry(observations)
                .build();
        openAi = OpenAiChatModel.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(API_KEY)
                .modelName(MODEL)
                .maxRetries(0)
                .build();
        // Default HTTP version and executor, as both LangChain4j transports leave them.
        rawClient = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        rawMapper = new ObjectMapper();
        rawUri = URI.create(gateway.chatCompletionsUrl());

        // A benchmark that measured a failing or differently shaped call would be meaningless, so check first.
        check(openAi.chat(chatRequest), toolCalls, false);
        byte[] openAiBody = gateway.lastRequestBody();
        check(aisa.chat(chatRequest), toolCalls, true);
        check(aisaObserved.chat(chatRequest), toolCalls, true);
        byte[] aisaBody = gateway.lastRequestBody();
        if (!rawMapper.readTree(openAiBody).equals(rawMapper.readTree(aisaBody))) {
            throw new IllegalStateException("AisaChatModel and OpenAiChatModel sent different bodies:\n"
                    + new String(aisaBody, StandardCharsets.UTF_8) + "\n"
                    + new String(openAiBody, StandardCharsets.UTF_8));
        }
        rawBody = openAiBody;
        if (!rawHttp().path("choices").isArray()) {
            throw new IllegalStateException("raw HTTP call did not return choices");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        gateway.close();
    }

    @Benchmark
    public ChatResponse aisaChatModel() {
        return aisa.chat(chatRequest);
    }

    /** What an observation per call adds (issue 18): against {@link #aisaChatModel}, in the same run. */
    @Benchmark
    public ChatResponse aisaChatModelObserved() {
        return aisaObserved.chat(chatRequest);
    }

    @Benchmark
    public ChatResponse openAiChatModel() {
        return openAi.chat(chatRequest);
    }

    @Benchmark
    public JsonNode rawHttp() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(rawUri)
                .timeout(READ_TIMEOUT)
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(rawBody))
                .build();
        HttpResponse<byte[]> response = rawClient.send(request, BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return rawMapper.readTree(response.body());
    }

    private static void check(ChatResponse response, boolean toolCalls, boolean aisa) {
        if (toolCalls) {
            List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
            if (calls.size() != 2 || !calls.get(0).name().equals("get_weather")) {
                throw new IllegalStateException("expected two tool calls, got " + response.aiMessage());
            }
        } else if (!CannedReplies.TEXT_ANSWER.equals(response.aiMessage().text())) {
            throw new IllegalStateException("unexpected answer: " + response.aiMessage());
        }
        if (aisa) {
            if (!(response.metadata() instanceof AisaChatResponseMetadata metadata)
                    || metadata.cost() == null
                    || metadata.cost().signum() <= 0
                    || !LoopbackGateway.REQUEST_ID.equals(metadata.requestId())) {
                throw new IllegalStateException("AIsa metadata missing: " + response.metadata());
            }
        }
    }
}
