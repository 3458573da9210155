package one.aisa.langchain4j.cache;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What two prompts close in meaning must still share to have the same answer: their numbers, whether they negate,
 * and, when short, their content words. Embeddings place "capital of France" near "capital of Germany",
 * and "is it safe" near "is it not safe"; these traits tell them apart.
 */
record PromptTraits(Set<String> numbers, boolean negated, Set<String> contentWords) {

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
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "can",
            "could", "would", "should", "will", "shall", "may", "might", "must", "i", "me", "my", "you", "your", "we",
            "our", "it", "its", "this", "that", "these", "those", "of", "in", "on", "at", "to", "for", "from", "by",
            "with", "about", "as", "and", "or", "but", "if", "so", "what", "which", "who", "whom", "whose", "how",
            "why", "when", "where", "please", "tell", "give", "explain", "some", "any", "there", "here", "have", "has",
            "had", "get", "into", "than", "then", "just", "also", "very", "really", "much", "many");

    static PromptTraits of(String prompt) {
        Set<String> numbers = new TreeSet<>();
        Matcher number = NUMBER.matcher(prompt);
        while (number.find()) {
            numbers.add(number.group().replace(",", ""));
        }
        boolean negated = false;
        Set<String> content = new TreeSet<>();
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
            if (!STOP_WORDS.contains(lower) && !NEGATIONS.contains(lower)) {
                content.add(lower);
            }
        }
        return new PromptTraits(numbers, negated, content);
    }

    private static boolean isContraction(String token) {
        return token.toLowerCase(Locale.ROOT).matches(".*n['’]t");
    }

    /**
     * Whether a stored prompt with these traits may answer one with {@code other}'s: the same numbers and the same
     * negation always; and for short prompts (at most {@code shortWords} content words on either side) the same
     * content words, names among them: a politer or reordered phrasing may match, a changed or added word may not
     * ("weather in Paris" never answers "weather in Paris, Texas").
     */
    boolean compatible(PromptTraits other, int shortWords) {
        if (!numbers.equals(other.numbers) || negated != other.negated) {
            return false;
        }
        boolean isShort = contentWords.size() <= shortWords || other.contentWords.size() <= shortWords;
        return !isShort || contentWords.equals(other.contentWords);
    }
}
