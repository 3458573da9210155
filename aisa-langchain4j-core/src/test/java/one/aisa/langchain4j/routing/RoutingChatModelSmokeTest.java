package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.RouteTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RoutingChatModelSmokeTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                    .dynamicPort()
                    .bindAddress("127.0.0.1"))
            .build();

    private AisaChatModel model(String name) {
        return AisaChatModel.builder()
                .apiKey("k")
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/v1")
                .modelName(name)
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void falls_back_when_the_primary_is_down() {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(
                        matchingJsonPath("$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo("primary")))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}")));
        server.stubFor(
                post(urlEqualTo("/v1/chat/completions"))
                        .withRequestBody(matchingJsonPath(
                                "$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo("backup")))
                        .willReturn(
                                okJson(
                                        "{\"id\":\"x\",\"model\":\"backup\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"from backup\"},\"finish_reason\":\"stop\"}]}")));

        RoutingChatModel router = RoutingChatModel.builder()
                .models(model("primary"), model("backup"))
                .build();
        ChatResponse response = router.chat(dev.langchain4j.data.message.UserMessage.from("hi"));

        assertThat(response.aiMessage().text()).isEqualTo("from backup");
        RouteTrace trace = ((AisaChatResponseMetadata) response.metadata()).route();
        assertThat(trace.answeredBy()).isEqualTo("backup");
        assertThat(trace.toString())
                .startsWith("primary failed (AisaServerException")
                .endsWith("backup answered");
        assertThat(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlEqualTo("/v1/chat/completions"))))
                .hasSize(2);
    }
}
