package io.followup.inbound.classify;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the return date an auto-reply announces ("back on May 5", "until 31.07.", "du 10 au 31 juillet",
 * "bis zum 12. August", "hasta el 3 de mayo", ISO dates...) in English, German, French, Spanish,
 * Portuguese, Dutch and Italian. A date without a year is the next such date on or after the
 * message date. Thread-safe (stateless).
 */
final class ReturnDateParser {

    private static final Map<String, Integer> MONTHS = months();
    private static final String MONTH = MONTHS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote).collect(Collectors.joining("|"));
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)");
    private static final Pattern DAY_MONTH = Pattern.compile("(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th|er|e|º|°|ª)?\\.?"
            + "\\s{0,3}(?:de\\s+|of\\s+)?(" + MONTH + ")(?![\\p{L}])\\.?(?:,?\\s{0,3}(?:de\\s+)?(\\d{4})(?!\\d))?",
            FLAGS);
    private static final Pattern MONTH_DAY = Pattern.compile("(?<![\\p{L}])(" + MONTH + ")\\.?\\s{1,3}(\\d{1,2})"
            + "(?:st|nd|rd|th)?(?!\\d)(?:,?\\s{0,3}(\\d{4})(?!\\d))?", FLAGS);
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<![\\d.:/])(\\d{1,2})([./-])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?(\\.?)(?![\\d:]|[./-]\\d)");
    private static final Pattern RETURN_WORDS = Pattern.compile(
            "back|return|zur[üu]ck|wieder|retour|de retour|regres|vuelt|volt|retorn|terug|rientr|ritorno"
                    + "|reachable|erreichbar|available|disponible|dispon[íi]vel|bereikbaar|disponibile", FLAGS);
    private static final Pattern UNTIL_WORDS = Pattern.compile(
            "until|till|\\btil\\b|through|\\bto\\b|\\bbis\\b|jusqu|\\bau\\b|hasta|\\bal\\b|\\baté\\b|\\btot\\b"
                    + "|t/m|t\\.m\\.|fino al|\\bal\\b|einschlie[ßs]lich|inclusive", FLAGS);

    private static final Pattern QUOTE_START = Pattern.compile("(?im)^(>|[ \\t]*-{2,}[ \\t]*(original|forwarded|"
            + "urspr[üu]ngliche|message d'origine|mensaje original|mensagem original|oorspronkelijk|messaggio "
            + "originale)|[ \\t]*on .{1,120} wrote:|[ \\t]*am .{1,120} schrieb|[ \\t]*le .{1,120} a [ée]crit"
            + "|[ \\t]*(from|von|de|van|da):[ \\t].{0,200}\\n[ \\t]*(sent|gesendet|envoy[ée]|enviado|verzonden"
            + "|inviato|date|datum):)");

    private record Found(LocalDate date, int start, boolean returnWord, boolean returnAfter, boolean untilWord) {
    }

    private ReturnDateParser() {
    }

    /** The announced return date, or null when the text gives none. */
    static LocalDate parse(String text, LocalDate messageDate) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String own = withoutQuotedMessage(text);
        String sample = own.length() > 5000 ? own.substring(0, 5000) : own;
        List<Found> found = new ArrayList<>();
        Matcher iso = ISO.matcher(sample);
        while (iso.find()) {
            add(found, sample, iso.start(), iso.end(), date(number(iso.group(1)), number(iso.group(2)), number(iso.group(3)),
                    messageDate));
        }
        Matcher dayMonth = DAY_MONTH.matcher(sample);
        while (dayMonth.find()) {
            add(found, sample, dayMonth.start(), dayMonth.end(), date(year(dayMonth.group(3)), month(dayMonth.group(2)),
                    number(dayMonth.group(1)), messageDate));
        }
        Matcher monthDay = MONTH_DAY.matcher(sample);
        while (monthDay.find()) {
            add(found, sample, monthDay.start(), monthDay.end(), date(year(monthDay.group(3)), month(monthDay.group(1)),
                    number(monthDay.group(2)), messageDate));
        }
        Matcher numeric = NUMERIC.matcher(sample);
        while (numeric.find()) {
            boolean dated = numeric.group(4) != null || !numeric.group(5).isEmpty() || numeric.group(2).equals("/");
            if (!dated) {
                continue;
            }
            int first = number(numeric.group(1));
            int second = number(numeric.group(3));
            boolean monthFirst = second > 12 && first <= 12;
            add(found, sample, numeric.start(), numeric.end(), date(year(numeric.group(4)), monthFirst ? first : second,
                    monthFirst ? second : first, messageDate));
        }
        return choose(found, messageDate);
    }

    /** The text before quoted history ("> " lines, "-----Original Message-----", "On ... wrote:"). */
    static String withoutQuotedMessage(String text) {
        Matcher quote = QUOTE_START.matcher(text);
        return quote.find() ? text.substring(0, quote.start()) : text;
    }

    private static LocalDate choose(List<Found> found, LocalDate messageDate) {
        if (found.isEmpty()) {
            return null;
        }
        found.sort(Comparator.comparingInt(Found::start));
        for (Found candidate : found) {
            if (candidate.returnWord()) {
                return candidate.date();
            }
        }
        for (Found candidate : found) {
            if (candidate.returnAfter()) {
                return candidate.date();
            }
        }
        for (Found candidate : found) {
            if (candidate.untilWord()) {
                return candidate.date();
            }
        }
        return found.stream().map(Found::date)
                .filter(date -> messageDate == null || !date.isBefore(messageDate))
                .max(Comparator.naturalOrder()).orElse(null);
    }

    private static void add(List<Found> found, String text, int start, int end, LocalDate date) {
        if (date == null) {
            return;
        }
        String after = text.substring(end, Math.min(text.length(), end + 30));
        int stop = after.indexOf(". ");
        after = stop >= 0 ? after.substring(0, stop) : after;
        String before = text.substring(Math.max(0, start - 60), start);
        int sentence = Math.max(before.lastIndexOf(". "), before.lastIndexOf('\n'));
        String clause = sentence >= 0 && sentence < before.length() - 1 ? before.substring(sentence) : before;
        found.add(new Found(date, start, RETURN_WORDS.matcher(clause).find(), RETURN_WORDS.matcher(after).find(),
                UNTIL_WORDS.matcher(clause).find()));
    }

    private static LocalDate date(Integer year, Integer month, int day, LocalDate messageDate) {
        if (month == null || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            if (year != null) {
                return LocalDate.of(year < 100 ? 2000 + year : year, month, day);
            }
            LocalDate reference = messageDate != null ? messageDate : LocalDate.now(java.time.ZoneOffset.UTC);
            LocalDate candidate = LocalDate.of(reference.getYear(), month, day);
            return candidate.isBefore(reference) ? candidate.plusYears(1) : candidate;
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    private static Integer year(String text) {
        return text == null || text.isEmpty() ? null : number(text);
    }

    private static int number(String text) {
        return Integer.parseInt(text);
    }

    private static Integer month(String name) {
        return MONTHS.get(name.toLowerCase(Locale.ROOT).replace(".", ""));
    }

    private static Map<String, Integer> months() {
        String[][] names = {
                {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro", "januari",
                        "gennaio", "genn"},
                {"february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "fevereiro", "fev",
                        "februari", "febbraio"},
                {"march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt"},
                {"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
                {"may", "mai", "mayo", "maio", "mei", "maggio"},
                {"june", "jun", "juni", "juin", "junio", "junho", "giugno"},
                {"july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio"},
                {"august", "aug", "août", "aout", "agosto", "augustus"},
                {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro",
                        "settembre"},
                {"october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "ottobre", "ott"},
                {"november", "nov", "novembre", "noviembre", "novembro"},
                {"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
                        "dezembro", "dicembre"}
        };
        Map<String, Integer> months = new HashMap<>();
        for (int month = 0; month < names.length; month++) {
            for (String name : names[month]) {
                months.put(name, month + 1);
            }
        }
        return Map.copyOf(months);
    }
}
