package io.followup.inbound.text;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the attribution line that introduces quoted history ("On Tue, 3 May 2016, Jane
 * &lt;jane@example.com&gt; wrote:", "Am 03.02.2016 schrieb Max:", "Le 4 janv. 2016, Neil a
 * écrit :", "2016/01/15 19:40 Jeff &lt;jeff@example.com&gt;:"), also when a mail client wrapped
 * it over several lines. Immutable and thread-safe.
 */
final class AttributionDetector {

    private static final int MAX_SPAN_WITH_OPENER = 6;
    private static final int MAX_SPAN_OTHERWISE = 3;
    private static final int MAX_TAIL_AFTER_VERB = 100;
    private static final int MAX_LINE_LENGTH = 400;

    private static final String LATIN_VERBS = "wrote|writes|has written|escribió|escribio|escribe|a écrit|a ecrit"
            + "|schrieb|schreef|geschreven|ha scritto|scrisse|escreveu|skrev|skrive|pisze|napisał\\(a\\)|napisała|napisał"
            + "|napisal|написал\\(а\\)|написала|написал|написав|пишет|kirjoitti|írta|yazdı|đã viết|napsal\\(a\\)|napsal|napísal"
            + "|έγραψε|כתב|كتب|menulis|napisao|napisala|a scris|rašė|raše|rakstīja|kirjutas|va escriure|escribiu"
            + "|написа|је написао";
    private static final String CJK_VERBS = "写道|寫道|書きました|のメッセージ|작성";

    /** The verb of an attribution, in any supported language. */
    private static final Pattern VERB = Pattern.compile(
            "(?:(?<!\\p{L})(?:" + LATIN_VERBS + ")(?!\\p{L})|" + CJK_VERBS + ")",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Words that open an attribution: "On", "Am", "Le", "El", "Op", "Il", "Em", "Den", "W dniu"... */
    private static final Pattern OPENER = Pattern.compile(
            "^[ \\t>*_-]*(?:On|Am|Le|El|Op|Il|Em|Den|Dne|W dniu|Dnia|Vào|Pada|Na|Στις|在|În|In data de|Pe|Dana|На)(?:\\s|$)");

    private static final Pattern DATE_FIRST = Pattern.compile(
            "^[ \\t>]*(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}"
                    + "|\\d{1,2}\\.?\\s+\\p{L}{3,}\\.?,?\\s+\\d{4}|\\d{4}\\s*[年년])");

    private static final String EMAIL = "<?(?:mailto:)?[^<>\\s@]+@[^<>\\s@]+\\.[^<>\\s@]+>";

    private static final Pattern ENDS_WITH_COLON = Pattern.compile("[:：][ \\t]*$");
    private static final Pattern ENDS_WITH_VERB = Pattern.compile(
            "(?:" + VERB.pattern() + ")[ \\t<>-]*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ENDS_WITH_EMAIL_OR_VERB = Pattern.compile(
            "(?:" + EMAIL + "|" + VERB.pattern() + ")[ \\t]*[:：]?[ \\t]*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern YEAR_THEN_EMAIL_COLON = Pattern.compile(
            "(?:19|20)\\d{2}.{1,80}?" + EMAIL + "[ \\t]*[:：][ \\t]*$");
    private static final Pattern VERB_COLON_AT_END = Pattern.compile(
            "(?:" + VERB.pattern() + ")[ \\t]*[:：][ \\t]*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CONTINUATION_START = Pattern.compile(
            "^[ \\t]*(?:<|\\(|mailto:|[\\w.+-]+@|>[ \\t]*(?:" + VERB.pattern() + "))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CONTINUATION_END = Pattern.compile("[<,(\"][ \\t]*$");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern TIME = Pattern.compile("(?<!\\d)\\d{1,2}[:.]\\d{2}(?!\\d)");

    /**
     * How many lines, starting at {@code start}, make up an attribution; 0 when the line at
     * {@code start} does not open one.
     */
    int spanAt(List<String> lines, int start) {
        String first = lines.get(start);
        if (first.isBlank() || first.length() > MAX_LINE_LENGTH) {
            return 0;
        }
        if (OPENER.matcher(first).find()) {
            int span = openerSpan(lines, start);
            if (span > 0) {
                return span;
            }
        }
        if (DATE_FIRST.matcher(first).find()) {
            int span = compactSpan(lines, start, Continuation.ANY_BUT_NEW_ATTRIBUTION,
                    joined -> ENDS_WITH_EMAIL_OR_VERB.matcher(joined).find());
            if (span > 0) {
                return span;
            }
        }
        if (VERB.matcher(first).find()) {
            int span = compactSpan(lines, start, Continuation.NO_FURTHER_VERB, AttributionDetector::isVerbWithDate);
            if (span > 0) {
                return span;
            }
        }
        return compactSpan(lines, start, Continuation.ADDRESS_TAIL, joined -> isVerbAtEnd(joined, lines, start)
                || YEAR_THEN_EMAIL_COLON.matcher(joined).find());
    }

    /** "On &lt;date&gt;, &lt;someone&gt; wrote:", possibly wrapped, possibly with blank lines inside. */
    private int openerSpan(List<String> lines, int start) {
        StringBuilder joined = new StringBuilder();
        int limit = Math.min(lines.size(), start + MAX_SPAN_WITH_OPENER);
        for (int index = start; index < limit; index++) {
            String line = lines.get(index);
            if (index > start && OPENER.matcher(line).find()) {
                return 0;
            }
            if (line.length() > MAX_LINE_LENGTH) {
                return 0;
            }
            joined.append(index > start ? " " : "").append(line.strip());
            if (!line.isBlank() && isOpenerAttribution(joined.toString())) {
                return index - start + 1;
            }
        }
        return 0;
    }

    private static boolean isOpenerAttribution(String joined) {
        if (!DIGIT.matcher(joined).find()) {
            return false;
        }
        int verbEnd = lastVerbEnd(joined);
        if (verbEnd < 0 || joined.length() - verbEnd > MAX_TAIL_AFTER_VERB) {
            return false;
        }
        return ENDS_WITH_COLON.matcher(joined).find() || ENDS_WITH_VERB.matcher(joined).find();
    }

    /**
     * "Jane &lt;jane@example.com&gt; schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:", or a date
     * with a time before the verb: "tis 3 mars 2026 kl 10:15 skrev Jane:".
     */
    private static boolean isVerbWithDate(String joined) {
        int verbEnd = lastVerbEnd(joined);
        if (verbEnd < 0 || joined.length() - verbEnd > MAX_TAIL_AFTER_VERB || !ENDS_WITH_COLON.matcher(joined).find()) {
            return false;
        }
        return DIGIT.matcher(joined.substring(verbEnd)).find() || TIME.matcher(joined).find();
    }

    /** "Jane Doe &lt;jane@example.com&gt; wrote:", "понедельник, 6 октября 2014 г. пользователь lidel написал:" */
    private static boolean isVerbAtEnd(String joined, List<String> lines, int start) {
        if (!VERB_COLON_AT_END.matcher(joined).find()) {
            return false;
        }
        if (DIGIT.matcher(joined).find() || joined.contains("@")) {
            return true;
        }
        return nextNonBlankIsQuote(lines, start);
    }

    private static boolean nextNonBlankIsQuote(List<String> lines, int start) {
        for (int index = start + 1; index < lines.size(); index++) {
            String line = lines.get(index);
            if (!line.isBlank()) {
                return LineMarkers.isQuote(line);
            }
        }
        return false;
    }

    /** Which lines may continue a wrapped attribution after its first line. */
    private enum Continuation {
        /** Any line that does not itself start an attribution. */
        ANY_BUT_NEW_ATTRIBUTION,
        /** As above, and without a second attribution verb. */
        NO_FURTHER_VERB,
        /** Only the wrapped tail of an address ("&lt;", "mailto:", "jane@..."). */
        ADDRESS_TAIL
    }

    /**
     * A span of up to three non-blank lines that satisfies {@code test}, whose lines after
     * the first obey {@code continuation}, so that a sentence above an attribution is never
     * swallowed into it.
     */
    private static int compactSpan(List<String> lines, int start, Continuation continuation,
                                   Predicate<String> test) {
        StringBuilder joined = new StringBuilder();
        int limit = Math.min(lines.size(), start + MAX_SPAN_OTHERWISE);
        for (int index = start; index < limit; index++) {
            String line = lines.get(index);
            if (line.isBlank() || line.length() > MAX_LINE_LENGTH) {
                return 0;
            }
            if (index > start && !continues(continuation, lines.get(index - 1), line)) {
                return 0;
            }
            joined.append(index > start ? " " : "").append(line.strip());
            if (test.test(joined.toString())) {
                return index - start + 1;
            }
        }
        return 0;
    }

    private static boolean continues(Continuation continuation, String previous, String line) {
        boolean startsAnother = OPENER.matcher(line).find() || DATE_FIRST.matcher(line).find();
        return switch (continuation) {
            case ANY_BUT_NEW_ATTRIBUTION -> !startsAnother;
            case NO_FURTHER_VERB -> !startsAnother && !VERB.matcher(line).find();
            case ADDRESS_TAIL -> CONTINUATION_END.matcher(previous).find() || CONTINUATION_START.matcher(line).find();
        };
    }

    private static int lastVerbEnd(String text) {
        Matcher matcher = VERB.matcher(text);
        int end = -1;
        while (matcher.find()) {
            end = matcher.end();
        }
        return end;
    }
}
