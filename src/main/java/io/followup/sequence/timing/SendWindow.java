package io.followup.sequence.timing;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When messages may go out, in the recipient's local time: on {@code days}, from {@code start} (inclusive) to
 * {@code end} (exclusive). An {@code end} of {@link LocalTime#MIDNIGHT} means the end of the day (written
 * {@code "24:00"}). Local times are resolved per day, so 09:00-17:00 stays 09:00-17:00 local on daylight-saving
 * days; a start that does not exist locally (in a spring-forward gap) moves later by the gap. Immutable and
 * thread-safe.
 */
public record SendWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    /** Monday to Friday, 09:00-17:00. */
    public static final SendWindow DEFAULT = new SendWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0));
    /** Every day, all day. */
    public static final SendWindow ALWAYS = new SendWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
            LocalTime.MIDNIGHT);

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    public SendWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a send window needs at least one day");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
            throw new IllegalArgumentException("the window must start before it ends: " + start + "-" + end);
        }
    }

    /**
     * Parses days such as {@code mon-fri}, {@code mon,wed,fri} or {@code sun-thu} (ranges may wrap over Sunday).
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Set<DayOfWeek> parseDays(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            String[] range = part.strip().split("\\s*-\\s*", -1);
            if (range.length > 2 || range[0].isEmpty()) {
                throw new IllegalArgumentException("expected days such as mon-fri or mon,wed,fri, got \"" + text + "\"");
            }
            DayOfWeek first = day(range[0], text);
            DayOfWeek last = range.length == 2 ? day(range[1], text) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    /** A day name ({@code mon}...{@code sun}, or the full English name). */
    public static DayOfWeek day(String name, String context) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        int index = DAY_NAMES.indexOf(key.length() > 3 ? key.substring(0, 3) : key);
        if (index < 0 || (key.length() > 3 && !DayOfWeek.of(index + 1).name().toLowerCase(Locale.ROOT).equals(key))) {
            throw new IllegalArgumentException("expected days such as mon-fri or mon,wed,fri, got \"" + context + "\"");
        }
        return DayOfWeek.of(index + 1);
    }

    /**
     * Parses {@code HH:MM} (00:00-23:59, or 24:00 when {@code endOfDay} is allowed, giving midnight).
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static LocalTime parseTime(String text, boolean endOfDay) {
        Matcher matcher = TIME.matcher(text.strip());
        String expected = "expected a time such as \"09:00\"" + (endOfDay ? " (or \"24:00\")" : "")
                + ", got \"" + text + "\"";
        if (!matcher.matches()) {
            throw new IllegalArgumentException(expected);
        }
        int hour = Integer.parseInt(matcher.group(1));
        int minute = Integer.parseInt(matcher.group(2));
        if (endOfDay && hour == 24 && minute == 0) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.of(hour, minute);
        } catch (DateTimeException invalid) {
            throw new IllegalArgumentException(expected);
        }
    }

    /** Whether a local date-time lies inside the window (days and hours only; holidays are the calendar's). */
    public boolean contains(LocalDateTime local) {
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start)
                && (end.equals(LocalTime.MIDNIGHT) || time.isBefore(end));
    }

    /** The instant the window opens on {@code date} in {@code zone}. */
    public Instant opening(LocalDate date, ZoneId zone) {
        return date.atTime(start).atZone(zone).toInstant();
    }

    /** The instant the window closes on {@code date} in {@code zone}. */
    public Instant closing(LocalDate date, ZoneId zone) {
        return end.equals(LocalTime.MIDNIGHT) ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : date.atTime(end).atZone(zone).toInstant();
    }

    /** As written in a sequence file: {@code mon-fri 09:00-17:00}, {@code mon,wed,fri 10:00-24:00}. */
    @Override
    public String toString() {
        List<String> runs = new ArrayList<>();
        DayOfWeek[] all = DayOfWeek.values();
        int index = 0;
        while (index < all.length) {
            if (!days.contains(all[index])) {
                index++;
                continue;
            }
            int last = index;
            while (last + 1 < all.length && days.contains(all[last + 1])) {
                last++;
            }
            runs.add(last == index ? DAY_NAMES.get(index)
                    : DAY_NAMES.get(index) + (last == index + 1 ? "," : "-") + DAY_NAMES.get(last));
            index = last + 1;
        }
        return String.join(",", runs) + " " + start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }
}
