package one.aisa.langchain4j.observation;

/**
 * An answer's metadata that adds what it knows beyond LangChain4j's own fields (cost, route, cache hit) to the
 * observation of the call that produced it. {@code AisaChatResponseMetadata} implements it.
 */
public interface ObservationFacts {

    /** Sets on the context what this metadata knows. */
    void addTo(ChatObservationContext context);
}
