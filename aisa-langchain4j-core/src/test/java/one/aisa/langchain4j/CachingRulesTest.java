package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import one.aisa.langchain4j.cache.CachingChatModel;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers the cache must never serve again: cut at the length limit, filtered, or empty. */
class CachingRulesTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    @ParameterizedTest
    @CsvSource({
        "length, 'The capital of France is', LENGTH",
        "content_filter, 'I cannot', CONTENT_FILTER",
        "stop, '', STOP"
    })
    void an_answer_cut_filtered_or_empty_is_not_stored(String finishReason, String text, FinishReason mapped) {
        gateway.respondJson(GatewayStub.completion(text)
                .replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"" + finishReason + "\""));
        ChatModel cached =
                CachingChatModel.builder().model(gateway.model().build()).build();

        ChatResponse first = cached.chat(dev.langchain4j.data.message.UserMessage.from("Capital of France?"));
        ChatResponse second = cached.chat(dev.langchain4j.data.message.UserMessage.from("Capital of France?"));

        assertThat(first.finishReason()).isEqualTo(mapped);
        assertThat(gateway.requests()).hasSize(2);
        assertThat(((AisaChatResponseMetadata) second.metadata()).cacheHit()).isNull();
    }
}
