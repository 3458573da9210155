package one.aisa.langchain4j;

import java.util.List;
import java.util.Objects;

/**
 * Metadata of an answer on Gemini's native route: everything {@link AisaChatResponseMetadata} carries (token usage,
 * cost, request id, the raw finish reason, the route a router took) and the candidate's safety ratings.
 *
 * <p>{@link #tokenUsage()} maps Gemini's {@code usageMetadata} onto the same type as the OpenAI-compatible route:
 * input tokens with {@code cachedContentTokenCount} as cached tokens, output tokens as
 * {@code candidatesTokenCount + thoughtsTokenCount} (what is billed as output) with the thoughts as reasoning
 * tokens. {@link #modelName()} is Gemini's {@code modelVersion}, {@link #id()} its {@code responseId}.
 */
public class AisaGeminiChatResponseMetadata extends AisaChatResponseMetadata {

    /** One {@code safetyRatings} entry: a harm category, the probability Gemini gave it, and whether it blocked. */
    public record SafetyRating(String category, String probability, boolean blocked) {}

    private final List<SafetyRating> safetyRatings;

    protected AisaGeminiChatResponseMetadata(Builder builder) {
        super(builder);
        this.safetyRatings = builder.safetyRatings == null ? List.of() : List.copyOf(builder.safetyRatings);
    }

    /** The answer's safety ratings, as Gemini sent them; empty when it sent none. */
    public List<SafetyRating> safetyRatings() {
        return safetyRatings;
    }

    @Override
    public Builder toBuilder() {
        return ((Builder) copyInto(builder())).safetyRatings(safetyRatings);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AisaGeminiChatResponseMetadata that
                && super.equals(that)
                && safetyRatings.equals(that.safetyRatings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), safetyRatings);
    }

    @Override
    public String toString() {
        return "AisaGeminiChatResponseMetadata"
                + super.toString()
                        .substring("AisaChatResponseMetadata".length())
                        .replaceFirst("}$", ", safetyRatings=" + safetyRatings + "}");
    }

    /** Set the Gemini fields first: the inherited setters return the parent type. */
    public static class Builder extends AisaChatResponseMetadata.Builder {

        private List<SafetyRating> safetyRatings;

        public Builder safetyRatings(List<SafetyRating> safetyRatings) {
            this.safetyRatings = safetyRatings;
            return this;
        }

        @Override
        public AisaGeminiChatResponseMetadata build() {
            return new AisaGeminiChatResponseMetadata(this);
        }
    }
}
