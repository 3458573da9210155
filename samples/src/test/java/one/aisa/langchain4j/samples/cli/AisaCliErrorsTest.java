package one.aisa.langchain4j.samples.cli;

import static one.aisa.langchain4j.samples.cli.AisaCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import one.aisa.langchain4j.samples.cli.AisaCliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the CLI refuses: the exit code (2 bad arguments, 1 the call failed), one line that names the problem
 * and the fix, no usage dump, no stack trace, and nothing sent (or billed) for a bad argument.
 */
class AisaCliErrorsTest {

    record Case(String name, List<String> args, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> usageErrors() {
        return List.of(
                new Case("empty message", List.of("chat", ""), "The message is empty"),
                new Case("blank message", List.of("chat", "   "), "The message is empty"),
                new Case(
                        "message without content",
                        List.of("chat", "--messages", "[{\"role\":\"user\"}]"),
                        "--messages: message 1 has no content"),
                new Case(
                        "message with blank content",
                        List.of(
                                "chat",
                                "--messages",
                                "[{\"role\":\"system\",\"content\":\"x\"},{\"role\":\"user\",\"content\":\" \"}]"),
                        "--messages: message 2 has no content"),
                new Case(
                        "message content not text",
                        List.of("chat", "--messages", "[{\"role\":\"user\",\"content\":42}]"),
                        "--messages: message 1 has no content"),
                new Case("empty system prompt", List.of("chat", "-s", "", "hi"), "-s is empty"),
                new Case("no message", List.of("chat"), "Nothing to send"),
                new Case(
                        "broken messages JSON",
                        List.of("chat", "--messages", "[{not json"),
                        "--messages is not valid JSON at line 1, column 3"),
                new Case("messages not an array", List.of("chat", "--messages", "{}"), "must be a JSON array"),
                new Case(
                        "unknown role",
                        List.of("chat", "--messages", "[{\"role\":\"wizard\",\"content\":\"x\"}]"),
                        "role must be system, user or assistant"),
                new Case("blank model", List.of("chat", "-m", "", "hi"), "-m is empty: give a model id"),
                new Case("blank model in a list", List.of("compare", "-m", "gpt-4o-mini,,x", "Why?"), "-m is empty"),
                new Case("empty question", List.of("compare", " "), "The question is empty"),
                new Case(
                        "empty vision prompt",
                        List.of("vision", "-i", "https://x.test/a.png", ""),
                        "The question is empty"),
                new Case("unknown option", List.of("chat", "--nope", "hi"), "Unknown option: '--nope'"),
                new Case(
                        "unknown format",
                        List.of("chat", "--format", "anthropic", "hi"),
                        "--format must be openai or gemini, was 'anthropic'"),
                new Case("missing image", List.of("vision"), "Missing required option: '--image=<image>'"),
                new Case(
                        "missing file",
                        List.of("vision", "--image", "/no/such/picture.png"),
                        "no such file '/no/such/picture.png'"),
                new Case(
                        "model without vision",
                        List.of("vision", "-m", "deepseek-v3.1", "-i", "https://x.test/a.png"),
                        "-m deepseek-v3.1 does not take images (tools): pick a vision model"),
                new Case("no command", List.of(), "Missing command: try 'aisa demo'"),
                new Case("unknown command", List.of("chatt", "hi"), "'chatt', 'hi'; did you mean chat?"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void a_bad_argument_is_one_line_exit_code_2_and_nothing_sent(Case usageError) {
        Run run = run(usageError.args().toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).as("no offline notice: nothing was sent").hasSize(1);
        assertThat(run.errLines().get(0))
                .startsWith("Error: ")
                .contains(usageError.expected())
                .endsWith(" --help')")
                .doesNotContain("Exception", "StreamReadFeature", "Usage:", "modelName(");
    }

    @Test
    void a_directory_as_image_is_named_a_directory(@TempDir Path dir) {
        assertUsageError(run("vision", "-i", dir.toString()), "--image: '" + dir + "' is a directory");
    }

    @Test
    void a_text_file_named_png_is_not_an_image(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("notes.png");
        Files.writeString(fake, "just some text", StandardCharsets.UTF_8);

        assertUsageError(run("vision", "-i", fake.toString()), "is not a png, jpeg, gif or webp image");
    }

    @Test
    void the_help_of_a_usage_error_is_the_command_that_failed() {
        assertThat(run("compare", "--nope", "x").err()).endsWith("(see 'aisa compare --help')\n");
    }

    @Test
    void an_unknown_model_fails_with_exit_code_1_and_points_at_aisa_models() {
        Run run = run("chat", "-m", "gpt-9", "hi");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .containsExactly(
                        Gateway.OFFLINE_NOTICE,
                        "Error: the gateway answered HTTP 404 model_not_found: The model 'gpt-9' does not exist"
                                + " (request_id req_sim_error). Check -m: 'aisa models' lists the models the gateway serves.");
    }

    @Test
    void compare_exits_1_when_every_model_failed() {
        Run run = run("compare", "-m", "gpt-9,gpt-10", "Why?");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("gpt-9").contains("gpt-10");
        assertThat(run.errLines())
                .containsExactly(Gateway.OFFLINE_NOTICE, "Error: every model failed (2 of 2); the causes are above.");
    }

    @Test
    void compare_json_also_exits_1_when_every_model_failed() {
        assertThat(run("compare", "--json", "-m", "gpt-9", "Why?").exitCode()).isEqualTo(1);
    }

    private static void assertUsageError(Run run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0))
                .startsWith("Error: ")
                .contains(expected)
                .doesNotContain("Exception");
    }
}
