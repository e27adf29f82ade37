package io.followup.inbound.text;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells whether a phrase found in a reply is negated: a negation word up to three words
 * before it, or (for languages that negate after the verb) up to three words after it, in the
 * same clause. Clauses end at sentence punctuation, commas, line breaks and "but".
 * Immutable and thread-safe.
 */
final class NegationScope {

    private static final int WORDS_BEFORE = 3;
    private static final int WORDS_AFTER = 3;
    private static final int CONTEXT_CHARS = 200;
    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "[.!?;:,()\\n\u2013\u2014]|(?<![\\p{L}])(?:but|however|though|aber|mais|pero|maar)(?![\\p{L}])");
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}']+");

    private final List<Phrase> before;
    private final List<Phrase> after;

    NegationScope(List<String> negationsBefore, List<String> negationsAfter) {
        this.before = negationsBefore.stream().map(Phrase::new).toList();
        this.after = negationsAfter.stream().map(Phrase::new).toList();
    }

    /** The negation word that negates {@code folded[start, end)}, if any. */
    Optional<String> negationOf(String folded, int start, int end) {
        String window = lastWords(clauseBefore(folded, start));
        for (String word : WORD_SPLIT.split(window)) {
            if (word.endsWith("n't")) {
                return Optional.of(word);
            }
        }
        Optional<String> found = firstFound(before, window);
        if (found.isPresent()) {
            return found;
        }
        return firstFound(after, firstWords(clauseAfter(folded, end)));
    }

    private static Optional<String> firstFound(List<Phrase> phrases, String window) {
        return phrases.stream().filter(phrase -> phrase.matcher(window).find()).map(Phrase::text).findFirst();
    }

    private static String clauseBefore(String folded, int start) {
        String before = folded.substring(Math.max(0, start - CONTEXT_CHARS), start);
        var matcher = CLAUSE_BREAK.matcher(before);
        int clauseStart = 0;
        while (matcher.find()) {
            clauseStart = matcher.end();
        }
        return before.substring(clauseStart);
    }

    private static String clauseAfter(String folded, int end) {
        String after = folded.substring(end, Math.min(folded.length(), end + CONTEXT_CHARS));
        var matcher = CLAUSE_BREAK.matcher(after);
        return matcher.find() ? after.substring(0, matcher.start()) : after;
    }

    private static String lastWords(String text) {
        String[] words = text.strip().split("\\s+");
        return String.join(" ", Arrays.copyOfRange(words, Math.max(0, words.length - WORDS_BEFORE), words.length));
    }

    private static String firstWords(String text) {
        String[] words = text.strip().split("\\s+");
        return String.join(" ", Arrays.copyOfRange(words, 0, Math.min(words.length, WORDS_AFTER)));
    }
}
