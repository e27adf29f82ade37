package io.followup.sequence.timing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a step waits after the previous one: minutes, hours, calendar days or business
 * days. Written in configuration as {@code "0"}, {@code "90 minutes"}, {@code "24 hours"},
 * {@code "2 days"} or {@code "3 business days"}. Immutable and thread-safe.
 */
public record Wait(long amount, Unit unit) {

    /** The unit of a wait. */
    public enum Unit { MINUTES, HOURS, DAYS, BUSINESS_DAYS }

    public static final Wait NONE = new Wait(0, Unit.HOURS);

    private static final Pattern SYNTAX = Pattern.compile(
            "(\\d{1,4})\\s*(m|min|mins|minute|minutes|h|hour|hours|d|day|days|business\\s+days?|bd)?");

    public Wait {
        Objects.requireNonNull(unit, "unit");
        if (amount < 0) {
            throw new IllegalArgumentException("a wait cannot be negative: " + amount);
        }
    }

    /**
     * Parses the configuration form of a wait.
     *
     * @throws IllegalArgumentException naming what was expected, when the text is not a wait
     */
    public static Wait parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a wait such as \"3 business days\", \"24 hours\" or \"2 days\", got nothing");
        }
        Matcher matcher = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a wait such as \"3 business days\", \"24 hours\" or \"2 days\", got \"" + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "h" : matcher.group(2).replaceAll("\\s+", " ");
        if (matcher.group(2) == null && amount != 0) {
            throw new IllegalArgumentException("a wait needs a unit (minutes, hours, days or business days): \"" + text + "\"");
        }
        return new Wait(amount, switch (unit) {
            case "m", "min", "mins", "minute", "minutes" -> Unit.MINUTES;
            case "h", "hour", "hours" -> Unit.HOURS;
            case "d", "day", "days" -> Unit.DAYS;
            default -> Unit.BUSINESS_DAYS;
        });
    }

    /**
     * The instant this wait ends when it starts at {@code from}. Calendar and business days
     * keep the local wall-clock time in {@code zone} (so a day is not always 24 hours across a
     * daylight-saving change); business days skip Saturdays and Sundays.
     */
    public Instant after(Instant from, ZoneId zone) {
        return switch (unit) {
            case MINUTES -> from.plus(Duration.ofMinutes(amount));
            case HOURS -> from.plus(Duration.ofHours(amount));
            case DAYS -> from.atZone(zone).plusDays(amount).toInstant();
            case BUSINESS_DAYS -> addBusinessDays(from.atZone(zone), amount).toInstant();
        };
    }

    private static ZonedDateTime addBusinessDays(ZonedDateTime start, long days) {
        ZonedDateTime current = start;
        long left = days;
        while (left > 0) {
            current = current.plusDays(1);
            if (current.getDayOfWeek() != DayOfWeek.SATURDAY && current.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return current;
    }

    @Override
    public String toString() {
        String name = switch (unit) {
            case MINUTES -> "minutes";
            case HOURS -> "hours";
            case DAYS -> "days";
            case BUSINESS_DAYS -> "business days";
        };
        return amount + " " + name;
    }
}
