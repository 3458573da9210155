package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.json;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.post;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What other clients than ours need from the simulator: a JDK {@code HttpClient} on HTTP/2 that streams its request
 * body (as Spring's default request factory does) gets its answer, and error bodies have OpenAI's shape, with
 * {@code error.param} present (the schema requires it; it may be null).
 */
@AisaSimulatorTest
class AisaSimulatorClientsTest {

    private static final String CHAT = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Capital of Germany?"}]}""";

    @Test
    void an_http2_client_posting_a_body_of_unknown_length_gets_its_answer(AisaSimulator simulator) throws Exception {
        simulator.whenPrompt("capital of Germany").reply("Berlin");
        HttpClient http2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        for (int call = 0; call < 5; call++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(root(simulator) + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + AisaSimulator.API_KEY)
                    // no Content-Length: the body is streamed, as RestClient's default factory sends it
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(CHAT.getBytes(StandardCharsets.UTF_8))))
                    .build();

            HttpResponse<String> response = http2.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body()).at("/choices/0/message/content").asText())
                    .isEqualTo("Berlin");
        }
    }

    @Test
    void every_error_body_has_openais_fields_with_param_present(AisaSimulator simulator) {
        for (int status : new int[] {400, 401, 402, 404, 429, 500, 503}) {
            simulator.failNext("gpt-4o-mini", 1, SimulatedFault.status(status));

            HttpResponse<String> response = post(simulator, "/v1/chat/completions", CHAT);

            assertThat(response.statusCode()).isEqualTo(status);
            JsonNode error = json(response.body()).get("error");
            assertThat(error.fieldNames()).toIterable().contains("message", "type", "param", "code");
            assertThat(error.get("param").isNull()).isTrue();
        }
    }

    @Test
    void the_error_event_inside_a_stream_has_param_present(AisaSimulator simulator) {
        simulator.failNext("gpt-4o-mini", 1, SimulatedFault.errorInStream(1));

        HttpResponse<String> response =
                post(simulator, "/v1/chat/completions", CHAT.replace("\"messages\"", "\"stream\":true,\"messages\""));

        String errorLine = response.body()
                .lines()
                .filter(line -> line.contains("\"error\""))
                .findFirst()
                .orElseThrow();
        JsonNode error = json(errorLine.substring("data:".length()).strip()).get("error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.get("param").isNull()).isTrue();
    }

    @Test
    void one_model_is_retrieved_by_id_as_openais_clients_do(AisaSimulator simulator) {
        HttpResponse<String> known = SimulatorTestSupport.get(simulator, "/v1/models/gpt-4o-mini");
        HttpResponse<String> unknown = SimulatorTestSupport.get(simulator, "/v1/models/gpt-9");

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(json(known.body()).get("id").asText()).isEqualTo("gpt-4o-mini");
        assertThat(json(known.body()).get("object").asText()).isEqualTo("model");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void a_stream_chunk_delay_paces_the_stream_piece_by_piece() throws Exception {
        java.time.Duration delay = java.time.Duration.ofMillis(40);
        try (AisaSimulator paced =
                AisaSimulator.builder().streamChunkDelay(delay).start()) {
            paced.whenPrompt("story").reply("Once upon a time there was a gateway.");
            java.util.List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CompletableFuture<Object> done = new java.util.concurrent.CompletableFuture<>();
            long start = System.nanoTime();
            paced.streamingChatModel("gpt-4o-mini")
                    .chat("Tell me a story", new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String partial) {
                            arrivals.add(System.nanoTime() - start);
                        }

                        @Override
                        public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
                            done.complete(response);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.complete(error);
                        }
                    });
            assertThat(done.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(dev.langchain4j.model.chat.response.ChatResponse.class);
            // a lower bound only: the server cannot send the last piece before the pauses have passed
            assertThat(arrivals).hasSizeGreaterThan(5);
            assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(delay.toNanos() * 3);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> AisaSimulator.builder().streamChunkDelay(java.time.Duration.ofMillis(-1))))
                .hasMessageContaining("streamChunkDelay");
    }
}
