package one.aisa.langchain4j.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The semantic guards with LangChain4j's in-process MiniLM: near misses are refused, paraphrases served. */
class SemanticCacheTest {

    static final EmbeddingModel MINILM = new AllMiniLmL6V2QuantizedEmbeddingModel();
    static final SemanticCache SEMANTIC =
            SemanticCache.builder().embeddingModel(MINILM).build();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "What is the capital of France? | What is the capital of Germany?",
                "what is the capital of france | what is the capital of germany",
                "Is ibuprofen safe during pregnancy? | Is ibuprofen not safe during pregnancy?",
                "Is it safe to eat raw eggs? | Isn't it unsafe to eat raw eggs?",
                "Convert 100 USD to EUR | Convert 200 USD to EUR",
                "How many days are in March 2024? | How many days are in February 2024?",
                "Summarise the French Revolution | Summarise the Russian Revolution",
                "Write a haiku about cats | Write a haiku about dogs",
                "Who wrote Hamlet? | Who wrote Macbeth?",
                "Translate 'good morning' into Spanish | Translate 'good morning' into Italian",
                "What is the weather in Paris? | What is the weather in Paris, Texas?",
                "Find flights from Paris to Rome | Find flights from Rome to Paris",
                "Is coffee better than tea? | Is tea better than coffee?",
                "Who is the president of France? | Who was the president of France?",
                "When did the war start? | When will the war start?"
            })
    void a_near_miss_is_never_served(String stored, String asked) {
        SemanticCache.Comparison comparison = SEMANTIC.compare(stored, asked);
        assertThat(comparison.served()).as("%s", comparison).isFalse();
        assertThat(SEMANTIC.compare(asked, stored).served()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How do I reset my password? | How can I reset my password?",
                "What is the capital of France? | What's the capital of France?",
                "What is the capital of France? | what is the capital of france",
                "Explain the CAP theorem in one line. | Please explain the CAP theorem in one line."
            })
    void a_rephrasing_is_served(String stored, String asked) {
        SemanticCache.Comparison comparison = SEMANTIC.compare(stored, asked);
        assertThat(comparison.served()).as("%s", comparison).isTrue();
    }
}
