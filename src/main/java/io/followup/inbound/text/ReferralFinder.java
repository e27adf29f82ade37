package io.followup.inbound.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, around a referral phrase, the e-mail address and the name of the person a reply
 * points to. Names are only taken from the text (capitalised words next to the address or
 * the phrase), never guessed from an address. Immutable and thread-safe.
 */
final class ReferralFinder {

    private static final int MAX_WORDS_BEFORE_ADDRESS = 4;
    private static final int LOOK_AHEAD_CHARS = 160;

    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");

    private static final String NAME_WORD = "\\p{Lu}[\\p{L}'\u2019-]*";
    private static final String NAME = "(?<![\\p{L}])" + NAME_WORD + "(?:\\s+(?:(?:van|von|de|der|den|da|di|del|la|le)\\s+)?" + NAME_WORD + "){0,3}";
    private static final Pattern NAME_BEFORE_ADDRESS = Pattern.compile(
            "(" + NAME + ")(?:\\s*[(<\\[:,\u2013\u2014-]\\s*|\\s+(?:at|via|on|unter|à|a|en|op)\\s+|\\s+)(?:mailto:)?$");
    private static final Pattern NAME_AFTER_PHRASE = Pattern.compile(
            "^[\\s,:]*(?:(?:is|would be|will be|ist|est|es)\\s+)?(" + NAME + ")");
    private static final Pattern NAME_AFTER_VERB = Pattern.compile("^\\s+(" + NAME + ")");
    private static final Pattern NAME_BEFORE_PHRASE = Pattern.compile(
            "(" + NAME + ")\\s+(?:is|would be|will be|might be|may be|ist|est|es|is)\\s+$");
    private static final Pattern SELF_OR_CLAUSE_BREAK = Pattern.compile(
            "(?<![\\p{L}])(?:me|us|mich|uns|moi|nous|mij|ons|my|mine)(?![\\p{L}])|[.;!?]");

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");

    private static final Set<String> NOT_NAMES = Set.of(
            "please", "contact", "email", "e-mail", "mail", "hi", "hello", "hey", "dear", "thanks", "thank", "my",
            "our", "the", "a", "an", "colleague", "colleagues", "talk", "speak", "reach", "write", "ask", "ping",
            "get", "or", "and", "but", "i", "i'm", "we", "you", "he", "she", "they", "it", "me", "us", "him",
            "her", "them", "his", "is", "sie", "ihnen", "er", "du", "dich", "vous", "il", "elle", "usted", "mi",
            "mon", "ma", "mein", "meine", "unser", "unsere", "mijn", "onze", "cc", "team", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
            "may", "june", "july", "august", "september", "october", "november", "december", "he's", "she's",
            "they're", "best", "regards", "cheers", "sorry", "yes", "no", "ok", "okay", "also", "just");

    /** The address and name for a phrase found at {@code [start, end)} of {@code text}. */
    Referral find(String text, int start, int end, boolean verbMatch) {
        String address = addressNear(text, start, end);
        String name = null;
        if (address != null) {
            int addressStart = text.indexOf(address, start) >= 0 ? text.indexOf(address, start) : text.lastIndexOf(address);
            int prefixStart = lineStart(text, addressStart);
            if (text.substring(prefixStart, addressStart).isBlank() && prefixStart > 0) {
                prefixStart = lineStart(text, prefixStart - 1);
            }
            name = nameBefore(text.substring(prefixStart, addressStart), NAME_BEFORE_ADDRESS).orElse(null);
        }
        if (name == null) {
            String rest = text.substring(end, Math.min(text.length(), end + LOOK_AHEAD_CHARS));
            name = nameAfter(rest, verbMatch ? NAME_AFTER_VERB : NAME_AFTER_PHRASE).orElse(null);
        }
        if (name == null && !verbMatch) {
            name = nameBefore(text.substring(lineStart(text, start), start), NAME_BEFORE_PHRASE).orElse(null);
        }
        return new Referral(address, name);
    }

    /** The address a referral verb at {@code [start, end)} is directly followed by, if any. */
    Optional<String> addressFollowing(String text, int end) {
        String rest = text.substring(end, Math.min(text.length(), end + LOOK_AHEAD_CHARS));
        Matcher email = EMAIL.matcher(rest);
        if (!email.find()) {
            return Optional.empty();
        }
        String between = rest.substring(0, email.start());
        if (SELF_OR_CLAUSE_BREAK.matcher(between.toLowerCase(Locale.ROOT)).find()) {
            return Optional.empty();
        }
        String words = between.strip();
        int count = words.isEmpty() ? 0 : words.split("\\s+").length;
        return count <= MAX_WORDS_BEFORE_ADDRESS ? Optional.of(email.group()) : Optional.empty();
    }

    /** Whether a capitalised name directly follows a referral verb ("talk to Jane"). */
    boolean nameFollows(String text, int end) {
        String rest = text.substring(end, Math.min(text.length(), end + LOOK_AHEAD_CHARS));
        return nameAfter(rest, NAME_AFTER_VERB).isPresent();
    }

    /**
     * The first address after the phrase, else the last before it, within the phrase's
     * paragraph (and the next one when the paragraph ends with a colon), so that the
     * author's own address in a signature below is not taken.
     */
    private static String addressNear(String text, int start, int end) {
        int from = paragraphStart(text, start);
        int to = paragraphEnd(text, end);
        if (text.substring(from, to).stripTrailing().endsWith(":") && to < text.length()) {
            to = paragraphEnd(text, skipBlankLines(text, to));
        }
        Matcher email = EMAIL.matcher(text).region(from, to);
        String before = null;
        while (email.find()) {
            if (email.end() > start) {
                return email.group();
            }
            before = email.group();
        }
        return before;
    }

    private static int paragraphStart(String text, int index) {
        Matcher blank = BLANK_LINE.matcher(text.substring(0, index));
        int start = 0;
        while (blank.find()) {
            start = blank.end();
        }
        return start;
    }

    private static int paragraphEnd(String text, int index) {
        Matcher blank = BLANK_LINE.matcher(text).region(index, text.length());
        return blank.find() ? blank.start() : text.length();
    }

    private static int skipBlankLines(String text, int index) {
        int position = index;
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }

    private static Optional<String> nameBefore(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? cleaned(matcher.group(1)) : Optional.empty();
    }

    private static Optional<String> nameAfter(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? cleaned(matcher.group(1)) : Optional.empty();
    }

    /** Drops leading and trailing words that are not names ("Please contact Jane Doe" gives "Jane Doe"). */
    private static Optional<String> cleaned(String candidate) {
        String[] words = candidate.strip().split("\\s+");
        int first = 0;
        int last = words.length;
        while (first < last && NOT_NAMES.contains(words[first].toLowerCase(Locale.ROOT))) {
            first++;
        }
        while (last > first && NOT_NAMES.contains(words[last - 1].toLowerCase(Locale.ROOT))) {
            last--;
        }
        if (first == last) {
            return Optional.empty();
        }
        String name = String.join(" ", Arrays.copyOfRange(words, first, last));
        return Optional.of(name.replaceAll("['\u2019]s$", ""));
    }

    private static int lineStart(String text, int index) {
        return text.lastIndexOf('\n', Math.max(0, index - 1)) + 1;
    }

    /** The person a reply refers to; either part may be {@code null}. */
    record Referral(String address, String name) {
    }
}
