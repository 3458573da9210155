package one.aisa.langchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

final class SimulatorAssertions {

    private SimulatorAssertions() {}

    /** The simulator at this base URL (read while it ran) is stopped: its port refuses connections. */
    static void assertStopped(String baseUrl) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + "/models")).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }
}
