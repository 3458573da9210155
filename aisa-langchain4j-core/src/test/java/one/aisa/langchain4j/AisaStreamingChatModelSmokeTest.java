package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AisaStreamingChatModelSmokeTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    @Test
    void streams_text_and_reports_cost() throws Exception {
        gateway.respond(
                aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5,"cost":0.0001}}

                        data: [DONE]

                        """));
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AisaStreamingChatModel model = AisaStreamingChatModel.builder()
                .apiKey(GatewayStub.API_KEY)
                .baseUrl(gateway.baseUrl())
                .modelName("gpt-4o-mini")
                .timeout(Duration.ofSeconds(5))
                .build();

        model.chat("hi", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.add(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertThat(partials).containsExactly("Hel", "lo");
        assertThat(response.aiMessage().text()).isEqualTo("Hello");
        assertThat(((AisaChatResponseMetadata) response.metadata()).cost())
                .isEqualByComparingTo(new BigDecimal("0.0001"));
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(5);
        assertThat(gateway.lastRequest().get("stream").asBoolean()).isTrue();
        assertThat(gateway.lastRequest().at("/stream_options/include_usage").asBoolean())
                .isTrue();
    }
}
