package io.followup.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting helpers for the views ({@code $fmt.time($instant)}). Immutable and thread-safe. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final Clock clock;
    private final ZoneId zone;

    Formats(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** A date and time in the owner's zone, or a dash. */
    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }

    /** How long ago or from now, e.g. "in 3 h", "2 d ago". */
    public String relative(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration difference = Duration.between(clock.instant(), instant);
        Duration size = difference.abs();
        String amount = size.toDays() >= 1 ? size.toDays() + " d" : size.toHours() >= 1 ? size.toHours() + " h"
                : Math.max(1, size.toMinutes()) + " min";
        return difference.isNegative() ? amount + " ago" : "in " + amount;
    }

    /** An enrollment's step: "2 of 3", or "all 3 sent" once past the last (never "4 of 3"). */
    public String step(int nextStep, int stepCount) {
        return io.followup.sequence.EnrollmentProgress.step(nextStep, stepCount);
    }

    /** What happens next to an enrollment: "due ...", "paused until ...", "ended" (a paused one is never "due"). */
    public String next(String state, int nextStep, int stepCount, Instant nextDueAt, Instant resumeAt) {
        return io.followup.sequence.EnrollmentProgress.next(state, nextStep, stepCount, nextDueAt, resumeAt,
                this::time);
    }

    /** The zone's id, e.g. Europe/Lisbon. */
    public String zone() {
        return zone.getId();
    }
}
