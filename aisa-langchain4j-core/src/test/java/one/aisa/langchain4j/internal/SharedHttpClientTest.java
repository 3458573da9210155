package one.aisa.langchain4j.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaStreamingChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Models share one JDK client per connect timeout, and building a model builds none: the first call does. */
class SharedHttpClientTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void models_build_no_client_and_share_one_once_they_call() {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(okJson("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                        + "\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}")));
        Duration unusualTimeout = Duration.ofMillis(7_777); // a key no other test uses
        int before = AisaJdkHttpClient.sharedClients();

        List<AisaChatModel> models = List.of("a", "b", "c").stream()
                .map(name -> AisaChatModel.builder()
                        .apiKey("sk-test")
                        .baseUrl("http://127.0.0.1:" + server.getPort() + "/v1")
                        .modelName(name)
                        .timeout(unusualTimeout)
                        .build())
                .toList();
        AisaStreamingChatModel.builder()
                .apiKey("sk-test")
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/v1")
                .modelName("d")
                .timeout(unusualTimeout)
                .build();

        assertThat(AisaJdkHttpClient.sharedClients()).as("built, not called").isEqualTo(before);

        models.forEach(model -> assertThat(model.chat("hello")).isEqualTo("hi"));

        assertThat(AisaJdkHttpClient.sharedClients())
                .as("three models, one client")
                .isEqualTo(before + 1);
    }
}
