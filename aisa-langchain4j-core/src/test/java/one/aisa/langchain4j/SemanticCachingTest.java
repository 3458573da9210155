package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.SemanticCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A caching model with semantic matching: a rephrased question is served, a different one never is. */
class SemanticCachingTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    static final SemanticCache.Builder SEMANTIC =
            SemanticCache.builder().embeddingModel(new AllMiniLmL6V2QuantizedEmbeddingModel());

    private final GatewayStub gateway = new GatewayStub(server);

    private ChatModel cached() {
        return CachingChatModel.builder()
                .model(gateway.model().build())
                .semantic(SEMANTIC.build())
                .build();
    }

    private static ChatRequest ask(String system, String question) {
        return ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(question))
                .build();
    }

    @Test
    void a_rephrased_question_is_a_semantic_hit_and_a_different_one_a_miss() {
        gateway.respondJson(GatewayStub.completion("Open Settings, then Security, then Reset password."));
        ChatModel cached = cached();

        cached.chat(ask("You are a support desk.", "How do I reset my password?"));
        ChatResponse rephrased = cached.chat(ask("You are a support desk.", "How can I reset my password?"));
        cached.chat(ask("You are a support desk.", "How do I reset my username?"));

        CacheHit hit = ((AisaChatResponseMetadata) rephrased.metadata()).cacheHit();
        assertThat(hit.kind()).isEqualTo(CacheHit.Kind.SEMANTIC);
        assertThat(hit.costSaved()).isPositive();
        assertThat(gateway.requests())
                .as("the first question and the different one")
                .hasSize(2);
    }

    @Test
    void a_semantic_hit_needs_everything_else_identical() {
        gateway.respondJson(GatewayStub.completion("Paris."));
        ChatModel cached = cached();

        cached.chat(ask("Answer in one word.", "What is the capital of France?"));
        ChatResponse otherSystem = cached.chat(ask("Answer in a sentence.", "What's the capital of France?"));
        ChatResponse sameSystem = cached.chat(ask("Answer in one word.", "What's the capital of France?"));

        assertThat(((AisaChatResponseMetadata) otherSystem.metadata()).cacheHit())
                .isNull();
        assertThat(((AisaChatResponseMetadata) sameSystem.metadata()).cacheHit().kind())
                .isEqualTo(CacheHit.Kind.SEMANTIC);
        assertThat(gateway.requests()).hasSize(2);
    }

    @Test
    void a_context_keeps_at_most_its_bound_of_prompts_the_oldest_dropped() {
        gateway.respondJson(GatewayStub.completion("Done."));
        ChatModel cached = CachingChatModel.builder()
                .model(gateway.model().build())
                .semantic(SemanticCache.builder()
                        .embeddingModel(new AllMiniLmL6V2QuantizedEmbeddingModel())
                        .maxPromptsPerContext(1)
                        .build())
                .build();

        cached.chat(ask("You are a support desk.", "How do I reset my password?"));
        cached.chat(ask("You are a support desk.", "How do I delete my account?"));
        ChatResponse rephrased = cached.chat(ask("You are a support desk.", "How can I reset my password?"));

        assertThat(((AisaChatResponseMetadata) rephrased.metadata()).cacheHit()).isNull();
        assertThat(gateway.requests()).hasSize(3);
    }
}
