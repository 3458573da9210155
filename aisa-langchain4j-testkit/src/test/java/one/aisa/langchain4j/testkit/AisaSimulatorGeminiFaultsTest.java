package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.GENERATE;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.MODEL;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.REPLY;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.STREAM;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.candidate;
import static one.aisa.langchain4j.testkit.AisaSimulatorGeminiTest.texts;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.geminiBody;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.geminiEvents;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.json;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.post;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import org.junit.jupiter.api.Test;

/** Faults and billing on Gemini's native routes: Google's error shape, broken streams, the price header. */
@AisaSimulatorTest
class AisaSimulatorGeminiFaultsTest {

    private static final String PROMPT = "Why is the sky blue?";
    private static final String ARRAY_STREAM = "/v1beta/models/" + MODEL + ":streamGenerateContent";

    private static HttpResponse<String> streamSky(AisaSimulator simulator) {
        simulator.whenPrompt("sky").reply(REPLY);
        return post(simulator, STREAM, geminiBody(PROMPT));
    }

    // ---- faults inside the stream ----

    @Test
    void a_stream_cut_sends_n_fragments_then_ends_without_a_finish_reason(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(2));

        HttpResponse<String> response = streamSky(simulator);
        List<JsonNode> events = geminiEvents(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(texts(events)).containsExactly("Rayleigh", " scattering");
        assertThat(events)
                .allSatisfy(event ->
                        assertThat(candidate(event).has("finishReason")).isFalse());
        assertThat(response.body()).doesNotContain("\"error\"");
        assertThat(geminiEvents(post(simulator, STREAM, geminiBody(PROMPT)).body()))
                .as("the next stream is whole")
                .hasSize(REPLY.split(" ").length);
    }

    @Test
    void a_stream_cut_after_more_fragments_than_the_answer_has_still_holds_back_the_last(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(100));

        List<JsonNode> events = geminiEvents(streamSky(simulator).body());

        assertThat(events).hasSize(REPLY.split(" ").length - 1);
        assertThat(REPLY).startsWith(String.join("", texts(events))).isNotEqualTo(String.join("", texts(events)));
    }

    @Test
    void an_error_in_the_stream_is_googles_error_object_as_the_last_event(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.errorInStream(3));

        HttpResponse<String> response = streamSky(simulator);
        List<JsonNode> events = geminiEvents(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(events).hasSize(4);
        assertThat(texts(events.subList(0, 3))).containsExactly("Rayleigh", " scattering", " makes");
        assertThat(response.body())
                .endsWith("\r\n\r\ndata: {\"error\":{\"code\":500,\"message\":\"The upstream provider disconnected.\","
                        + "\"status\":\"INTERNAL\"}}\r\n\r\n");
        assertThat(response.body()).doesNotContain("finishReason");
    }

    @Test
    void in_an_array_stream_a_cut_leaves_the_array_open_and_an_error_is_its_last_element(AisaSimulator simulator) {
        simulator.whenPrompt("sky").reply(REPLY);
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(2));
        simulator.failNext(MODEL, 1, SimulatedFault.errorInStream(1));

        String cut = post(simulator, ARRAY_STREAM, geminiBody(PROMPT)).body();
        JsonNode broken = json(post(simulator, ARRAY_STREAM, geminiBody(PROMPT)).body());

        assertThat(cut).startsWith("[{").endsWith("}").contains("},\r\n{").doesNotContain("finishReason");
        assertThat(json(cut + "]").size()).isEqualTo(2);
        assertThat(broken.size()).isEqualTo(2);
        assertThat(broken.get(1)).isEqualTo(json("""
                {"error":{"code":500,"message":"The upstream provider disconnected.","status":"INTERNAL"}}"""));
    }

    // ---- faults instead of the stream ----

    @Test
    void an_http_fault_on_the_stream_is_googles_error_shape_with_retry_after(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.rateLimited(Duration.ofSeconds(3)));

        HttpResponse<String> response = streamSky(simulator);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(json(response.body())).isEqualTo(json("""
                {"error":{"code":429,"message":"Rate limit reached, retry later.","status":"RESOURCE_EXHAUSTED"}}"""));
    }

    @Test
    void a_malformed_body_on_the_stream_is_one_event_of_broken_json(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.malformedBody());

        HttpResponse<String> response = streamSky(simulator);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.body()).startsWith("data: {\"candidates\":[").endsWith("\r\n\r\n");
        assertThat(response.body().split("\r\n\r\n")).hasSize(1);
        assertThatThrownBy(() -> geminiEvents(response.body())).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void a_connection_reset_on_the_stream_resets_the_connection(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.connectionReset());

        assertThatThrownBy(() -> streamSky(simulator)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void latency_on_the_stream_delays_the_whole_stream(AisaSimulator simulator) {
        Duration latency = Duration.ofMillis(300);
        simulator.failNext(MODEL, 1, SimulatedFault.latency(latency));

        long start = System.nanoTime();
        List<JsonNode> events = geminiEvents(streamSky(simulator).body());

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(latency.toNanos());
        assertThat(String.join("", texts(events))).isEqualTo(REPLY);
    }

    @Test
    void stream_faults_on_generate_content_keep_their_blocking_meaning(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.errorInStream(1));
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(1));

        HttpResponse<String> error = post(simulator, GENERATE, geminiBody(PROMPT));
        HttpResponse<String> cut = post(simulator, GENERATE, geminiBody(PROMPT));

        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(json(error.body()).path("error").path("status").asText()).isEqualTo("INTERNAL");
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).startsWith("{\"candidates\":[");
        assertThatThrownBy(() -> json(cut.body())).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void an_unknown_model_a_spent_balance_and_no_contents_answer_in_googles_shape(AisaSimulator simulator) {
        HttpResponse<String> unknown =
                post(simulator, "/v1beta/models/gemini-9-ultra:streamGenerateContent?alt=sse", geminiBody(PROMPT));
        HttpResponse<String> empty = post(simulator, STREAM, "{\"contents\":[]}");
        simulator.credits(BigDecimal.ZERO);
        HttpResponse<String> spent = post(simulator, STREAM, geminiBody(PROMPT));

        assertThat(json(unknown.body()).path("error").path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(empty.body()).path("error").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(spent.statusCode()).isEqualTo(402);
        assertThat(json(spent.body()).path("error").path("code").asInt()).isEqualTo(402);
        assertThat(simulator.credits()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    // ---- billing ----

    @Test
    void a_stream_is_charged_its_final_usage_and_reports_the_price_header(AisaSimulator simulator) {
        HttpResponse<String> response = streamSky(simulator);
        List<JsonNode> events = geminiEvents(response.body());
        JsonNode usage = events.get(events.size() - 1).path("usageMetadata");

        BigDecimal expected = AisaModelCatalog.builtIn()
                .require(MODEL)
                .priceOf(
                        usage.path("promptTokenCount").asLong(),
                        usage.path("candidatesTokenCount").asLong());
        assertThat(expected).isPositive();
        assertThat(simulator.credits()).isEqualByComparingTo(new BigDecimal("10.00").subtract(expected));
        assertThat(response.headers().firstValue("x-aisa-price-usd")).hasValue(expected.toPlainString());
    }

    @Test
    void generate_content_reports_the_price_it_charged(AisaSimulator simulator) {
        HttpResponse<String> response = post(simulator, GENERATE, geminiBody(PROMPT));

        BigDecimal price =
                new BigDecimal(response.headers().firstValue("x-aisa-price-usd").orElseThrow());
        assertThat(price).isPositive();
        assertThat(simulator.credits()).isEqualByComparingTo(new BigDecimal("10.00").subtract(price));
        assertThat(response.headers().firstValue("x-aisa-price-usd").orElseThrow())
                .doesNotContainIgnoringCase("e");
    }

    @Test
    void a_stream_chunk_delay_paces_the_gemini_stream_event_by_event() throws Exception {
        Duration delay = Duration.ofMillis(40);
        try (AisaSimulator paced =
                AisaSimulator.builder().streamChunkDelay(delay).start()) {
            paced.whenPrompt("sky").reply(REPLY);
            HttpRequest request = HttpRequest.newBuilder(URI.create(root(paced) + STREAM))
                    .header("Authorization", "Bearer " + AisaSimulator.API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(geminiBody(PROMPT)))
                    .build();
            List<Long> arrivals = new ArrayList<>();
            long start = System.nanoTime();
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data: ")) {
                        arrivals.add(System.nanoTime() - start);
                    }
                }
            }
            // a lower bound only: the server cannot send the last event before the pauses have passed
            assertThat(arrivals).hasSize(REPLY.split(" ").length);
            assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(delay.toNanos() * 3);
        }
    }
}
