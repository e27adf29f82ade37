package io.followup.digest;

import java.time.Duration;

/** How the digest writes numbers, rates, durations and their changes. Stateless and thread-safe. */
final class Formats {

    static final String NONE = "–";
    private static final String MINUS = "−";

    private Formats() {
    }

    static String percent(Integer percent) {
        return percent == null ? NONE : percent + "%";
    }

    /** {@code 2d 4h}, {@code 3h 20m}, {@code 45m}, {@code <1m}; the dash for none. */
    static String duration(Duration duration) {
        if (duration == null) {
            return NONE;
        }
        long minutes = Math.abs(duration.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long rest = minutes % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + rest + "m";
        }
        return minutes == 0 ? "<1m" : rest + "m";
    }

    /** {@code +3}, {@code −2}, {@code ±0}. */
    static String delta(long change) {
        return change > 0 ? "+" + change : change < 0 ? MINUS + (-change) : "±0";
    }

    /** Percentage points: {@code +5 pts}; the dash when either week sent nothing. */
    static String deltaPoints(Integer now, Integer before) {
        if (now == null || before == null) {
            return NONE;
        }
        return delta(now - before) + " pts";
    }

    /** A change of a duration: {@code +2h 10m}, {@code −1d 2h}; the dash when either week has none. */
    static String deltaDuration(Duration now, Duration before) {
        if (now == null || before == null) {
            return NONE;
        }
        Duration change = now.minus(before);
        if (change.toMinutes() == 0) {
            return "±0";
        }
        return (change.isNegative() ? MINUS : "+") + duration(change.abs());
    }

    /** {@code 1 reply}, {@code 3 replies}. */
    static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
