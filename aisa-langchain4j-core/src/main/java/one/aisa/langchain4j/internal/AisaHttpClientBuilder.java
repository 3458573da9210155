package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Hands {@code langchain4j-open-ai} an {@link AisaHttpClient} around the transport the user chose (our
 * {@link AisaJdkHttpClient} by default), forwarding the timeouts it sets.
 */
@Internal
public final class AisaHttpClientBuilder implements HttpClientBuilder {

    private final HttpClientBuilder transport;
    final SecretRedactor redactor;
    final Clock clock;
    final boolean logRequests;
    final boolean logResponses;
    final Logger logger;

    public AisaHttpClientBuilder(
            HttpClientBuilder transport,
            SecretRedactor redactor,
            Clock clock,
            boolean logRequests,
            boolean logResponses,
            Logger logger) {
        this.transport = transport;
        this.redactor = redactor;
        this.clock = clock;
        this.logRequests = logRequests;
        this.logResponses = logResponses;
        this.logger = logger;
    }

    @Override
    public Duration connectTimeout() {
        return transport.connectTimeout();
    }

    @Override
    public AisaHttpClientBuilder connectTimeout(Duration timeout) {
        transport.connectTimeout(timeout);
        return this;
    }

    @Override
    public Duration readTimeout() {
        return transport.readTimeout();
    }

    @Override
    public AisaHttpClientBuilder readTimeout(Duration timeout) {
        transport.readTimeout(timeout);
        return this;
    }

    /** Error mapping with this client's key redaction and clock, for code that reads events itself. */
    public GatewayErrors gatewayErrors() {
        return new GatewayErrors(redactor, clock);
    }

    @Override
    public HttpClient build() {
        return new AisaHttpClient(transport.build(), this);
    }
}
