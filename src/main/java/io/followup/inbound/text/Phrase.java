package io.followup.inbound.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured phrase compiled to a pattern over {@link TextFolding folded} text (see
 * {@link IntentRules} for the syntax). Immutable and thread-safe.
 */
final class Phrase {

    private static final String SEPARATOR = "[\\s,;:!.\u2013\u2014-]+";
    private static final String WILDCARD = "(?:\\s+\\S+){0,3}?";
    private static final String EDGE_PUNCTUATION = "[\\s\\p{P}]*";

    private final String text;
    private final Pattern pattern;

    Phrase(String text) {
        this.text = text.strip();
        this.pattern = Pattern.compile(toRegex(this.text));
    }

    String text() {
        return text;
    }

    Matcher matcher(String folded) {
        return pattern.matcher(folded);
    }

    private static String toRegex(String phrase) {
        boolean anchoredStart = phrase.startsWith("^");
        boolean anchoredEnd = phrase.endsWith("$") && phrase.length() > 1;
        String body = phrase.substring(anchoredStart ? 1 : 0, phrase.length() - (anchoredEnd ? 1 : 0)).strip();
        String[] words = TextFolding.fold(body).split("\\s+");
        StringBuilder regex = new StringBuilder(anchoredStart ? "^" + EDGE_PUNCTUATION : "");
        boolean first = true;
        for (String word : words) {
            if (word.equals("*")) {
                regex.append(WILDCARD);
                continue;
            }
            if (first && Character.isLetterOrDigit(word.charAt(0))) {
                regex.append("(?<![\\p{L}\\p{N}])");
            }
            regex.append(first ? "" : SEPARATOR).append(Pattern.quote(word));
            first = false;
        }
        String last = words[words.length - 1];
        if (Character.isLetterOrDigit(last.charAt(last.length() - 1))) {
            regex.append("(?![\\p{L}\\p{N}])");
        }
        if (anchoredEnd) {
            regex.append(EDGE_PUNCTUATION).append("\\z");
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
