/**
 * Response caching for any {@code ChatModel} or {@code StreamingChatModel}, a router included:
 * {@link one.aisa.langchain4j.cache.CachingChatModel} and {@link one.aisa.langchain4j.cache.CachingStreamingChatModel}
 * serve a repeated request from a {@link one.aisa.langchain4j.cache.ResponseCache} instead of calling the model.
 */
package one.aisa.langchain4j.cache;
