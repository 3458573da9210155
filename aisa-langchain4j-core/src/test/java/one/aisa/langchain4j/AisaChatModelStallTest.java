package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A body that starts and then stalls ends in a timeout, not a hang (the timeout bounds silence in the body too). */
class AisaChatModelStallTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    @Test
    void a_body_that_stalls_after_its_first_bytes_times_out() throws Exception {
        String body = GatewayStub.completion("an answer that never finishes");
        try (RawSseServer stalling = RawSseServer.builder()
                .header("Content-Type", "application/json")
                .write(body.substring(0, body.length() / 2))
                .hang()
                .start()) {

            Throwable thrown = catchThrowable(() -> AisaChatModel.builder()
                    .apiKey(GatewayStub.API_KEY)
                    .baseUrl(stalling.baseUrl())
                    .modelName("gpt-4o-mini")
                    .timeout(Duration.ofMillis(300))
                    .maxRetries(0)
                    .build()
                    .chat("hi"));

            assertThat(thrown).isInstanceOf(AisaTimeoutException.class);
            assertThat(thrown.getMessage()).contains("within 300 ms");
            assertThat(thrown.getCause()).hasMessageContaining("the response body stalled: no data for 300 ms");
        }
    }

    @Test
    void headers_that_never_come_time_out() {
        gateway.respond(aResponse().withFixedDelay(2_000).withBody(GatewayStub.completion("late")));

        Throwable thrown = catchThrowable(() -> gateway.model()
                .timeout(Duration.ofMillis(300))
                .maxRetries(0)
                .build()
                .chat("hi"));

        assertThat(thrown).isInstanceOf(AisaTimeoutException.class).hasMessageContaining("within 300 ms");
    }

    @Test
    void a_slow_but_steady_body_is_read_whole() {
        // ten chunks 100 ms apart: never silent for the 1 s timeout, though the whole body takes longer than it
        gateway.respond(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(GatewayStub.completion("steady"))
                .withChunkedDribbleDelay(10, 1_200));

        String answer = gateway.model()
                .timeout(Duration.ofSeconds(1))
                .maxRetries(0)
                .build()
                .chat("hi");

        assertThat(answer).isEqualTo("steady");
    }
}
