package one.aisa.langchain4j;

import static dev.langchain4j.internal.Utils.getOrDefault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import one.aisa.langchain4j.internal.AisaHttpClientBuilder;
import one.aisa.langchain4j.internal.AisaJdkHttpClient;
import one.aisa.langchain4j.internal.Json;
import one.aisa.langchain4j.internal.ResponseInspector;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's account routes, beside the chat models: the models it serves ({@code GET /v1/models}) and the
 * balance ({@code GET /v1/credits/balance}). Errors are the same typed exceptions the models throw.
 */
public final class AisaGatewayClient {

    private static final Logger LOG = LoggerFactory.getLogger(AisaGatewayClient.class);
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final HttpClient httpClient;
    private final String baseUrl;
    private final String authorization;
    private final ResponseInspector inspector;

    private AisaGatewayClient(Builder builder) {
        String apiKey = Settings.apiKey(builder.apiKey, builder.environment);
        this.baseUrl = Settings.baseUrl(builder.baseUrl, builder.environment, LOG);
        this.authorization = "Bearer " + apiKey;
        Duration timeout = getOrDefault(Settings.timeout(builder.timeout), Duration.ofSeconds(30));
        AisaHttpClientBuilder transport = new AisaHttpClientBuilder(
                getOrDefault(builder.httpClientBuilder, AisaJdkHttpClient::builder),
                new SecretRedactor(apiKey),
                Clock.systemUTC(),
                false,
                false,
                LOG);
        this.inspector = new ResponseInspector(transport.gatewayErrors());
        this.httpClient = transport.connectTimeout(timeout).readTimeout(timeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ids of the models the gateway serves, in the order it lists them. */
    public List<String> modelIds() {
        JsonNode data = get("models").path("data");
        List<String> ids = new ArrayList<>();
        for (JsonNode model : data) {
            String id = Json.text(model, "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The account balance and what this key may still spend. */
    public CreditsBalance balance() {
        JsonNode body = get("credits/balance");
        JsonNode key = body.path("api_key");
        return new CreditsBalance(
                usd(body.get("account_balance_micros_usd")),
                usd(body.get("available_balance_micros_usd")),
                getOrDefault(Json.text(body, "currency"), "USD"),
                key.path("unlimited").asBoolean(false),
                usd(key.get("remaining_micros_usd")));
    }

    /**
     * A balance as the gateway reports it, in USD.
     *
     * @param account the whole account's balance
     * @param available what can be spent now
     * @param currency always USD today
     * @param unlimited whether this key has no spending limit of its own
     * @param keyRemaining what this key may still spend, if it has a limit
     */
    public record CreditsBalance(
            BigDecimal account, BigDecimal available, String currency, boolean unlimited, BigDecimal keyRemaining) {}

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.builder()
                .method(HttpMethod.GET)
                .url(baseUrl, path)
                .addHeader("Authorization", authorization)
                .addHeader("User-Agent", Settings.USER_AGENT)
                .build();
        return inspector.readJson(httpClient.execute(request));
    }

    private static BigDecimal usd(JsonNode micros) {
        if (micros == null || !micros.isNumber()) {
            return null;
        }
        return micros.decimalValue().divide(MICROS).stripTrailingZeros();
    }

    @Override
    public String toString() {
        return "AisaGatewayClient{baseUrl=" + baseUrl + ", apiKey=" + SecretRedactor.MASK + '}';
    }

    public static final class Builder {

        private String apiKey;
        private String baseUrl;
        private Duration timeout;
        private HttpClientBuilder httpClientBuilder;
        private Function<String, String> environment = System::getenv;

        private Builder() {}

        /** The AIsa API key. Default: the {@code AISA_API_KEY} environment variable. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The gateway's API root. Default: the {@code AISA_BASE_URL} environment variable, else {@code https://api.aisa.one/v1}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Connect and answer timeout. Default 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The HTTP client; default a {@code java.net.http} client. */
        public Builder httpClientBuilder(HttpClientBuilder httpClientBuilder) {
            this.httpClientBuilder = httpClientBuilder;
            return this;
        }

        Builder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public AisaGatewayClient build() {
            return new AisaGatewayClient(this);
        }
    }
}
