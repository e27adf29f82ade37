package io.followup.inbound.text;

import java.util.List;
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
            + "|napisal|написал\\(а\\)|написала|написал|пишет|kirjoitti|írta|yazdı|đã viết|napsal|napísal";
    private static final String CJK_VERBS = "写道|寫道|書きました|작성";

    /** The verb of an attribution, in any supported language. */
    private static final Pattern VERB = Pattern.compile(
            "(?:(?<!\\p{L})(?:" + LATIN_VERBS + ")(?!\\p{L})|" + CJK_VERBS + ")",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Words that open an attribution: "On", "Am", "Le", "El", "Op", "Il", "Em", "Den", "W dniu"... */
    private static final Pattern OPENER = Pattern.compile(
            "^[ \\t>*_-]*(?:On|Am|Le|El|Op|Il|Em|Den|Dne|W dniu|Dnia|Vào|Pada|Na|在)(?:\\s|$)");

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
            int span = compactSpan(lines, start, false, joined -> ENDS_WITH_EMAIL_OR_VERB.matcher(joined).find());
            if (span > 0) {
                return span;
            }
        }
        if (VERB.matcher(first).find()) {
            int span = compactSpan(lines, start, false, this::isVerbThenDate);
            if (span > 0) {
                return span;
            }
        }
        return compactSpan(lines, start, true, joined -> isVerbAtEnd(joined, lines, start)
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

    /** "Jane &lt;jane@example.com&gt; schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:" */
    private boolean isVerbThenDate(String joined) {
        int verbEnd = lastVerbEnd(joined);
        if (verbEnd < 0 || joined.length() - verbEnd > MAX_TAIL_AFTER_VERB) {
            return false;
        }
        return DIGIT.matcher(joined.substring(verbEnd)).find() && ENDS_WITH_COLON.matcher(joined).find();
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

    /**
     * A span of up to three non-blank lines that satisfies {@code test}; when
     * {@code continuationOnly}, the lines after the first must look like the wrapped tail of
     * an address ("&lt;", "mailto:", "jane@...") so that a sentence above an attribution is
     * never swallowed.
     */
    private static int compactSpan(List<String> lines, int start, boolean continuationOnly,
                                   java.util.function.Predicate<String> test) {
        StringBuilder joined = new StringBuilder();
        int limit = Math.min(lines.size(), start + MAX_SPAN_OTHERWISE);
        for (int index = start; index < limit; index++) {
            String line = lines.get(index);
            if (line.isBlank() || line.length() > MAX_LINE_LENGTH) {
                return 0;
            }
            if (index > start && continuationOnly && !isContinuation(lines.get(index - 1), line)) {
                return 0;
            }
            joined.append(index > start ? " " : "").append(line.strip());
            if (test.test(joined.toString())) {
                return index - start + 1;
            }
        }
        return 0;
    }

    private static boolean isContinuation(String previous, String line) {
        return CONTINUATION_END.matcher(previous).find() || CONTINUATION_START.matcher(line).find();
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
