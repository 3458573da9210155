package one.aisa.langchain4j.cache;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.CacheHit;

/** The rules both caching models follow: what is stored, how it is stored, and how a hit is served. */
final class CachedAnswers {

    private CachedAnswers() {}

    /** Whether the request asks to skip the cache. */
    static boolean skips(ChatRequest request) {
        return request.parameters() instanceof CacheRequestParameters cache && cache.noCache();
    }

    /** The request as the model gets it: without the cache's own mark. */
    static ChatRequest forModel(ChatRequest request) {
        if (request.parameters() instanceof CacheRequestParameters cache) {
            return request.toBuilder().parameters(cache.withoutMark()).build();
        }
        return request;
    }

    /**
     * Whether an answer may be served again: not one cut at the length limit or by a content filter, and not an
     * empty one. Errors, cut and failed streams never get here.
     */
    static boolean storable(ChatResponse response) {
        FinishReason finishReason = response.finishReason();
        if (finishReason == FinishReason.LENGTH || finishReason == FinishReason.CONTENT_FILTER) {
            return false;
        }
        AiMessage message = response.aiMessage();
        return message != null
                && (message.hasToolExecutionRequests()
                        || (message.text() != null && !message.text().isBlank()));
    }

    /** What is kept of an answer: all of it but the raw HTTP exchange, which only the first caller needs. */
    static CachedAnswer stored(ChatResponse response, List<String> partials, Clock clock) {
        ChatResponse kept = response.metadata() instanceof AisaChatResponseMetadata aisa
                ? ChatResponse.builder()
                        .aiMessage(response.aiMessage())
                        .metadata(aisa.toBuilder()
                                .rawHttpResponse(null)
                                .rawServerSentEvents(null)
                                .build())
                        .build()
                : response;
        return new CachedAnswer(kept, partials, clock.instant());
    }

    /**
     * A stored answer as a hit: its metadata says so, with its age and the cost it saves; the cost of this call is
     * zero (nothing was called) and the credits it reported are no longer current.
     */
    static ChatResponse served(CachedAnswer answer, CacheHit.Kind kind, Clock clock) {
        ChatResponse original = answer.response();
        BigDecimal saved = original.metadata() instanceof AisaChatResponseMetadata aisa ? aisa.cost() : null;
        Duration age = Duration.between(answer.storedAt(), clock.instant());
        AisaChatResponseMetadata metadata = AisaChatResponseMetadata.from(original.metadata())
                .cacheHit(new CacheHit(kind, age.isNegative() ? Duration.ZERO : age, saved))
                .cost(BigDecimal.ZERO)
                .creditsRemaining(null)
                .build();
        return ChatResponse.builder()
                .aiMessage(original.aiMessage())
                .metadata(metadata)
                .build();
    }
}
