package one.aisa.langchain4j.catalog;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A model's general quality on one public leaderboard, as one number from 0 to 100, with where and when it was
 * read. Leaderboard scores drift and are relative to the models on the board that day, so two indexes compare
 * only when they come from the same source and reading.
 *
 * @param value the index, 0 (weakest) to 100 (strongest)
 * @param source where the number comes from, and how it was mapped to 0–100
 * @param readOn the day the leaderboard was read, or {@code null} when unknown (e.g. set by hand)
 */
public record QualityIndex(double value, String source, LocalDate readOn) {

    /**
     * The source of the built-in indexes: LMArena's text leaderboard, score {@code s} mapped to
     * {@code (s - 1000) / 5}, so that 1000 (the oldest 2023 chat models) is 0 and 1500 (the top in 2026) is 100.
     */
    public static final String LMARENA_TEXT =
            "LMArena text leaderboard (https://arena.ai/leaderboard/text), score s mapped to (s - 1000) / 5";

    /** The day the built-in indexes were read off {@link #LMARENA_TEXT}. */
    public static final LocalDate LMARENA_READ_ON = LocalDate.of(2026, 7, 30);

    public QualityIndex {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException("a quality index is between 0 and 100, was " + value);
        }
        Objects.requireNonNull(source, "source");
    }

    /** An LMArena text score mapped as {@link #LMARENA_TEXT} says, read on {@link #LMARENA_READ_ON}. */
    public static QualityIndex fromArenaScore(int score) {
        return new QualityIndex(Math.max(0, Math.min(100, (score - 1000) / 5.0)), LMARENA_TEXT, LMARENA_READ_ON);
    }
}
