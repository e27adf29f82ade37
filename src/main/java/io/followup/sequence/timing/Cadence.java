package io.followup.sequence.timing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * How often to get back in touch with a contact: {@code weekly}, {@code monthly}, {@code quarterly}, or a custom
 * period written as a wait ({@code "45 days"}, {@code "10 business days"}). Weeks, months and quarters keep the
 * local wall-clock time in the given zone. Immutable and thread-safe.
 *
 * @param text the configuration form, as stored in {@code keep_in_touch.period}
 */
public record Cadence(String text) {

    /** What a cadence looks like, for error messages. */
    public static final String EXPECTED = "weekly, monthly, quarterly or a period such as \"45 days\"";

    public Cadence {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses a cadence.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Cadence parse(String text) {
        String normalized = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (normalized) {
            case "weekly", "monthly", "quarterly" -> {
                return new Cadence(normalized);
            }
            default -> {
                Wait wait;
                try {
                    wait = Wait.parse(normalized);
                } catch (IllegalArgumentException invalid) {
                    throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
                }
                if (wait.amount() == 0 || wait.unit() == Wait.Unit.MINUTES
                        || (wait.unit() == Wait.Unit.HOURS && wait.amount() < 24)) {
                    throw new IllegalArgumentException("a keep-in-touch period must be at least a day, got \""
                            + text + "\"");
                }
                return new Cadence(wait.toString());
            }
        }
    }

    /** When the next check-in falls due if the last contact was at {@code from}. */
    public Instant next(Instant from, ZoneId zone) {
        return switch (text) {
            case "weekly" -> from.atZone(zone).plusWeeks(1).toInstant();
            case "monthly" -> from.atZone(zone).plusMonths(1).toInstant();
            case "quarterly" -> from.atZone(zone).plusMonths(3).toInstant();
            default -> Wait.parse(text).after(from, zone);
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
