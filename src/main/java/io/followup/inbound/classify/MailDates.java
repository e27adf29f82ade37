package io.followup.inbound.classify;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses RFC 5322 Date header values leniently (no weekday, zone names, comments, two-digit years). */
final class MailDates {

    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"), Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"),
            Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"),
            Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"), Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"),
            Map.entry("JST", "+0900"), Map.entry("CET", "+0100"), Map.entry("CEST", "+0200"), Map.entry("BST", "+0100"),
            Map.entry("KST", "+0900"), Map.entry("IST", "+0530"), Map.entry("MSK", "+0300"));
    private static final Pattern PARTS = Pattern.compile(
            "(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\.?\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*"
                    + "([+-]\\d{4}|[A-Za-z]{1,5})?");
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d MMM yyyy H:mm:ss Z")
            .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
            .toFormatter(Locale.ENGLISH);

    private MailDates() {
    }

    /** The instant of a Date header value, or null when it cannot be read. */
    static ZonedDateTime parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = PARTS.matcher(value);
        if (!matcher.find()) {
            return null;
        }
        String year = matcher.group(3);
        if (year.length() == 2) {
            year = (Integer.parseInt(year) < 50 ? "20" : "19") + year;
        }
        String zone = matcher.group(7) == null ? "+0000" : matcher.group(7);
        if (!zone.startsWith("+") && !zone.startsWith("-")) {
            zone = ZONES.getOrDefault(zone.toUpperCase(Locale.ROOT), "+0000");
        }
        String seconds = matcher.group(6) == null ? "00" : matcher.group(6);
        String normalized = matcher.group(1) + " " + matcher.group(2) + " " + year + " " + matcher.group(4) + ":"
                + matcher.group(5) + ":" + seconds + " " + zone;
        try {
            return ZonedDateTime.parse(normalized, FORMAT);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    static Instant instant(String value) {
        ZonedDateTime parsed = parse(value);
        return parsed == null ? null : parsed.toInstant();
    }
}
