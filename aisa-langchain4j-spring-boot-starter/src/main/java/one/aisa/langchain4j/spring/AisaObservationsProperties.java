package one.aisa.langchain4j.spring;

/**
 * Observations of the model beans' calls (metrics and traces through the application's {@code ObservationRegistry}).
 *
 * @param includeContent Whether spans carry the prompt and the answer (gen_ai.input.messages, gen_ai.output.messages),
 *     with anything shaped like a key masked; off by default, since prompts and answers may hold personal data.
 */
public record AisaObservationsProperties(Boolean includeContent) {

    /** Whether spans carry the prompt and the answer. */
    public boolean isIncludeContent() {
        return Boolean.TRUE.equals(includeContent);
    }
}
