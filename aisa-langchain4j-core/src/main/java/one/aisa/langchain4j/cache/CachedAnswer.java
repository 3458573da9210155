package one.aisa.langchain4j.cache;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stored answer.
 *
 * @param response the answer as the model gave it, its metadata included
 * @param partials the pieces of text it was streamed in, so that a replay streams the same way; empty when it was
 *     not streamed (a replay then sends the text as one piece)
 * @param storedAt when it was stored
 */
public record CachedAnswer(ChatResponse response, List<String> partials, Instant storedAt) {

    public CachedAnswer {
        Objects.requireNonNull(response, "response");
        partials = partials == null ? List.of() : List.copyOf(partials);
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
