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

    private record Found(LocalDate date, int start, boolean returnWord, boolean returnAfter, boolean untilWord,
                         String rule) {
    }

    /** A return date with the rule that read it. */
    record ReturnDate(LocalDate date, String rule) {
    }

    /** How an ambiguous numeric date such as 03/04 is read. */
    enum SlashOrder {
        DAY_FIRST, MONTH_FIRST
    }

    private ReturnDateParser() {
    }

    /** The announced return date (ambiguous numeric dates read day first), or null when the text gives none. */
    static LocalDate parse(String text, LocalDate messageDate) {
        ReturnDate found = find(text, messageDate, SlashOrder.DAY_FIRST);
        return found == null ? null : found.date();
    }

    /**
     * The order ambiguous numeric dates (both parts 12 or less) follow in a message: month first for
     * US English, that is a Content-Language of {@code en-US}, or, without a Content-Language, an
     * English text sent from a US time zone (UTC-4 to UTC-10); day first otherwise (the rest of the
     * world, and every other language this parser reads).
     */
    static SlashOrder slashOrder(String contentLanguage, java.time.ZoneOffset offset, String text) {
        if (contentLanguage != null && !contentLanguage.isBlank()) {
            return contentLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en-us") ? SlashOrder.MONTH_FIRST
                    : SlashOrder.DAY_FIRST;
        }
        int hours = offset == null ? 0 : offset.getTotalSeconds() / 3600;
        boolean usZone = offset != null && hours <= -4 && hours >= -10;
        return usZone && text != null && ENGLISH.matcher(text).find() ? SlashOrder.MONTH_FIRST : SlashOrder.DAY_FIRST;
    }

    private static final Pattern ENGLISH = Pattern.compile(
            "\\b(out of (the )?office|i am|i'm|i will|will be|back on|returning|thank you|until)\\b", FLAGS);

    /** The announced return date and the rule that read it, or null when the text gives none. */
    static ReturnDate find(String text, LocalDate messageDate, SlashOrder order) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String own = withoutQuotedMessage(text);
        String sample = own.length() > 5000 ? own.substring(0, 5000) : own;
        List<Found> found = new ArrayList<>();
        Matcher iso = ISO.matcher(sample);
        while (iso.find()) {
            add(found, sample, iso.start(), iso.end(), date(number(iso.group(1)), number(iso.group(2)), number(iso.group(3)),
                    messageDate), "ISO date");
        }
        Matcher dayMonth = DAY_MONTH.matcher(sample);
        while (dayMonth.find()) {
            add(found, sample, dayMonth.start(), dayMonth.end(), date(year(dayMonth.group(3)), month(dayMonth.group(2)),
                    number(dayMonth.group(1)), messageDate), "day and month name");
        }
        Matcher monthDay = MONTH_DAY.matcher(sample);
        while (monthDay.find()) {
            add(found, sample, monthDay.start(), monthDay.end(), date(year(monthDay.group(3)), month(monthDay.group(1)),
                    number(monthDay.group(2)), messageDate), "month name and day");
        }
        Matcher numeric = NUMERIC.matcher(sample);
        while (numeric.find()) {
            boolean dated = numeric.group(4) != null || !numeric.group(5).isEmpty() || numeric.group(2).equals("/");
            if (!dated) {
                continue;
            }
            int first = number(numeric.group(1));
            int second = number(numeric.group(3));
            boolean ambiguous = first <= 12 && second <= 12;
            boolean monthFirst = ambiguous ? order == SlashOrder.MONTH_FIRST && numeric.group(2).equals("/")
                    : second > 12 && first <= 12;
            String rule = !ambiguous ? "numeric date, order fixed by a part over 12"
                    : monthFirst ? "numeric date read month first (US English message)"
                    : "numeric date read day first";
            add(found, sample, numeric.start(), numeric.end(), date(year(numeric.group(4)), monthFirst ? first : second,
                    monthFirst ? second : first, messageDate), rule);
        }
        addRelative(found, sample, messageDate);
        return choose(found, messageDate);
    }

    /** The text before quoted history ("> " lines, "-----Original Message-----", "On ... wrote:"). */
    static String withoutQuotedMessage(String text) {
        Matcher quote = QUOTE_START.matcher(text);
        return quote.find() ? text.substring(0, quote.start()) : text;
    }

    private static ReturnDate choose(List<Found> found, LocalDate messageDate) {
        if (found.isEmpty()) {
            return null;
        }
        found.sort(Comparator.comparingInt(Found::start));
        for (Found candidate : found) {
            if (candidate.returnWord()) {
                return new ReturnDate(candidate.date(), candidate.rule()
                        + (candidate.rule().startsWith(ABSENCE_SPAN) ? " next to an absence word" : " after a return word"));
            }
        }
        for (Found candidate : found) {
            if (candidate.returnAfter()) {
                return new ReturnDate(candidate.date(), candidate.rule() + " before a return word");
            }
        }
        for (Found candidate : found) {
            if (candidate.untilWord()) {
                return new ReturnDate(candidate.date(), candidate.rule() + " after an until word");
            }
        }
        return found.stream().filter(candidate -> !candidate.rule().startsWith("relative"))
                .filter(candidate -> messageDate == null || !candidate.date().isBefore(messageDate))
                .max(Comparator.comparing(Found::date))
                .map(candidate -> new ReturnDate(candidate.date(), candidate.rule() + ", the latest date given"))
                .orElse(null);
    }

    /**
     * Relative return days, counted from the message date: a weekday ("back next Monday", "zurück am
     * kommenden Montag", "de retour lundi", "terug op maandag", "di ritorno lunedì") is the first such
     * day after the message date (a week later when the message was sent on that weekday); "tomorrow"
     * is the next day; "next week" is the Monday after the message date. Only read next to a return or
     * until word, never after "last"/"letzten"/"dernier" (a day in the past), and not when an explicit
     * date follows the weekday.
     */
    private static void addRelative(List<Found> found, String text, LocalDate messageDate) {
        if (messageDate == null) {
            return;
        }
        Matcher weekday = WEEKDAY.matcher(text);
        while (weekday.find()) {
            String before = text.substring(Math.max(0, weekday.start() - 12), weekday.start());
            int end = weekday.end();
            if (PAST.matcher(before).find() || found.stream().anyMatch(explicit ->
                    explicit.start() >= end && explicit.start() <= end + 4)) {
                continue; // a day in the past, or the weekday of an explicit date ("Monday 6 January")
            }
            java.time.DayOfWeek day = WEEKDAYS.get(weekday.group(1).toLowerCase(Locale.ROOT));
            LocalDate date = messageDate.with(java.time.temporal.TemporalAdjusters.next(day));
            addIfContext(found, text, weekday.start(), weekday.end(), date, "relative weekday \""
                    + weekday.group().strip() + "\" after the message date");
        }
        Matcher tomorrow = TOMORROW.matcher(text);
        while (tomorrow.find()) {
            addIfContext(found, text, tomorrow.start(), tomorrow.end(), messageDate.plusDays(1),
                    "relative \"" + tomorrow.group() + "\": the day after the message date");
        }
        Matcher nextWeek = NEXT_WEEK.matcher(text);
        while (nextWeek.find()) {
            addIfContext(found, text, nextWeek.start(), nextWeek.end(),
                    messageDate.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY)),
                    "relative \"" + nextWeek.group() + "\": the Monday after the message date");
        }
        addSpans(found, text, messageDate);
    }

    /**
     * Relative spans: "in two weeks" / "in zwei Wochen" / "dans deux semaines" / "en dos semanas" /
     * "over twee weken" / "tra due settimane" (days, weeks, months from the message date, next to a
     * return or until word); "away for two weeks" / "für zwei Wochen im Urlaub" / "absent pendant deux
     * semaines" (the same span, next to an absence word); the end of this or next month, or of a named
     * month ("end of the month", "Ende des Monats", "fin du mois", "fin de mayo") is its last day; the
     * beginning of next month or of a named month ("Anfang nächsten Monats", "début juillet") its first;
     * the end of the week is its Friday.
     */
    private static void addSpans(List<Found> found, String text, LocalDate messageDate) {
        Matcher in = IN_SPAN.matcher(text);
        while (in.find()) {
            LocalDate date = plus(messageDate, in.group(2), in.group(3));
            if (date != null) {
                addIfContext(found, text, in.start(), in.end(), date, "relative span \"" + in.group().strip()
                        + "\" from the message date");
            }
        }
        Matcher away = FOR_SPAN.matcher(text);
        while (away.find()) {
            LocalDate date = plus(messageDate, away.group(2), away.group(3));
            String clause = text.substring(Math.max(0, away.start() - 60), Math.min(text.length(), away.end() + 40));
            if (date != null && ABSENCE.matcher(clause).find()) {
                found.add(new Found(date, away.start(), true, false, false, ABSENCE_SPAN + " \""
                        + away.group().strip() + "\" from the message date"));
            }
        }
        Matcher monthEnd = MONTH_END.matcher(text);
        while (monthEnd.find()) {
            boolean next = false;
            for (int group = 1; group <= monthEnd.groupCount(); group++) {
                next |= monthEnd.group(group) != null;
            }
            LocalDate month = next ? messageDate.plusMonths(1) : messageDate;
            addIfContext(found, text, monthEnd.start(), monthEnd.end(), month.withDayOfMonth(month.lengthOfMonth()),
                    "relative \"" + monthEnd.group().strip() + "\": the last day of " + (next ? "the next" : "the")
                    + " month of the message date");
        }
        Matcher monthStart = NEXT_MONTH_START.matcher(text);
        while (monthStart.find()) {
            addIfContext(found, text, monthStart.start(), monthStart.end(), messageDate.plusMonths(1).withDayOfMonth(1),
                    "relative \"" + monthStart.group().strip() + "\": the first day of the month after the message date");
        }
        Matcher named = NAMED_MONTH_EDGE.matcher(text);
        while (named.find()) {
            boolean end = named.group(1) != null;
            Integer month = month(named.group(end ? 2 : 4));
            LocalDate first = month == null ? null : date(null, month, 1, messageDate.withDayOfMonth(1));
            if (first != null) {
                addIfContext(found, text, named.start(), named.end(), end ? first.withDayOfMonth(first.lengthOfMonth())
                        : first, "\"" + named.group().strip() + "\": the " + (end ? "last" : "first")
                        + " day of that month");
            }
        }
        Matcher weekNumber = WEEK_NUMBER.matcher(text);
        while (weekNumber.find()) {
            addWeekNumber(found, text, weekNumber, messageDate);
        }
        Matcher weekEnd = WEEK_END.matcher(text);
        while (weekEnd.find()) {
            addIfContext(found, text, weekEnd.start(), weekEnd.end(),
                    messageDate.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.FRIDAY)),
                    "relative \"" + weekEnd.group().strip() + "\": the Friday of the message's week");
        }
    }

    /**
     * A calendar week ("KW 32", "Kalenderwoche 32", "week 32", "semaine 32", "semana 32", "settimana 32",
     * ISO 8601 weeks, the next such week on or after the message's): after a return word its Monday
     * ("ab KW 32 wieder da"), after an until word the Monday after it ("bis KW 31 im Urlaub").
     */
    private static void addWeekNumber(List<Found> found, String text, Matcher weekNumber, LocalDate messageDate) {
        int week = number(weekNumber.group(1));
        if (week < 1 || week > 53) {
            return;
        }
        LocalDate monday = mondayOfWeek(messageDate, week);
        if (monday == null || monday.isBefore(messageDate.with(java.time.DayOfWeek.MONDAY))) {
            monday = mondayOfWeek(messageDate.plusYears(1), week);
        }
        if (monday == null) {
            return;
        }
        List<Found> one = new ArrayList<>();
        add(one, text, weekNumber.start(), weekNumber.end(), monday, "");
        Found context = one.get(0);
        String label = "calendar week \"" + weekNumber.group().strip() + "\"";
        if (context.returnWord() || context.returnAfter()) {
            found.add(new Found(monday, context.start(), context.returnWord(), context.returnAfter(), false,
                    label + ": its Monday"));
        } else if (context.untilWord()) {
            found.add(new Found(monday.plusWeeks(1), context.start(), false, false, true,
                    label + ": the Monday after it"));
        }
    }

    /** The Monday of ISO week {@code week} of the week-based year of {@code day}; null when that year has no such week. */
    private static LocalDate mondayOfWeek(LocalDate day, int week) {
        java.time.temporal.TemporalField field = java.time.temporal.WeekFields.ISO.weekOfWeekBasedYear();
        return day.range(field).isValidValue(week) ? day.with(field, week).with(java.time.DayOfWeek.MONDAY) : null;
    }

    private static final Pattern WEEK_NUMBER = Pattern.compile("(?<![\\p{L}])(?:kw|kalenderwoche|calendar week|week"
            + "|wk|semaine|semana|settimana)\\.?\\s?(\\d{1,2})(?!\\d)", FLAGS);

    private static final String ABSENCE_SPAN = "relative span of absence";

    private static LocalDate plus(LocalDate messageDate, String count, String unit) {
        Integer amount = count.chars().allMatch(Character::isDigit) ? Integer.valueOf(count)
                : NUMBER_WORDS.get(count.toLowerCase(Locale.ROOT));
        if (amount == null || amount < 1 || amount > 366) {
            return null;
        }
        String lower = unit.toLowerCase(Locale.ROOT);
        if (DAY_UNIT.matcher(lower).matches()) {
            return messageDate.plusDays(amount);
        }
        return WEEK_UNIT.matcher(lower).matches() ? messageDate.plusWeeks(amount) : messageDate.plusMonths(amount);
    }

    private static final Map<String, Integer> NUMBER_WORDS = numberWords();
    private static final String NUMBER = "\\d{1,3}|" + NUMBER_WORDS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
            .collect(Collectors.joining("|"));
    private static final String UNIT = "days?|tagen?|tage|jours?|d[íi]as?|dagen|dag|giorn[oi]|weeks?|wochen?|semaines?"
            + "|semanas?|weken|week|settiman[ae]|months?|monate?n?|mois|mes(?:es)?|m[êe]s|maanden|maand|mes[ei]";
    private static final Pattern DAY_UNIT = Pattern.compile("days?|tagen?|tage|jours?|d[íi]as?|dagen|dag|giorn[oi]");
    private static final Pattern WEEK_UNIT = Pattern.compile("weeks?|wochen?|semaines?|semanas?|weken|settiman[ae]");
    private static final Pattern IN_SPAN = Pattern.compile("(?<![\\p{L}])(in|dans|en|dentro de|em|over|binnen|tra|fra)"
            + "\\s+(" + NUMBER + ")\\s+(" + UNIT + ")(?![\\p{L}])", FLAGS);
    private static final Pattern FOR_SPAN = Pattern.compile("(?<![\\p{L}])(for|f[üu]r|pendant|durante|por|voor|per)"
            + "\\s+(?:the\\s+next\\s+|die\\s+n[äa]chsten\\s+|les\\s+|las\\s+|los\\s+|as\\s+|os\\s+|de\\s+|le\\s+)?("
            + NUMBER + ")\\s+(" + UNIT + ")(?![\\p{L}])", FLAGS);
    private static final Pattern ABSENCE = Pattern.compile("away|out of (the )?office|vacation|holiday|on leave"
            + "|abwesend|urlaub|nicht im b[üu]ro|absent|cong[ée]|vacances|ausente|vacaciones|f[ée]rias|afwezig|vakantie"
            + "|verlof|assente|ferie|fuori ufficio", FLAGS);
    private static final Pattern MONTH_END = Pattern.compile("(?<![\\p{L}])(?:end of (?:the |this )?(next )?month"
            + "|(?:ende|zum ende) (?:des |dieses )?(n[äa]chsten |kommenden )?monats|monatsende"
            + "|fin (?:du |de ce )?(?:mois)( prochain)?|fin(?:al(?:es)?)? (?:del? |de este )?mes( (?:pr[óo]ximo|que viene))?"
            + "|(?:fim|final) do m[êe]s( seguinte| que vem)?|eind(?:e)? (?:van )?(?:de |deze )?(volgende )?maand"
            + "|fine (?:del )?mese( prossimo)?)(?![\\p{L}])", FLAGS);
    private static final Pattern NEXT_MONTH_START = Pattern.compile("(?<![\\p{L}])(?:(?:beginning|start) of next month"
            + "|early next month|anfang (?:des )?(?:n[äa]chsten|kommenden) monats|d[ée]but du mois prochain"
            + "|principios del (?:pr[óo]ximo mes|mes que viene)|in[íi]cio do (?:pr[óo]ximo m[êe]s|m[êe]s que vem)"
            + "|begin volgende maand|inizio (?:del )?(?:prossimo mese|mese prossimo))(?![\\p{L}])", FLAGS);
    private static final Pattern NAMED_MONTH_EDGE = Pattern.compile("(?<![\\p{L}])(?:(end of|ende|fin(?:ales)? de|fin"
            + "|fim de|eind|fine) (" + MONTH + ")|(early|beginning of|start of|anfang|d[ée]but|principios de|in[íi]cio de"
            + "|begin|inizio) (" + MONTH + "))(?![\\p{L}\\d])", FLAGS);
    private static final Pattern WEEK_END = Pattern.compile("(?<![\\p{L}])(?:end of (?:the |this )?week"
            + "|ende (?:der|dieser) woche|fin de (?:la |cette )?semaine|eind (?:van )?(?:de |deze )?week)(?![\\p{L}])",
            FLAGS);

    private static Map<String, Integer> numberWords() {
        String[][] names = {
                {"a", "one", "an", "ein", "eine", "einer", "einem", "un", "une", "uno", "una", "um", "uma", "een", "één"},
                {"two", "zwei", "deux", "dos", "dois", "duas", "twee", "due"},
                {"three", "drei", "trois", "tres", "três", "drie", "tre"},
                {"four", "vier", "quatre", "cuatro", "quatro", "quattro"},
                {"five", "fünf", "fuenf", "cinq", "cinco", "vijf", "cinque"},
                {"six", "sechs", "seis", "zes", "sei"},
                {"seven", "sieben", "sept", "siete", "sete", "zeven", "sette"},
                {"eight", "acht", "huit", "ocho", "oito", "otto"},
                {"nine", "neun", "neuf", "nueve", "nove", "negen"},
                {"ten", "zehn", "dix", "diez", "dez", "tien", "dieci"}
        };
        Map<String, Integer> numbers = new HashMap<>();
        for (int number = 0; number < names.length; number++) {
            for (String name : names[number]) {
                numbers.put(name, number + 1);
            }
        }
        return Map.copyOf(numbers);
    }

    private static void addIfContext(List<Found> found, String text, int start, int end, LocalDate date, String rule) {
        List<Found> one = new ArrayList<>();
        add(one, text, start, end, date, rule);
        if (!one.isEmpty() && (one.get(0).returnWord() || one.get(0).returnAfter() || one.get(0).untilWord())) {
            found.add(one.get(0));
        }
    }

    private static final Map<String, java.time.DayOfWeek> WEEKDAYS = weekdays();
    private static final Pattern WEEKDAY = Pattern.compile("(?<![\\p{L}])(?:(?:next|this|coming|n[äa]chsten|kommenden"
            + "|prochain|volgende|komende|pr[óo]ximo|pr[óo]xima|prossimo|prossima)\\s+)?("
            + WEEKDAYS.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![\\p{L}])", FLAGS);
    private static final Pattern PAST = Pattern.compile("\\b(last|letzten|vergangenen|dernier|afgelopen|vorige"
            + "|pasado|passato|scorso)\\s+$", FLAGS);
    private static final Pattern TOMORROW = Pattern.compile("(?<![\\p{L}])(tomorrow|demain|ma[ñn]ana|domani|amanh[ãa]"
            + "|morgen)(?![\\p{L}])", FLAGS);
    private static final Pattern NEXT_WEEK = Pattern.compile("next week|n[äa]chste woche|kommende woche"
            + "|semaine prochaine|volgende week|pr[óo]xima semana|settimana prossima|prossima settimana", FLAGS);

    private static Map<String, java.time.DayOfWeek> weekdays() {
        String[][] names = {
                {"monday", "montag", "lundi", "maandag", "lunes", "lunedì", "lunedi", "segunda-feira", "segunda"},
                {"tuesday", "dienstag", "mardi", "dinsdag", "martes", "martedì", "martedi", "terça-feira", "terça",
                        "terca"},
                {"wednesday", "mittwoch", "mercredi", "woensdag", "miércoles", "miercoles", "mercoledì", "mercoledi",
                        "quarta-feira", "quarta"},
                {"thursday", "donnerstag", "jeudi", "donderdag", "jueves", "giovedì", "giovedi", "quinta-feira",
                        "quinta"},
                {"friday", "freitag", "vendredi", "vrijdag", "viernes", "venerdì", "venerdi", "sexta-feira", "sexta"},
                {"saturday", "samstag", "samedi", "zaterdag", "sábado", "sabado"},
                {"sunday", "sonntag", "dimanche", "zondag", "domingo", "domenica"}
        };
        Map<String, java.time.DayOfWeek> days = new HashMap<>();
        for (int day = 0; day < names.length; day++) {
            for (String name : names[day]) {
                days.put(name, java.time.DayOfWeek.of(day + 1));
            }
        }
        return Map.copyOf(days);
    }

    private static void add(List<Found> found, String text, int start, int end, LocalDate date, String rule) {
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
                UNTIL_WORDS.matcher(clause).find(), rule));
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
