package one.aisa.langchain4j.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text features the {@link DifficultyModel} reads from a prompt. The prompt is split into a stem and answer
 * choices (lines {@code A. ..}, {@code B) ..}, {@code (C) ..}) when it has at least two, and a trailing
 * {@code Answer:} line is dropped. Counts are taken as {@code ln(1 + n)} so that no single feature runs away on long
 * prompts.
 *
 * <p>The set, the order and every pattern are part of the shipped model: the trainer in {@code benchmarks/} calls
 * {@link #of} and the model file names the features in this order, so a change here needs a retrained model (a
 * test fails until then). One known quirk is kept for that reason: {@code logVariables} also counts the choice
 * labels B, C and D.
 */
final class PromptFeatures {

    static final List<String> NAMES = List.of(
            "logStemWords",
            "logChoiceWordsMean",
            "logStemDigits",
            "logStemNumbers",
            "logChoiceNumbers",
            "numericChoiceShare",
            "logOperators",
            "logVariables",
            "logMultiStep",
            "logNegation",
            "whichOfFollowing",
            "enumerated",
            "meanWordLen",
            "longWordShare",
            "capitalShare",
            "logSentences",
            "questionMarks",
            "logReasoning",
            "code",
            "logDecimals",
            "logUnits",
            "rareWordShare",
            "logChoiceSpread");

    private static final Pattern CHOICE = Pattern.compile("^\\s*\\(?([A-Ha-h])[.)]\\s+(.*)$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z'-]*");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern DECIMAL_OR_FRACTION = Pattern.compile("\\d+\\.\\d+|\\d+\\s*/\\s*\\d+");
    private static final Pattern OPERATOR = Pattern.compile(
            "[+*/^=<>×÷√∑∫π≤≥≠±∞]|(?<=\\s)-(?=\\s)|\\\\[a-z]+|\\b(?:sqrt|log|ln|sin|cos|tan|lim|mod)\\b");
    private static final Pattern VARIABLE =
            Pattern.compile("(?<![A-Za-z])[b-zB-HJ-Z](?![A-Za-z'])|\\b[a-z]\\(|\\b[xyzn]\\^?\\d");
    private static final Pattern MULTI_STEP = Pattern.compile(
            "(?i)\\b(how many|how much|how long|how far|total|altogether|in all|calculate|compute|find|determine|"
                    + "what is the value|each|per|remaining|left over|times|twice|half|percent|rate|average|ratio|"
                    + "more than|less than|after|then)\\b");
    private static final Pattern NEGATION =
            Pattern.compile("\\b(NOT|EXCEPT|LEAST|FALSE)\\b|(?i)\\b(not|except|false|incorrect|least|never|cannot)\\b");
    private static final Pattern WHICH = Pattern.compile("(?i)\\bwhich of the following\\b");
    private static final Pattern ENUMERATED =
            Pattern.compile("(?m)(?:^|\\s)(?:I{1,3}V?|IV|V)\\.\\s|Statement \\d|Scenario \\d|\\b[1-4]\\)\\s");
    private static final Pattern UNIT = Pattern.compile(
            "(?i)\\d\\s*(%|percent|dollars?|cents?|\\$|kg|g|mg|m|cm|mm|km|miles?|feet|foot|inches|hours?|minutes?|"
                    + "seconds?|days?|weeks?|months?|years?|mph|km/h|liters?|ml|pounds?|ounces?|°|degrees?|joules?|j|n|"
                    + "w|v|hz|mol)\\b");
    private static final Pattern REASONING = Pattern.compile(
            "(?i)\\b(prove|proof|step by step|derive|reason(ing)?|theorem|calculate|solve|logic|puzzle|why does|"
                    + "how many|probability|equation)\\b");
    private static final Pattern CODE = Pattern.compile(
            "```|\\b(def|class|public|function|import|return|SELECT|const|#include)\\b|[{};]\\s*$", Pattern.MULTILINE);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");
    private static final int LONG_WORD = 9;
    private static final int MAX_QUESTION_MARKS = 3;

    private PromptFeatures() {}

    /** The feature values, in the order of {@link #NAMES}; {@code commonWords} are lower case. */
    static double[] of(String text, Set<String> commonWords) {
        Split split = Split.of(text);
        String stem = split.stem;
        List<String> stemWords = words(stem);
        ChoiceStats choices = ChoiceStats.of(split.choices);
        int longWords = 0;
        int capitals = 0;
        int rare = 0;
        double letters = 0;
        for (int i = 0; i < stemWords.size(); i++) {
            String word = stemWords.get(i);
            letters += word.length();
            longWords += word.length() >= LONG_WORD ? 1 : 0;
            capitals += i > 0 && Character.isUpperCase(word.charAt(0)) ? 1 : 0;
            rare += commonWords.contains(word.toLowerCase(Locale.ROOT)) ? 0 : 1;
        }
        int wordCount = Math.max(1, stemWords.size());
        return new double[] {
            Math.log1p(stemWords.size()),
            choices.meanWords,
            Math.log1p(stem.chars().filter(Character::isDigit).count()),
            Math.log1p(count(NUMBER, stem)),
            Math.log1p(choices.numbers),
            choices.numericShare,
            Math.log1p(count(OPERATOR, text)),
            Math.log1p(count(VARIABLE, text)),
            Math.log1p(count(MULTI_STEP, stem)),
            Math.log1p(count(NEGATION, stem)),
            WHICH.matcher(stem).find() ? 1 : 0,
            ENUMERATED.matcher(stem).find() ? 1 : 0,
            letters / wordCount,
            (double) longWords / wordCount,
            (double) capitals / wordCount,
            Math.log1p(count(SENTENCE_END, stem)),
            Math.min(MAX_QUESTION_MARKS, stem.chars().filter(c -> c == '?').count()),
            Math.log1p(count(REASONING, text)),
            CODE.matcher(text).find() ? 1 : 0,
            Math.log1p(count(DECIMAL_OR_FRACTION, text)),
            Math.log1p(count(UNIT, text)),
            (double) rare / wordCount,
            choices.lengthSpread
        };
    }

    /** The question stem, and the answer choices when there are at least two (the first one labelled A). */
    private record Split(String stem, List<String> choices) {

        static Split of(String text) {
            StringBuilder stem = new StringBuilder();
            List<String> choices = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.strip().equals("Answer:")) {
                    continue;
                }
                Matcher choice = CHOICE.matcher(line);
                if (choice.matches()
                        && (!choices.isEmpty()
                                || Character.toUpperCase(choice.group(1).charAt(0)) == 'A')) {
                    choices.add(choice.group(2));
                } else if (choices.isEmpty()) {
                    stem.append(line).append('\n');
                } else {
                    choices.set(choices.size() - 1, choices.get(choices.size() - 1) + " " + line);
                }
            }
            return choices.size() < 2 ? new Split(text, List.of()) : new Split(stem.toString(), choices);
        }
    }

    private record ChoiceStats(double meanWords, double numbers, double numericShare, double lengthSpread) {

        static ChoiceStats of(List<String> choices) {
            if (choices.isEmpty()) {
                return new ChoiceStats(0, 0, 0, 0);
            }
            double words = 0;
            double numbers = 0;
            double numeric = 0;
            int shortest = Integer.MAX_VALUE;
            int longest = 0;
            for (String choice : choices) {
                words += words(choice).size();
                shortest = Math.min(shortest, choice.length());
                longest = Math.max(longest, choice.length());
                int count = count(NUMBER, choice);
                numbers += count;
                long letters = choice.chars().filter(Character::isLetter).count();
                numeric += count > 0 && letters <= 3 ? 1 : 0;
            }
            int size = choices.size();
            return new ChoiceStats(
                    Math.log1p(words / size), numbers, numeric / size, Math.log1p(longest) - Math.log1p(shortest));
        }
    }

    /** The distinct words of {@code text}, lower case: what the rare-word feature looks up in the common words. */
    static Set<String> distinctLowerCaseWords(String text) {
        Set<String> distinct = new HashSet<>();
        for (String word : words(text)) {
            distinct.add(word.toLowerCase(Locale.ROOT));
        }
        return distinct;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
