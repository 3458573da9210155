package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.ErrorCategory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random faults of every kind on every response, many callers at once, through routers over three models on one
 * loopback gateway; then counted invariants with zero tolerance. Each prompt carries its own nonce and each good
 * answer echoes it, so an answer that crossed to another request, or text that was duplicated or mixed after a
 * fallback, is caught. Bounded to a few seconds: the seed fixes the faults, not the interleaving.
 */
class ChaosTest {

    private static final long SEED = Long.getLong("chaos.seed", 20261129L);
    private static final String KEY = "sk-aisa-chaos-7d1e0b5c9a3f2e48";
    private static final List<String> MODELS = List.of("m1", "m2", "m3");
    private static final int CALLERS = 8;
    private static final int BLOCKING_CALLS = 400;
    private static final int STREAMING_CALLS = 160;
    /** Each model's own timeout; a fault that delays past it is a timeout. */
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private static final Faults FAULTS = new Faults(new Random(SEED));
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(40)
                .extensions(FAULTS));
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(aResponse().withStatus(500)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void blocking_calls_under_random_faults_end_in_their_own_answer_or_a_typed_error() throws Exception {
        TestClock clock = new TestClock();
        RoutingChatModel router = RoutingChatModel.builder()
                .models(MODELS.stream().map(this::model).toList())
                .clock(clock)
                .sleeper(duration -> {})
                .build();
        Map<String, Object> outcomes = run(BLOCKING_CALLS, nonce -> {
            clock.advance(Duration.ofSeconds(2));
            try {
                return router.chat(request(nonce));
            } catch (RuntimeException failure) {
                return failure;
            }
        });

        Tally tally = new Tally();
        outcomes.forEach((nonce, outcome) -> tally.check(nonce, outcome, null));
        tally.assertClean("blocking");
        assertThat(tally.answered.get())
                .as("answers; failures %s", tally.failures)
                .isGreaterThan(BLOCKING_CALLS / 2);
        assertThat(tally.fellBack.get()).as("answers after a fallback").isPositive();
        assertThat(tally.failed.get()).as("typed failures").isPositive();
    }

    @Test
    void streams_under_random_faults_end_once_without_duplicated_or_foreign_text() throws Exception {
        TestClock clock = new TestClock();
        RoutingStreamingChatModel router = RoutingStreamingChatModel.builder()
                .models(MODELS.stream().map(this::streamingModel).toList())
                .clock(clock)
                .sleeper(duration -> {})
                .build();
        Map<String, StreamRecord> records = new ConcurrentHashMap<>();
        Map<String, Object> outcomes = run(STREAMING_CALLS, nonce -> {
            clock.advance(Duration.ofSeconds(2));
            StreamRecord record = new StreamRecord();
            records.put(nonce, record);
            router.chat(request(nonce), record);
            try {
                return record.end.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return new AssertionError("no end within 10 s", e);
            }
        });

        Tally tally = new Tally();
        outcomes.forEach((nonce, outcome) -> tally.check(nonce, outcome, records.get(nonce)));
        tally.assertClean("streaming");
        assertThat(tally.answered.get()).as("answers").isGreaterThan(STREAMING_CALLS / 3);
        assertThat(tally.failed.get()).as("typed failures").isPositive();
    }

    // ------------------------------------------------------------------ the invariants

    /** Counts outcomes and every broken invariant, with the first examples of each. */
    private static final class Tally {

        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger fellBack = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<String> broken = new ArrayList<>();
        final Map<String, Integer> failures = new java.util.TreeMap<>();

        void check(String nonce, Object outcome, StreamRecord stream) {
            String expected = "echo " + nonce;
            if (outcome instanceof ChatResponse response) {
                answered.incrementAndGet();
                if (!expected.equals(response.aiMessage().text())) {
                    broken.add(nonce + " answered '" + response.aiMessage().text() + "'");
                }
                if (response.metadata() instanceof AisaChatResponseMetadata aisa
                        && aisa.route() != null
                        && aisa.route().fellBack()) {
                    fellBack.incrementAndGet();
                }
            } else if (outcome instanceof LangChain4jException typed
                    && (typed instanceof AisaError || typed instanceof NoRouteAvailableException)) {
                failed.incrementAndGet();
                synchronized (failures) {
                    failures.merge(typed.getClass().getSimpleName(), 1, Integer::sum);
                }
                if (ErrorCategory.of(typed) == ErrorCategory.UNKNOWN) {
                    broken.add(nonce + " failed in an unknown category: " + typed);
                }
            } else {
                broken.add(nonce + " ended untyped: " + outcome);
            }
            if (String.valueOf(outcome).contains(KEY)) {
                broken.add(nonce + " carries the key: " + outcome);
            }
            if (stream != null) {
                String partials = String.join("", stream.partials);
                if (!expected.startsWith(partials)) {
                    broken.add(nonce + " streamed '" + partials + "', not a prefix of '" + expected + "'");
                }
                if (outcome instanceof ChatResponse && !partials.equals(expected)) {
                    broken.add(nonce + " streamed '" + partials + "' but answered in full");
                }
                if (stream.terminals.get() != 1) {
                    broken.add(nonce + " ended " + stream.terminals.get() + " times");
                }
            }
        }

        void assertClean(String what) {
            assertThat(broken)
                    .as(
                            "%s invariants broken (seed %d; answered %d, failed %d)",
                            what, SEED, answered.get(), failed.get())
                    .isEmpty();
        }
    }

    private static final class StreamRecord implements StreamingChatResponseHandler {

        final List<String> partials = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger terminals = new AtomicInteger();
        final CompletableFuture<Object> end = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            partials.add(partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            terminals.incrementAndGet();
            end.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            terminals.incrementAndGet();
            end.complete(error);
        }
    }

    // ------------------------------------------------------------------ the faults

    /**
     * Picks a fault for every response from one seeded sequence. Good answers echo the prompt's nonce; streams
     * send it in three pieces. Faults are the transient kind: a 404 or "no available channel" opens a model's
     * circuit for many minutes by design, which would turn the run into a test of open circuits.
     */
    static final class Faults implements ResponseDefinitionTransformerV2 {

        /** Percent of responses that are good; every other one is a fault. */
        private static final int GOOD_SHARE = 65;

        private final Random random;

        Faults(Random random) {
            this.random = random;
        }

        @Override
        public String getName() {
            return "chaos-faults";
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            JsonNode body = RoutingStubs.JSON.valueToTree(Map.of());
            try {
                body = RoutingStubs.JSON.readTree(serveEvent.getRequest().getBodyAsString());
            } catch (Exception e) {
                // answered by the default fault below
            }
            String nonce = body.path("messages").path(0).path("content").asText();
            String model = body.path("model").asText();
            int roll;
            synchronized (random) {
                roll = random.nextInt(100);
            }
            ResponseDefinitionBuilder response =
                    body.path("stream").asBoolean() ? streamed(roll, model, nonce) : blocking(roll, model, nonce);
            return response.build();
        }

        private static ResponseDefinitionBuilder blocking(int roll, String model, String nonce) {
            String answer = RoutingStubs.completion(model, "echo " + nonce);
            if (roll < GOOD_SHARE) {
                return aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer);
            }
            return switch (roll % 18) {
                case 0 -> status(429);
                case 1 -> status(500);
                case 2 -> status(502);
                case 3 -> status(503);
                case 4 -> status(504);
                case 5 -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
                case 6 -> aResponse().withFault(Fault.EMPTY_RESPONSE);
                case 7 -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE);
                case 8 -> json(answer.substring(0, answer.length() / 2));
                case 9 -> json("{\"choices\":[{\"index\":0,\"message\":null,\"finish_reason\":null}]}");
                case 10 -> json("{\"choices\":[null]}");
                case 11 -> json(answer.replaceFirst("\"message\":\\{", "\"message\":{\"tool_calls\":[null],"));
                case 12 -> json("{\"error\":{\"message\":\"upstream failed\",\"code\":\"server_error\"}}");
                case 13 -> aResponse().withStatus(200).withBody("<html><title>Bad gateway</title></html>");
                case 14 -> json("upstream proxy error: Authorization: Bearer " + KEY);
                case 15 ->
                    aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(answer)
                            .withFixedDelay((int) TIMEOUT.toMillis() + 200);
                case 16 -> status(408);
                default -> status(400);
            };
        }

        private static ResponseDefinitionBuilder streamed(int roll, String model, String nonce) {
            List<String> pieces = List.of("echo", " ", nonce);
            if (roll < GOOD_SHARE) {
                return sse(chunks(model, pieces) + finish(model) + "data: [DONE]\n\n");
            }
            int before = roll % 3;
            return switch (roll % 9) {
                case 0 -> status(429);
                case 1 -> status(503);
                case 2 -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
                case 3 -> sse(chunks(model, pieces.subList(0, before)));
                case 4 ->
                    sse(
                            chunks(model, pieces.subList(0, before))
                                    + "data: {\"error\":{\"message\":\"upstream disconnected\",\"code\":\"server_error\"}}\n\n");
                case 5 ->
                    sse(chunks(model, pieces.subList(0, before)) + "data: upstream proxy error: Bearer " + KEY
                            + "\n\n");
                case 6 ->
                    sse(chunks(model, pieces.subList(0, before))
                            + "event: error\ndata: {\"message\":\"overloaded\"}\n\n");
                case 7 -> status(502);
                default ->
                    sse(chunks(model, pieces.subList(0, 1))
                            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[null]}}]}\n\n"
                            + chunks(model, pieces.subList(1, pieces.size()))
                            + finish(model) + "data: [DONE]\n\n");
            };
        }

        private static String chunks(String model, List<String> pieces) {
            StringBuilder body = new StringBuilder();
            for (String piece : pieces) {
                body.append("data: {\"id\":\"c-")
                        .append(model)
                        .append("\",\"model\":\"")
                        .append(model)
                        .append("\",\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                        .append(RoutingStubs.quote(piece))
                        .append("}}]}\n\n");
            }
            return body.toString();
        }

        private static String finish(String model) {
            return "data: {\"id\":\"c-" + model
                    + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,\"total_tokens\":6,\"cost\":0.0001}}\n\n";
        }

        private static ResponseDefinitionBuilder status(int status) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"message\":\"simulated " + status + "\",\"type\":\"upstream_error\"}}");
        }

        private static ResponseDefinitionBuilder json(String body) {
            return aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body);
        }

        private static ResponseDefinitionBuilder sse(String body) {
            return aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(body);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private AisaChatModel model(String name) {
        return AisaChatModel.builder()
                .apiKey(KEY)
                .baseUrl("http://127.0.0.1:" + server.port() + "/v1")
                .modelName(name)
                .timeout(TIMEOUT)
                .build();
    }

    private AisaStreamingChatModel streamingModel(String name) {
        return AisaStreamingChatModel.builder()
                .apiKey(KEY)
                .baseUrl("http://127.0.0.1:" + server.port() + "/v1")
                .modelName(name)
                .timeout(TIMEOUT)
                .build();
    }

    private static ChatRequest request(String nonce) {
        return ChatRequest.builder().messages(UserMessage.from(nonce)).build();
    }

    /** Runs {@code calls} calls from {@link #CALLERS} threads; the outcome of each, by its nonce. */
    private static Map<String, Object> run(int calls, Function<String, Object> call) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        Map<String, Object> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String nonce = "n" + i + "-" + Long.toHexString(SEED * 31 + i);
                futures.add(callers.submit(() -> outcomes.put(nonce, call.apply(nonce))));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(outcomes).hasSize(calls);
        return outcomes;
    }
}
