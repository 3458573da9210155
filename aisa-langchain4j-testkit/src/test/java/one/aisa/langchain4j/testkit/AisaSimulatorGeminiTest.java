package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.geminiBody;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.geminiEvents;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.json;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gemini's native stream, byte for byte, with raw java.net.http requests (wire §6). */
@AisaSimulatorTest
class AisaSimulatorGeminiTest {

    static final String MODEL = "gemini-2.5-flash";
    static final String GENERATE = "/v1beta/models/" + MODEL + ":generateContent";
    static final String STREAM = "/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse";
    static final String REPLY = "Rayleigh scattering makes the sky blue.";

    static List<String> texts(List<JsonNode> events) {
        return events.stream().map(event -> part(event).path("text").asText()).toList();
    }

    static JsonNode part(JsonNode response) {
        JsonNode parts = candidate(response).path("content").path("parts");
        assertThat(parts.size()).as("one part in %s", response).isEqualTo(1);
        return parts.path(0);
    }

    static JsonNode candidate(JsonNode response) {
        return response.path("candidates").path(0);
    }

    // ---- the SSE stream ----

    @Test
    void the_stream_is_sse_events_of_compact_json_ended_by_crlf_crlf_and_the_end_of_the_body(AisaSimulator simulator) {
        simulator.whenPrompt("sky").reply(REPLY);

        HttpResponse<String> response = post(simulator, STREAM, geminiBody("Why is the sky blue?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.body()).startsWith("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[");
        List<JsonNode> events = geminiEvents(response.body());
        assertThat(events).hasSize(REPLY.split(" ").length);
    }

    @Test
    void the_text_arrives_word_by_word_and_only_the_last_event_finishes(AisaSimulator simulator) {
        simulator.whenPrompt("sky").reply(REPLY);

        List<JsonNode> events = geminiEvents(
                post(simulator, STREAM, geminiBody("Why is the sky blue?")).body());

        assertThat(texts(events)).startsWith("Rayleigh", " scattering");
        assertThat(String.join("", texts(events))).isEqualTo(REPLY);
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            assertThat(candidate(event).has("finishReason"))
                    .as("finishReason in %s", event)
                    .isFalse();
        }
        assertThat(candidate(events.get(events.size() - 1)).path("finishReason").asText())
                .isEqualTo("STOP");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("modelVersion").asText()).isEqualTo(MODEL);
            assertThat(candidate(event).path("content").path("role").asText()).isEqualTo("model");
            assertThat(candidate(event).path("index").asInt(-1)).isZero();
        });
        assertThat(events.stream()
                        .map(event -> event.path("responseId").asText())
                        .collect(Collectors.toSet()))
                .singleElement()
                .asString()
                .isNotBlank();
    }

    @Test
    void usage_is_on_every_event_cumulative_and_the_last_is_the_blocking_answers(AisaSimulator simulator) {
        String body = geminiBody("Tell me about the weather on the moon today");

        List<JsonNode> events = geminiEvents(post(simulator, STREAM, body).body());
        JsonNode blocking = json(post(simulator, GENERATE, body).body()).path("usageMetadata");

        long previous = 0;
        for (JsonNode event : events) {
            JsonNode usage = event.path("usageMetadata");
            long candidates = usage.path("candidatesTokenCount").asLong(-1);
            assertThat(candidates).as("cumulative usage in %s", event).isGreaterThanOrEqualTo(previous);
            assertThat(usage.path("promptTokenCount").asLong())
                    .isEqualTo(blocking.path("promptTokenCount").asLong());
            assertThat(usage.path("totalTokenCount").asLong())
                    .isEqualTo(usage.path("promptTokenCount").asLong() + candidates);
            previous = candidates;
        }
        assertThat(events.get(0)
                        .path("usageMetadata")
                        .path("candidatesTokenCount")
                        .asLong())
                .isLessThan(previous);
        assertThat(events.get(events.size() - 1).path("usageMetadata")).isEqualTo(blocking);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?alt=sse&key=ignored", "?key=ignored&alt=sse", "?alt=sse"})
    void the_stream_is_sse_whatever_other_query_parameters_come_along(String query, AisaSimulator simulator) {
        String path = "/v1/models/" + MODEL + ":streamGenerateContent" + query;

        HttpResponse<String> response = post(simulator, path, geminiBody("hello"));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(String.join("", texts(geminiEvents(response.body())))).contains("You said: \"hello\"");
        assertThat(simulator.requests()).last().satisfies(request -> {
            assertThat(request.model()).isEqualTo(MODEL);
            assertThat(request.stream()).isTrue();
            assertThat(request.lastUserText()).isEqualTo("hello");
        });
    }

    @Test
    void without_alt_sse_the_stream_is_one_json_array_of_the_same_fragments(AisaSimulator simulator) {
        simulator.whenPrompt("sky").reply(REPLY);
        String body = geminiBody("Why is the sky blue?");

        HttpResponse<String> response = post(simulator, "/v1beta/models/" + MODEL + ":streamGenerateContent", body);
        List<JsonNode> sse = geminiEvents(post(simulator, STREAM, body).body());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("[{").endsWith("}]").contains("},\r\n{");
        JsonNode array = json(response.body());
        assertThat(array.size()).isEqualTo(sse.size());
        assertThat(texts(List.of(array.get(0), array.get(array.size() - 1))))
                .containsExactly(texts(sse).get(0), texts(sse).get(sse.size() - 1));
        assertThat(candidate(array.get(array.size() - 1)).path("finishReason").asText())
                .isEqualTo("STOP");
    }
}
