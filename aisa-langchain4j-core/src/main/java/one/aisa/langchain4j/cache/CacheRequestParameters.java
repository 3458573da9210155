package one.aisa.langchain4j.cache;

import static dev.langchain4j.internal.Utils.getOrDefault;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Objects;

/**
 * Request parameters that tell a caching model not to use its cache for this request: the answer is neither looked
 * up nor stored. The caching model passes only the common parameters on to its model.
 *
 * <pre>{@code
 * cached.chat(ChatRequest.builder()
 *         .messages(UserMessage.from("What time is it?"))
 *         .parameters(CacheRequestParameters.builder().noCache(true).build())
 *         .build());
 * }</pre>
 */
public class CacheRequestParameters extends DefaultChatRequestParameters {

    private final Boolean noCache;

    protected CacheRequestParameters(Builder builder) {
        super(builder);
        this.noCache = builder.noCache;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether this request skips the cache. */
    public boolean noCache() {
        return Boolean.TRUE.equals(noCache);
    }

    @Override
    public CacheRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public CacheRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    /** The same parameters without the mark, for the model. */
    ChatRequestParameters withoutMark() {
        return DefaultChatRequestParameters.builder().overrideWith(this).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheRequestParameters that
                && super.equals(that)
                && Objects.equals(noCache, that.noCache);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), noCache);
    }

    @Override
    public String toString() {
        return "CacheRequestParameters{noCache=" + noCache + ", " + super.toString() + '}';
    }

    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private Boolean noCache;

        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            super.overrideWith(parameters);
            if (parameters instanceof CacheRequestParameters cache) {
                noCache(getOrDefault(cache.noCache, noCache));
            }
            return this;
        }

        /** True: neither look this request up nor store its answer. */
        public Builder noCache(Boolean noCache) {
            this.noCache = noCache;
            return this;
        }

        @Override
        public CacheRequestParameters build() {
            return new CacheRequestParameters(this);
        }
    }
}
