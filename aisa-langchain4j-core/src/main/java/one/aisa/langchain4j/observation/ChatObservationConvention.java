package one.aisa.langchain4j.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of a chat observation. Implement it (or extend {@link DefaultChatObservationConvention}) to
 * add or change attributes, and give it to the builders' {@code observationConvention(...)}.
 */
public interface ChatObservationConvention extends ObservationConvention<ChatObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ChatObservationContext;
    }
}
