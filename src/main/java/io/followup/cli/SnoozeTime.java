package io.followup.cli;

import io.followup.approval.ApprovalException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a snooze time: a duration from now ({@code 30m}, {@code 2h}, {@code 3d}) or an ISO-8601 instant. */
final class SnoozeTime {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(m|h|d)");

    private SnoozeTime() {
    }

    static Instant parse(String text, Instant now) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return now.plus(switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException invalid) {
            throw new ApprovalException("expected a duration such as 2h or 3d, or an instant such as "
                    + "2026-03-02T09:00:00Z, got \"" + text + "\"");
        }
    }
}
