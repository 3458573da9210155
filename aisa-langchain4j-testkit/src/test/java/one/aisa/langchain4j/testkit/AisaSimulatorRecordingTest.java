package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.WAIT;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.aisa;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.testkit.SimulatorTestSupport.StreamRecorder;
import org.junit.jupiter.api.Test;

/** What the simulator records, under load too, and how fast it starts. Uses the plain try-with-resources API. */
class AisaSimulatorRecordingTest {

    @Test
    void a_blocking_call_is_recorded_with_method_path_model_flag_body_and_key() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            simulator
                    .chatModelBuilder("gpt-4o-mini")
                    .temperature(0.3)
                    .maxTokens(50)
                    .build()
                    .chat("hello there");

            assertThat(simulator.chatRequests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/v1/chat/completions");
                assertThat(request.model()).isEqualTo("gpt-4o-mini");
                assertThat(request.stream()).isFalse();
                assertThat(request.body().path("temperature").asDouble()).isEqualTo(0.3);
                assertThat(request.body().path("max_tokens").asInt()).isEqualTo(50);
                assertThat(request.lastUserText()).isEqualTo("hello there");
                assertThat(request.authorization()).isEqualTo("Bearer " + AisaSimulator.API_KEY);
            });
        }
    }

    @Test
    void streaming_calls_of_both_clients_are_recorded_as_streams() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            StreamRecorder ours = new StreamRecorder();
            StreamRecorder theirs = new StreamRecorder();

            simulator.streamingChatModel("gpt-4o").chat("stream one", ours);
            ours.response();
            OpenAiStreamingChatModel.builder()
                    .baseUrl(simulator.baseUrl())
                    .apiKey("other-key")
                    .modelName("gpt-4.1")
                    .temperature(0.7)
                    .build()
                    .chat("stream two", theirs);
            theirs.response();

            List<RecordedRequest> requests = simulator.chatRequests();
            assertThat(requests)
                    .hasSize(2)
                    .allSatisfy(request -> assertThat(request.stream()).isTrue());
            assertThat(requests)
                    .extracting(RecordedRequest::model, RecordedRequest::lastUserText)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("gpt-4o", "stream one"),
                            org.assertj.core.groups.Tuple.tuple("gpt-4.1", "stream two"));
            assertThat(requests.get(0)
                            .body()
                            .path("stream_options")
                            .path("include_usage")
                            .asBoolean())
                    .isTrue();
            assertThat(requests.get(1).body().path("temperature").asDouble()).isEqualTo(0.7);
            assertThat(requests.get(1).authorization()).isEqualTo("Bearer other-key");
        }
    }

    @Test
    void last_user_text_is_the_last_user_message_of_a_conversation() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            OpenAiChatModel.builder()
                    .baseUrl(simulator.baseUrl())
                    .apiKey("x")
                    .modelName("gpt-4o-mini")
                    .build()
                    .chat(UserMessage.from("first"), AiMessage.from("reply"), UserMessage.from("second"));

            RecordedRequest request = simulator.chatRequests().get(0);
            assertThat(request.lastUserText()).isEqualTo("second");
            assertThat(request.body().path("messages")).hasSize(3);
        }
    }

    @Test
    void every_route_is_recorded_but_chat_requests_holds_only_chat() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            get(simulator, "/v1/models");
            simulator.chatModel("gpt-4o-mini").chat("hi");
            get(simulator, "/v1/credits/balance");
            get(simulator, "/v1/models", null);

            assertThat(simulator.requests())
                    .extracting(RecordedRequest::method, RecordedRequest::path)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("GET", "/v1/models"),
                            org.assertj.core.groups.Tuple.tuple("POST", "/v1/chat/completions"),
                            org.assertj.core.groups.Tuple.tuple("GET", "/v1/credits/balance"),
                            org.assertj.core.groups.Tuple.tuple("GET", "/v1/models"));
            assertThat(simulator.requests().get(3).authorization()).isNull();
            assertThat(simulator.chatRequests()).hasSize(1);
        }
    }

    @Test
    void failed_calls_are_recorded_too() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            simulator.failNext("gpt-4o-mini", 1, SimulatedFault.status(500));

            assertThatThrownBy(() -> simulator
                            .chatModelBuilder("gpt-4o-mini")
                            .maxRetries(0)
                            .build()
                            .chat("doomed"))
                    .isInstanceOf(AisaServerException.class);

            assertThat(simulator.chatRequests())
                    .singleElement()
                    .satisfies(request -> assertThat(request.lastUserText()).isEqualTo("doomed"));
        }
    }

    @Test
    void clear_requests_forgets_requests_but_keeps_scripts_and_faults() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            simulator.whenPrompt("ping").reply("pong");
            simulator.chatModel("gpt-4o-mini").chat("warm up");
            simulator.failNext("gpt-4o", 1, SimulatedFault.status(500));

            simulator.clearRequests();

            assertThat(simulator.requests()).isEmpty();
            assertThat(simulator.chatModel("gpt-4o-mini").chat("ping")).isEqualTo("pong");
            assertThatThrownBy(() -> simulator
                            .chatModelBuilder("gpt-4o")
                            .maxRetries(0)
                            .build()
                            .chat("hi"))
                    .isInstanceOf(AisaServerException.class);
            assertThat(simulator.requests()).hasSize(2);
        }
    }

    /** reset() promises "the state after start", so models added or re-priced by a test must not outlive it. */
    @Test
    void reset_restores_the_catalog_models_and_prices() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            ModelInfo catalogMini = AisaModelCatalog.builtIn().require("gpt-4o-mini");
            simulator.addModel(new ModelInfo(
                    "acme-llm-3",
                    "acme",
                    "acme",
                    Set.of(),
                    4_096,
                    BigDecimal.ONE,
                    BigDecimal.ONE,
                    LocalDate.of(2026, 1, 1)));
            simulator.addModel(new ModelInfo(
                    "gpt-4o-mini",
                    catalogMini.family(),
                    catalogMini.provider(),
                    catalogMini.capabilities(),
                    catalogMini.contextWindow(),
                    new BigDecimal("100"),
                    new BigDecimal("100"),
                    catalogMini.pricedOn()));

            simulator.reset();

            assertThat(simulator.models())
                    .extracting(ModelInfo::id)
                    .containsExactlyInAnyOrderElementsOf(AisaModelCatalog.builtIn().models().stream()
                            .map(ModelInfo::id)
                            .toList());
            ChatResponse response = simulator.chatModel("gpt-4o-mini").chat(UserMessage.from("price check"));
            assertThat(aisa(response).cost())
                    .isEqualByComparingTo(catalogMini.priceOf(
                            response.tokenUsage().inputTokenCount(),
                            response.tokenUsage().outputTokenCount()));
        }
    }

    @Test
    void two_hundred_concurrent_calls_are_all_answered_recorded_and_charged_exactly() throws Exception {
        int calls = 200;
        try (AisaSimulator simulator = AisaSimulator.start()) {
            BigDecimal start = simulator.credits();
            AisaChatModel model = simulator.chatModel("gpt-4o-mini");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<ChatResponse>> futures = new ArrayList<>();
            try {
                for (int i = 0; i < calls; i++) {
                    String prompt = "concurrent question #" + i;
                    futures.add(pool.submit(() -> model.chat(UserMessage.from(prompt))));
                }
                BigDecimal spent = BigDecimal.ZERO;
                for (int i = 0; i < calls; i++) {
                    ChatResponse response = futures.get(i).get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
                    assertThat(response.aiMessage().text())
                            .as("answer %d is its own", i)
                            .contains("concurrent question #" + i + "\"");
                    spent = spent.add(aisa(response).cost());
                }

                assertThat(simulator.chatRequests()).hasSize(calls);
                assertThat(simulator.chatRequests().stream()
                                .map(RecordedRequest::lastUserText)
                                .collect(Collectors.toSet()))
                        .isEqualTo(IntStream.range(0, calls)
                                .mapToObj(i -> "concurrent question #" + i)
                                .collect(Collectors.toSet()));
                assertThat(simulator.credits()).isEqualByComparingTo(start.subtract(spent));
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void start_up_is_measured_and_printed_not_asserted() {
        long begin = System.nanoTime();
        try (AisaSimulator simulator = AisaSimulator.start()) {
            Duration startUp = Duration.ofNanos(System.nanoTime() - begin);
            System.out.println("AisaSimulator.start() took " + startUp.toMillis() + " ms");

            assertThat(simulator.port()).isPositive();
            assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
            assertThat(get(simulator, "/v1/models").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_closed_simulator_no_longer_answers() {
        AisaSimulator simulator = AisaSimulator.start();
        AisaChatModel model = simulator
                .chatModelBuilder("gpt-4o-mini")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(2))
                .build();
        assertThat(model.chat("before")).contains("before");

        simulator.close();

        assertThatThrownBy(() -> model.chat("after")).isInstanceOf(RuntimeException.class);
    }
}
