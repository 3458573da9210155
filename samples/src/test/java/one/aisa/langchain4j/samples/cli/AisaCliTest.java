package one.aisa.langchain4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.testkit.AisaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI run as a user runs it, offline (no AISA_API_KEY) unless a test says otherwise: exit code and output. */
class AisaCliTest {

    static final String ONE_PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static final Map<String, String> NO_KEY = Map.of();

    record Run(int exitCode, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        return runWith(NO_KEY, args);
    }

    static Run runWith(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AisaCli.run(
                args,
                environment,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demo_tours_chat_streaming_tools_comparison_and_the_ledger_offline() {
        Run run = run("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().findFirst()).hasValue(Gateway.OFFLINE_NOTICE);
        assertThat(run.out())
                .doesNotContain(Gateway.OFFLINE_NOTICE)
                .contains("1. Chat with gpt-4o-mini")
                .contains("2. Streaming from gpt-4o-mini")
                .contains("tool called: getWeather(Paris)")
                .contains("It is 18 °C and clear in Paris right now.")
                .contains("claude-haiku-4-5")
                .contains("deepseek-v3.1")
                .contains("5. A fallback chain when the primary model is down")
                .contains("-> claude-haiku-4-5 answered")
                .contains("6. Gemini's native route (gemini-2.5-flash)")
                .contains("Air scatters blue sunlight more than red, so the sky looks blue.")
                .contains("7. The same question again, answered from the cache")
                .containsPattern("\\[gpt-4o-mini \\| from the cache, \\d+ ms old \\| saved \\$0\\.0\\d+]")
                .contains("Cost ledger")
                .containsPattern("total +10 +\\$0\\.0\\d+")
                .containsPattern("from the cache: 1 answer, saved \\$0\\.0\\d+");
    }

    @Test
    void demo_prints_each_answer_under_its_question() {
        Run run = run("demo");

        assertThat(run.out())
                .contains("   Q: In one sentence: what does an LLM gateway give a developer?\n"
                        + "   A: One API key and one endpoint for many model families, with cost reported\n"
                        + "      per call.\n")
                .contains("   Q: Name three things to check before calling an LLM API in production.\n"
                        + "   A: Timeouts and retries, cost limits, and what happens when a model is down.\n")
                .contains("   Q: What's the weather in Paris right now?\n"
                        + "      tool called: getWeather(Paris)\n"
                        + "   A: It is 18 °C and clear in Paris right now.\n")
                .contains("   Q: Say hello in French.\n   A: Bonjour !\n");
    }

    @Test
    void demo_route_fits_on_one_short_line() {
        Run run = run("demo");

        assertThat(run.out().lines().filter(line -> line.contains("route:")))
                .containsExactly("   route: gpt-4o failed (HTTP 503 model_not_available) -> claude-haiku-4-5 answered");
        assertThat(run.out().lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(110));
    }

    @Test
    void demo_compares_three_different_answers_in_full() {
        Run run = run("demo");

        String comparison = run.out()
                .substring(run.out().indexOf("4. The same question"), run.out().indexOf("5. "));
        String flattened = comparison.replaceAll("\\s+", " ");
        assertThat(flattened)
                .contains("When the network partitions, a distributed system must choose consistency or availability.")
                .contains("since partitions happen, the real choice is C or A.")
                .contains("CAP: during a network split you serve stale data or refuse requests; pick one.")
                .doesNotContain("...");
    }

    @Test
    void demo_json_is_one_document_with_every_step() throws Exception {
        Run run = run("demo", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().findFirst()).hasValue(Gateway.OFFLINE_NOTICE);
        JsonNode demo = AisaCli.json().readTree(run.out());
        assertThat(demo.get("simulated").asBoolean()).isTrue();
        JsonNode steps = demo.get("steps");
        assertThat(steps).hasSize(7);
        assertThat(steps.findValuesAsText("question")).contains("Say hello in French.");
        assertThat(steps.get(0).at("/answer/text").asText()).startsWith("One API key");
        assertThat(steps.get(0).at("/answer/cost_usd").decimalValue()).isPositive();
        assertThat(steps.get(1).at("/answer/text").asText()).startsWith("Timeouts and retries");
        assertThat(steps.get(2).at("/tool_calls/0/name").asText()).isEqualTo("getWeather");
        assertThat(steps.get(3).get("results").findValuesAsText("model"))
                .containsExactly("gpt-4o-mini", "claude-haiku-4-5", "deepseek-v3.1");
        assertThat(steps.get(4).at("/answer/text").asText()).isEqualTo("Bonjour !");
        assertThat(steps.get(4).get("route").findValuesAsText("outcome")).containsExactly("failed", "answered");
        assertThat(steps.get(5).at("/answer/text").asText()).startsWith("Air scatters blue sunlight");
        assertThat(steps.get(5).at("/answer/cost_usd").decimalValue()).isPositive();
        assertThat(steps.get(6).at("/answer/cache_hit/kind").asText()).isEqualTo("exact");
        assertThat(steps.get(6).at("/answer/cache_hit/saved_usd").decimalValue())
                .isPositive();
        assertThat(demo.at("/ledger/calls").asInt()).isEqualTo(10);
        assertThat(demo.at("/ledger/cache/hits").asInt()).isEqualTo(1);
    }

    @Test
    void chat_prints_the_simulated_answer_on_stdout_and_the_notice_and_cost_on_stderr() {
        Run run = run("chat", "hello", "there");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .matches("\\[simulated gpt-4o-mini] You said: \"hello there\" \\(digest \\p{XDigit}+\\)\n");
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).isEqualTo(Gateway.OFFLINE_NOTICE);
        assertThat(run.errLines().get(1)).matches("\\[gpt-4o-mini \\| \\d+ in / \\d+ out \\| cost \\$0\\.\\d{6}]");
    }

    @Test
    void chat_json_keeps_stdout_parseable_and_the_notice_on_stderr() throws Exception {
        Run run = run("chat", "--json", "-m", "claude-haiku-4-5", "hi");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = AisaCli.json().readTree(run.out());
        assertThat(json.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(json.get("text").asText()).contains("[simulated claude-haiku-4-5]");
        assertThat(json.get("finish_reason").asText()).isEqualTo("STOP");
        assertThat(json.get("cost_usd").decimalValue()).isPositive();
        assertThat(json.get("input_tokens").asInt()).isPositive();
        assertThat(json.get("output_tokens").asInt()).isPositive();
        assertThat(run.err()).isEqualTo(Gateway.OFFLINE_NOTICE + "\n");
    }

    @Test
    void with_a_key_the_first_line_on_stderr_says_calls_are_online_and_billed() {
        try (AisaSimulator gateway = AisaSimulator.start()) {
            Run run = runWith(Map.of("AISA_API_KEY", "sk-test", "AISA_BASE_URL", gateway.baseUrl()), "chat", "hi");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.errLines().get(0))
                    .isEqualTo("Online: AISA_API_KEY is set; calls go to " + gateway.baseUrl() + " and are billed.");
            assertThat(run.out()).startsWith("[simulated gpt-4o-mini]");
            assertThat(gateway.chatRequests()).hasSize(1);
        }
    }

    @Test
    void with_a_key_the_base_url_option_wins_over_the_variable() {
        try (AisaSimulator gateway = AisaSimulator.start()) {
            Run run = runWith(
                    Map.of("AISA_API_KEY", "sk-test", "AISA_BASE_URL", "http://127.0.0.1:9/v1"),
                    "--base-url",
                    gateway.baseUrl(),
                    "chat",
                    "hi");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.errLines().get(0)).contains("calls go to " + gateway.baseUrl());
            assertThat(gateway.chatRequests()).hasSize(1);
        }
    }

    @Test
    void without_a_key_a_base_url_is_not_used_and_a_warning_says_so() {
        Run run = run("--base-url", "https://proxy.example/v1", "chat", "hi");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines())
                .startsWith(
                        Gateway.OFFLINE_NOTICE,
                        "Warning: --base-url https://proxy.example/v1 is not used without AISA_API_KEY; set the key to"
                                + " call that gateway.");
        assertThat(run.out()).startsWith("[simulated gpt-4o-mini]");
    }

    @Test
    void chat_format_gemini_answers_over_the_native_route_blocking_and_streaming() throws Exception {
        Run run = run("chat", "--format", "gemini", "-m", "gemini-2.5-flash", "--json", "hello", "there");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = AisaCli.json().readTree(run.out());
        assertThat(json.get("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(json.get("text").asText()).contains("[simulated gemini-2.5-flash] You said: \"hello there\"");
        assertThat(json.get("cost_usd").decimalValue()).isPositive();

        Run streamed = run("chat", "--format", "GEMINI", "-m", "gemini-2.5-flash", "--stream", "stream", "this");

        assertThat(streamed.exitCode()).as(streamed.err()).isZero();
        assertThat(streamed.out()).contains("[simulated gemini-2.5-flash] You said: \"stream this\"");
        assertThat(streamed.errLines().get(1))
                .matches("\\[gemini-2.5-flash \\| \\d+ in / \\d+ out \\| cost \\$0\\.\\d{6}]");
    }

    @Test
    void chat_cache_answers_the_repeated_question_from_the_cache_and_says_what_it_saved() throws Exception {
        Run run = run("chat", "--cache", "hello", "again");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.errLines()).hasSize(3);
        assertThat(run.errLines().get(1)).matches("\\[gpt-4o-mini \\| \\d+ in / \\d+ out \\| cost \\$0\\.\\d{6}]");
        assertThat(run.errLines().get(2))
                .matches("\\[gpt-4o-mini \\| from the cache, \\d+ ms old \\| saved \\$0\\.\\d{6}]");

        JsonNode json = AisaCli.json()
                .readTree(run("chat", "--cache", "--json", "hello", "again").out());
        assertThat(json.at("/cache_hit/kind").asText()).isEqualTo("exact");
        assertThat(json.get("cost_usd").decimalValue()).isZero();
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
    void version_is_the_version_maven_built() {
        Run run = run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("aisa-langchain4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void chat_help_shows_the_messages_example_unbroken() {
        Run run = run("chat", "--help");

        assertThat(run.out()).contains("'[{\"role\":\"user\",\"content\":\"Hi\"}]'");
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
        Files.write(png, Base64.getDecoder().decode(ONE_PIXEL_PNG));

        Run run = run("vision", "-i", png.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("What is in this image? [image]");
    }

    @Test
    void vision_sends_the_type_the_content_says_not_the_name(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("really-a-png.jpg");
        Files.write(png, Base64.getDecoder().decode(ONE_PIXEL_PNG));

        try (AisaSimulator gateway = AisaSimulator.start()) {
            Run run = runWith(
                    Map.of("AISA_API_KEY", "sk-test", "AISA_BASE_URL", gateway.baseUrl()),
                    "vision",
                    "-i",
                    png.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(gateway.chatRequests().get(0).body().findValuesAsText("url"))
                    .singleElement()
                    .asString()
                    .startsWith("data:image/png;base64,");
        }
    }

    @Test
    void vision_json_has_the_same_shape_as_chat_json() throws Exception {
        Run vision = run("vision", "--json", "-i", "https://example.com/cat.jpg");
        Run chat = run("chat", "--json", "hi");

        assertThat(vision.exitCode()).as(vision.err()).isZero();
        JsonNode visionJson = AisaCli.json().readTree(vision.out());
        JsonNode chatJson = AisaCli.json().readTree(chat.out());
        assertThat(fieldNames(visionJson))
                .containsExactlyElementsOf(fieldNames(chatJson))
                .contains("finish_reason", "input_tokens", "output_tokens", "cost_usd");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void models_lists_the_gateway_models_with_catalog_prices_and_capabilities() throws Exception {
        Run table = run("models");
        Run json = run("models", "--json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("gpt-4o-mini +gpt +128000 +0\\.15 +0\\.60 +vision, tools");
        assertThat(json.exitCode()).isZero();
        JsonNode array = AisaCli.json().readTree(json.out());
        assertThat(array.findValuesAsText("id")).contains("gpt-4o-mini", "claude-sonnet-4-5", "qwen3-max");
        JsonNode mini = array.findParents("id").stream()
                .filter(model -> model.get("id").asText().equals("gpt-4o-mini"))
                .findFirst()
                .orElseThrow();
        assertThat(mini.get("capabilities")).extracting(JsonNode::asText).contains("vision", "tools");
        assertThat(mini.get("in_catalog").asBoolean()).isTrue();
    }

    @Test
    void compare_asks_every_model_and_reports_failures_in_their_row() throws Exception {
        Run table = run("compare", "-m", "gpt-4o-mini,qwen3-max,gpt-9", "Why", "is", "the", "sky", "blue?");
        Run json = run("compare", "--json", "-m", "gpt-4o-mini,gpt-9", "Why?");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .containsPattern("gpt-4o-mini +\\d+ ms +\\d+/\\d+ +\\$0\\.\\d{6} +\\[simulated gpt-4o-mini]")
                .containsPattern("qwen3-max +\\d+ ms")
                .containsPattern("gpt-9 +\\d+ ms +- +- +ERROR: the gateway answered HTTP 404");
        JsonNode results = AisaCli.json().readTree(json.out());
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("ok").asBoolean()).isTrue();
        assertThat(results.get(1).get("ok").asBoolean()).isFalse();
        assertThat(results.get(1).get("error").asText()).contains("404");
    }

    @Test
    void compare_shows_the_whole_cause_of_a_failure_wrapped_in_its_row() {
        Run run = run("compare", "-m", "gpt-4o-mini,gpt-9", "Why?");

        String flattened = run.out().replaceAll("\\s+", " ");
        assertThat(flattened)
                .contains("ERROR: the gateway answered HTTP 404 model_not_found: The model 'gpt-9' does not exist"
                        + " (request_id req_sim_error). Check -m: 'aisa models' lists the models the gateway serves.");
        assertThat(run.out().lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat", "vision", "models", "compare", "demo"})
    void every_command_has_help(String command) {
        Run run = run(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: aisa " + command);
    }

    /**
     * main() stops the JDK client's selector threads before it exits (HotSpot waits ~300 ms for them). The models
     * share one JDK client per process, so this may only ever run in a process that is about to end: a fresh JVM
     * here, never the test's own.
     */
    @Test
    void main_answers_offline_and_ends_its_process() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        classPath,
                        AisaCli.class.getName(),
                        "chat",
                        "hi")
                .redirectErrorStream(true);
        builder.environment().remove("AISA_API_KEY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("simulated");
    }
}
