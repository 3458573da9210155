package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;

@Internal
public final class AisaJdkHttpClientBuilder implements HttpClientBuilder {

    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public AisaJdkHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public AisaJdkHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public AisaJdkHttpClient build() {
        return new AisaJdkHttpClient(this);
    }
}
