package one.aisa.langchain4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI run as a user runs it, offline (no AISA_API_KEY): exit code and output. */
class AisaCliTest {

    private static final Map<String, String> NO_KEY = Map.of();

    record Run(int exitCode, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AisaCli.run(
                args,
                NO_KEY,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demo_tours_chat_streaming_tools_comparison_and_the_ledger_offline() {
        Run run = run("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.firstLine()).isEqualTo(Gateway.OFFLINE_NOTICE);
        assertThat(run.out())
                .contains("1. Chat with gpt-4o-mini")
                .contains("2. Streaming from gpt-4o-mini")
                .contains("tool called: getWeather(Paris)")
                .contains("It is 18 °C and clear in Paris right now.")
                .contains("claude-haiku-4-5")
                .contains("deepseek-v3.1")
                .contains("5. A fallback chain when the primary model is down")
                .contains("Bonjour !")
                .contains("route: gpt-4o failed (AisaModelNotFoundException")
                .contains("-> claude-haiku-4-5 answered")
                .contains("Cost ledger")
                .containsPattern("total +8 +\\$0\\.0\\d+");
    }

    @Test
    void chat_prints_the_simulated_answer_and_its_cost() {
        Run run = run("chat", "hello", "there");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.firstLine()).isEqualTo(Gateway.OFFLINE_NOTICE);
        assertThat(run.out()).contains("[simulated gpt-4o-mini] You said: \"hello there\"");
        assertThat(run.err()).containsPattern("\\[gpt-4o-mini \\| \\d+ in / \\d+ out \\| cost \\$0\\.\\d{6}]");
    }

    @Test
    void chat_json_keeps_stdout_parseable_and_the_notice_on_stderr() throws Exception {
        Run run = run("chat", "--json", "-m", "claude-haiku-4-5", "hi");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = AisaCli.JSON.readTree(run.out());
        assertThat(json.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(json.get("text").asText()).contains("[simulated claude-haiku-4-5]");
        assertThat(json.get("cost_usd").decimalValue()).isPositive();
        assertThat(json.get("input_tokens").asInt()).isPositive();
        assertThat(run.err()).contains(Gateway.OFFLINE_NOTICE);
    }

    @Test
    void chat_streams_the_answer() {
        Run run = run("chat", "--stream", "stream", "this");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("[simulated gpt-4o-mini] You said: \"stream this\"");
    }

    @Test
    void chat_takes_a_whole_conversation_and_a_system_prompt() {
        Run run = run(
                "chat",
                "-s",
                "Be terse.",
                "--messages",
                "[{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                        + "{\"role\":\"user\",\"content\":\"second question\"}]");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("You said: \"second question\"");
    }

    @Test
    void chat_without_a_message_is_a_usage_error() {
        Run run = run("chat");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Nothing to send").contains("Usage: aisa chat");
    }

    @Test
    void chat_with_broken_messages_json_is_a_usage_error() {
        Run run = run("chat", "--messages", "[{not json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--messages is not valid JSON");
    }

    @Test
    void chat_with_an_unknown_role_is_a_usage_error() {
        Run run = run("chat", "--messages", "[{\"role\":\"wizard\",\"content\":\"x\"}]");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("role must be system, user or assistant");
    }

    @Test
    void an_unknown_model_fails_with_the_gateway_error_and_exit_code_1() {
        Run run = run("chat", "-m", "gpt-9", "hi");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Error: AIsa gateway error: HTTP 404").contains("GET /v1/models");
    }

    @Test
    void vision_accepts_a_url() {
        Run run = run("vision", "--image", "https://example.com/cat.jpg", "What", "animal?");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("You said: \"What animal? [image]\"");
    }

    @Test
    void vision_reads_a_local_file(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("dot.png");
        Files.write(
                png,
                Base64.getDecoder()
                        .decode(
                                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));

        Run run = run("vision", "-i", png.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("What is in this image? [image]");
    }

    @Test
    void vision_with_a_missing_file_names_the_problem() {
        Run run = run("vision", "--image", "/no/such/picture.png");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file '/no/such/picture.png'");
    }

    @Test
    void models_lists_the_gateway_models_with_catalog_prices() throws Exception {
        Run table = run("models");
        Run json = run("models", "--json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("gpt-4o-mini +gpt +128000 +0\\.15 +0\\.60");
        assertThat(json.exitCode()).isZero();
        JsonNode array = AisaCli.JSON.readTree(json.out());
        assertThat(array.findValuesAsText("id")).contains("gpt-4o-mini", "claude-sonnet-4-5", "qwen3-max");
    }

    @Test
    void compare_asks_every_model_and_reports_failures_in_their_row() throws Exception {
        Run table = run("compare", "-m", "gpt-4o-mini,qwen3-max,gpt-9", "Why", "is", "the", "sky", "blue?");
        Run json = run("compare", "--json", "-m", "gpt-4o-mini,gpt-9", "Why?");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .containsPattern("gpt-4o-mini +\\d+ ms +\\d+/\\d+ +\\$0\\.\\d{6} +\\[simulated gpt-4o-mini]")
                .containsPattern("qwen3-max +\\d+ ms")
                .containsPattern("gpt-9 +\\d+ ms +- +- +ERROR AIsa gateway error: HTTP 404");
        JsonNode results = AisaCli.JSON.readTree(json.out());
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("ok").asBoolean()).isTrue();
        assertThat(results.get(1).get("ok").asBoolean()).isFalse();
        assertThat(results.get(1).get("error").asText()).contains("404");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat", "vision", "models", "compare", "demo"})
    void every_command_has_help(String command) {
        Run run = run(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: aisa " + command);
    }

    @Test
    void no_command_and_unknown_options_are_usage_errors() {
        assertThat(run().exitCode()).isEqualTo(2);
        Run unknown = run("chat", "--nope", "hi");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--nope'");
    }
}
