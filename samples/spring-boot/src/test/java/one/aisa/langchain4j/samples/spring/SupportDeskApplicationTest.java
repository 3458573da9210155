package one.aisa.langchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.StreamSupport;
import one.aisa.langchain4j.cost.CostReport;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.cost.ModelCost;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app run as {@code main} runs it, offline: forced onto the simulator even though a key is given (so a real
 * AISA_API_KEY in the environment changes nothing), with the sample question.
 */
@ExtendWith(OutputCaptureExtension.class)
class SupportDeskApplicationTest {

    private static final String PRIMARY = "gpt-4o";
    private static final String FALLBACK = "claude-sonnet-4-5";

    @Test
    void theSampleQuestionIsAnsweredByTheFallbackWithTheToolAndItsCostIsTracked(CapturedOutput output) {
        ConfigurableApplicationContext context = SpringApplication.run(
                SupportDeskApplication.class, "--sample.offline=true", "--aisa.api-key=sk-real-key-never-sent");
        AisaSimulator simulator = context.getBean(AisaSimulator.class);
        String simulatorUrl = simulator.baseUrl();
        List<RecordedRequest> calls = simulator.chatRequests();
        BigDecimal billed = new BigDecimal("10.00").subtract(simulator.credits());
        CostReport cost = context.getBean(CostTracker.class).snapshot();
        int exitCode = SpringApplication.exit(context);

        assertThat(exitCode).isZero();
        // the primary's 503 "no available channel" opens its circuit at once: the second call skips it
        assertThat(calls).extracting(RecordedRequest::model).containsExactly(PRIMARY, FALLBACK, FALLBACK);
        assertThat(calls).extracting(RecordedRequest::authorization).containsOnly("Bearer " + AisaSimulator.API_KEY);

        JsonNode messages = calls.get(2).body().path("messages");
        assertThat(messagesWithRole(messages, "assistant"))
                .singleElement()
                .satisfies(request -> assertThat(request.path("tool_calls"))
                        .singleElement()
                        .satisfies(call -> {
                            assertThat(call.path("function").path("name").asText())
                                    .isEqualTo("orderStatus");
                            assertThat(call.path("function").path("arguments").asText())
                                    .isEqualTo("{\"orderId\":\"A-1042\"}");
                        }));
        assertThat(messagesWithRole(messages, "tool"))
                .singleElement()
                .satisfies(result ->
                        assertThat(result.path("content").asText()).isEqualTo(new OrderTools().orderStatus("A-1042")));

        assertThat(cost.models()).extracting(ModelCost::model).containsExactly(FALLBACK);
        assertThat(cost.models().get(0).calls()).isEqualTo(2);
        assertThat(cost.totalCost()).isPositive().isEqualByComparingTo(billed);

        assertThat(output.getOut())
                .startsWith("Offline: sample.offline is true, so the built-in AIsa simulator answers")
                .contains("Q: " + SupportDeskRunner.SAMPLE_QUESTION)
                .contains("A: [simulated claude-sonnet-4-5] The tool answered: Order A-1042: shipped")
                .contains("answered by  " + FALLBACK)
                .containsOnlyOnce("tool call    orderStatus({\"orderId\":\"A-1042\"}) = Order A-1042: shipped")
                .contains("call 1: gpt-4o failed (AisaModelNotFoundException")
                .contains("call 2: gpt-4o skipped (circuit open) -> claude-sonnet-4-5 answered")
                .contains("total $" + cost.totalCost().stripTrailingZeros().toPlainString());
        SimulatorAssertions.assertStopped(simulatorUrl);
    }

    @Test
    void aGatewayThatCannotBeReachedFailsTheStartUpWithOneLineOfWhatAndOneOfWhatToCheck(CapturedOutput output)
            throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/v1";

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> SpringApplication.run(
                SupportDeskApplication.class,
                "--aisa.api-key=sk-test-key",
                "--aisa.base-url=" + baseUrl,
                "--aisa.max-retries=0"));

        assertThat(thrown).isNotNull();
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("AIsa gateway error: cannot connect to POST " + baseUrl + "/chat/completions")
                .contains("Check aisa.base-url")
                .doesNotContain("\tat ")
                .doesNotContain("sk-test-key");
    }

    private static List<JsonNode> messagesWithRole(JsonNode messages, String role) {
        return StreamSupport.stream(messages.spliterator(), false)
                .filter(message -> role.equals(message.path("role").asText()))
                .toList();
    }
}
