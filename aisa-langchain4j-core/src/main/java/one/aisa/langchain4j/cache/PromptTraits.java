package one.aisa.langchain4j.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What two prompts close in meaning must still share to have the same answer: their numbers, whether they negate,
 * and their content words in order. Embeddings place "capital of France" near "capital of Germany",
 * and "is it safe" near "is it not safe"; these traits tell them apart.
 */
record PromptTraits(Set<String> numbers, boolean negated, List<String> contentWords) {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final Pattern CONTRACTION = Pattern.compile("['’](s|re|ll|ve|d|m)$");
    private static final Set<String> NEGATIONS = Set.of(
            "not",
            "no",
            "never",
            "none",
            "nobody",
            "nothing",
            "neither",
            "nor",
            "without",
            "cannot",
            "cant",
            "dont",
            "doesnt",
            "didnt",
            "isnt",
            "arent",
            "wasnt",
            "werent",
            "wont",
            "wouldnt",
            "shouldnt",
            "couldnt",
            "havent",
            "hasnt",
            "hadnt",
            "mustnt",
            "neednt",
            "aint");
    /**
     * Words that only carry the form of a request, not what it asks: articles, present-tense auxiliaries, courtesy.
     * Prepositions, pronouns, question words and tense stay: "from Paris to Rome" and "to Paris from Rome", "who is"
     * and "who was", "when did" and "when will" ask different things.
     */
    private static final Set<String> FORM_WORDS = Set.of(
            "a", "an", "the", "is", "are", "am", "do", "does", "can", "could", "please", "tell", "give", "explain",
            "kindly", "just", "really", "very", "me");

    static PromptTraits of(String prompt) {
        Set<String> numbers = new TreeSet<>();
        Matcher number = NUMBER.matcher(prompt);
        while (number.find()) {
            numbers.add(number.group().replace(",", ""));
        }
        boolean negated = false;
        List<String> content = new ArrayList<>();
        Matcher word = WORD.matcher(prompt);
        while (word.find()) {
            String token = word.group();
            // "what's" is "what", "don't" a negation: contractions end in a suffix, not in a word of their own
            String lower = CONTRACTION
                    .matcher(token.toLowerCase(Locale.ROOT))
                    .replaceAll("")
                    .replace("'", "")
                    .replace("’", "");
            if (NEGATIONS.contains(lower) || lower.endsWith("nt") && lower.length() > 3 && isContraction(token)) {
                negated = true;
            }
            if (!FORM_WORDS.contains(lower) && !NEGATIONS.contains(lower)) {
                content.add(lower);
            }
        }
        return new PromptTraits(numbers, negated, List.copyOf(content));
    }

    private static boolean isContraction(String token) {
        return token.toLowerCase(Locale.ROOT).matches(".*n['’]t");
    }

    /**
     * Whether a stored prompt with these traits may answer one with {@code other}'s: the same numbers, the same
     * negation, and the same content words in the same order. Only the form may differ: casing, punctuation,
     * contractions, articles, auxiliaries and courtesy ("How do I reset my password?" and "how can I reset my
     * password"). Reordered or changed words never match: on PAWS, whose non-paraphrases are mostly the same words
     * reordered, looser rules served 34-55 % of the non-paraphrases (benchmarks/README.md).
     */
    boolean compatible(PromptTraits other) {
        return numbers.equals(other.numbers) && negated == other.negated && contentWords.equals(other.contentWords);
    }
}
