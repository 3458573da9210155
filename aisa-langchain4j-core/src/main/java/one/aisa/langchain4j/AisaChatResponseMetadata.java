package one.aisa.langchain4j;

import static dev.langchain4j.internal.Utils.copy;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import one.aisa.langchain4j.observation.ChatObservationContext;
import one.aisa.langchain4j.observation.ObservationFacts;

/**
 * Metadata of an AIsa answer: everything {@code OpenAiChatResponseMetadata} carries, plus what the call cost and
 * the credits left, as the gateway reported them.
 *
 * <p>{@link #modelName()} is the model that actually answered (the response's {@code model}), which can differ
 * from the one requested. {@link #finishReason()} is never {@code null} when the provider sent a finish reason:
 * values LangChain4j does not know become {@code OTHER}, with the original in {@link #rawFinishReason()}.
 */
public class AisaChatResponseMetadata extends ChatResponseMetadata implements ObservationFacts {

    private final BigDecimal cost;
    private final RouteTrace route;
    private final BigDecimal creditsRemaining;
    private final String requestId;
    private final String rawFinishReason;
    private final Long created;
    private final String serviceTier;
    private final String systemFingerprint;
    private final SuccessfulHttpResponse rawHttpResponse;
    private final List<ServerSentEvent> rawServerSentEvents;
    private final List<LogProb> logProbs;
    private final ChatResponseMetadata answeringModelMetadata;
    private final CacheHit cacheHit;

    protected AisaChatResponseMetadata(Builder builder) {
        super(builder);
        this.cost = builder.cost;
        this.route = builder.route;
        this.creditsRemaining = builder.creditsRemaining;
        this.requestId = builder.requestId;
        this.rawFinishReason = builder.rawFinishReason;
        this.created = builder.created;
        this.serviceTier = builder.serviceTier;
        this.systemFingerprint = builder.systemFingerprint;
        this.rawHttpResponse = builder.rawHttpResponse;
        this.rawServerSentEvents = copy(builder.rawServerSentEvents);
        this.logProbs = builder.logProbs == null ? null : List.copyOf(builder.logProbs);
        this.answeringModelMetadata = builder.answeringModelMetadata;
        this.cacheHit = builder.cacheHit;
    }

    /** Token counts, including cached input tokens and reasoning output tokens when the provider reported them. */
    @Override
    public OpenAiTokenUsage tokenUsage() {
        TokenUsage base = super.tokenUsage();
        if (base == null || base instanceof OpenAiTokenUsage) {
            return (OpenAiTokenUsage) base;
        }
        return OpenAiTokenUsage.builder()
                .inputTokenCount(base.inputTokenCount())
                .outputTokenCount(base.outputTokenCount())
                .totalTokenCount(base.totalTokenCount())
                .build();
    }

    /** What this call cost in USD ({@code usage.cost}, else the {@code x-aisa-price-usd} header); null if unsaid. */
    public BigDecimal cost() {
        return cost;
    }

    /** How a router reached this answer (models tried, skipped, failed); {@code null} when no router was involved. */
    public RouteTrace route() {
        return route;
    }

    /** The balance left in USD after this call ({@code usage.credits_remaining}); null if the gateway did not say. */
    public BigDecimal creditsRemaining() {
        return creditsRemaining;
    }

    /** The gateway's request id ({@code x-request-id}), to quote to AIsa support. */
    public String requestId() {
        return requestId;
    }

    /** The finish reason exactly as the provider sent it, e.g. {@code end_turn}. */
    public String rawFinishReason() {
        return rawFinishReason;
    }

    public Long created() {
        return created;
    }

    public String serviceTier() {
        return serviceTier;
    }

    public String systemFingerprint() {
        return systemFingerprint;
    }

    public SuccessfulHttpResponse rawHttpResponse() {
        return rawHttpResponse;
    }

    public List<ServerSentEvent> rawServerSentEvents() {
        return rawServerSentEvents;
    }

    public List<LogProb> logProbs() {
        return logProbs;
    }

    /**
     * When a router's answer came from a model that is not an AIsa model, the metadata that model returned, whole
     * (e.g. {@code OpenAiChatResponseMetadata}, or another provider's type with fields of its own); {@code null}
     * for an AIsa model, whose fields are all here.
     */
    public ChatResponseMetadata answeringModelMetadata() {
        return answeringModelMetadata;
    }

    /** Adds the cost, the route and the cache hit to the observation of the call that answered. */
    @Override
    public void addTo(ChatObservationContext context) {
        context.cost(cost);
        if (route != null) {
            context.route(route.answeredBy(), (int) route.calls(), route.fellBack());
        }
        if (cacheHit != null) {
            context.cacheHit(cacheHit.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** How this answer came from a response cache, or {@code null} when a model made it for this call. */
    public CacheHit cacheHit() {
        return cacheHit;
    }

    @Override
    public Builder toBuilder() {
        return copyInto(builder());
    }

    /**
     * A builder holding {@code metadata}: an AIsa model's with every field (its subtype kept), another model's with
     * the common fields, OpenAI's own, and the whole of it in {@link #answeringModelMetadata()}. For layers that add
     * to an answer's metadata (a route, a cache hit) without losing what the model said.
     */
    public static Builder from(ChatResponseMetadata metadata) {
        if (metadata instanceof AisaChatResponseMetadata aisa) {
            return aisa.toBuilder();
        }
        Builder builder = builder()
                .id(metadata.id())
                .modelName(metadata.modelName())
                .tokenUsage(metadata.tokenUsage())
                .finishReason(metadata.finishReason())
                .answeringModelMetadata(metadata);
        if (metadata instanceof OpenAiChatResponseMetadata openAi) {
            builder.created(openAi.created())
                    .serviceTier(openAi.serviceTier())
                    .systemFingerprint(openAi.systemFingerprint())
                    .rawHttpResponse(openAi.rawHttpResponse())
                    .logProbs(openAi.logProbs());
        }
        return builder;
    }

    /** Fills {@code target} with every field of this metadata; subtypes pass their own builder. */
    protected Builder copyInto(Builder target) {
        return ((Builder) super.toBuilder(target))
                .cost(cost)
                .route(route)
                .creditsRemaining(creditsRemaining)
                .requestId(requestId)
                .rawFinishReason(rawFinishReason)
                .created(created)
                .serviceTier(serviceTier)
                .systemFingerprint(systemFingerprint)
                .rawHttpResponse(rawHttpResponse)
                .rawServerSentEvents(rawServerSentEvents)
                .logProbs(logProbs)
                .answeringModelMetadata(answeringModelMetadata)
                .cacheHit(cacheHit);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AisaChatResponseMetadata that
                && super.equals(that)
                && Objects.equals(cost, that.cost)
                && Objects.equals(route, that.route)
                && Objects.equals(creditsRemaining, that.creditsRemaining)
                && Objects.equals(requestId, that.requestId)
                && Objects.equals(rawFinishReason, that.rawFinishReason)
                && Objects.equals(created, that.created)
                && Objects.equals(serviceTier, that.serviceTier)
                && Objects.equals(systemFingerprint, that.systemFingerprint)
                && Objects.equals(logProbs, that.logProbs)
                && Objects.equals(answeringModelMetadata, that.answeringModelMetadata)
                && Objects.equals(cacheHit, that.cacheHit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cost, creditsRemaining, requestId, rawFinishReason, created);
    }

    @Override
    public String toString() {
        return "AisaChatResponseMetadata{id=" + id() + ", modelName=" + modelName() + ", tokenUsage=" + tokenUsage()
                + ", finishReason=" + finishReason() + ", rawFinishReason=" + rawFinishReason + ", cost=" + cost
                + ", creditsRemaining=" + creditsRemaining + ", route=" + route + ", cacheHit=" + cacheHit
                + ", requestId=" + requestId
                + ", created=" + created
                + ", serviceTier=" + serviceTier + ", systemFingerprint=" + systemFingerprint + '}';
    }

    public static class Builder extends ChatResponseMetadata.Builder<Builder> {

        private BigDecimal cost;
        private RouteTrace route;
        private BigDecimal creditsRemaining;
        private String requestId;
        private String rawFinishReason;
        private Long created;
        private String serviceTier;
        private String systemFingerprint;
        private SuccessfulHttpResponse rawHttpResponse;
        private List<ServerSentEvent> rawServerSentEvents;
        private List<LogProb> logProbs;

        private ChatResponseMetadata answeringModelMetadata;
        private CacheHit cacheHit;

        /** Marks the answer as served from a response cache. */
        public Builder cacheHit(CacheHit cacheHit) {
            this.cacheHit = cacheHit;
            return this;
        }

        /** The metadata a non-AIsa model returned, kept whole when a router adds its route. */
        public Builder answeringModelMetadata(ChatResponseMetadata answeringModelMetadata) {
            this.answeringModelMetadata = answeringModelMetadata;
            return this;
        }

        public Builder cost(BigDecimal cost) {
            this.cost = cost;
            return this;
        }

        public Builder route(RouteTrace route) {
            this.route = route;
            return this;
        }

        public Builder creditsRemaining(BigDecimal creditsRemaining) {
            this.creditsRemaining = creditsRemaining;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder rawFinishReason(String rawFinishReason) {
            this.rawFinishReason = rawFinishReason;
            return this;
        }

        public Builder created(Long created) {
            this.created = created;
            return this;
        }

        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public Builder systemFingerprint(String systemFingerprint) {
            this.systemFingerprint = systemFingerprint;
            return this;
        }

        public Builder rawHttpResponse(SuccessfulHttpResponse rawHttpResponse) {
            this.rawHttpResponse = rawHttpResponse;
            return this;
        }

        public Builder rawServerSentEvents(List<ServerSentEvent> rawServerSentEvents) {
            this.rawServerSentEvents = rawServerSentEvents;
            return this;
        }

        public Builder logProbs(List<LogProb> logProbs) {
            this.logProbs = logProbs;
            return this;
        }

        @Override
        public AisaChatResponseMetadata build() {
            return new AisaChatResponseMetadata(this);
        }
    }
}
