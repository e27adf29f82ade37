package io.followup.sequence;

import io.followup.StoredName;
import io.followup.sequence.timing.SequenceTiming;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.sequence.timing.Wait;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How an enrolment's first message keeps the sequence's {@link FirstTouchPromise}: decided once, at enrolment, and
 * stored with the enrolment (so a restart or a later configuration change does not move it). Immutable.
 *
 * @param due      when step 1 falls due
 * @param deadline enrolment time plus the promise; null when the sequence makes none
 * @param mode     how the promise is kept; null when the sequence makes none
 * @param reason   why the window alone would break the promise (null when it would not)
 */
public record FirstTouchPlan(Instant due, Instant deadline, Mode mode, String reason) {

    /** How the promise is kept. */
    public enum Mode implements StoredName {
        /** The next opening of the send window is soon enough. */
        WINDOW,
        /** The message goes in the window's edge hours ({@code allow_outside_window_for_first_touch}). */
        EDGE,
        /** The message is drafted at once and waits for the owner's approval, which sends it at once. */
        APPROVAL;

        public static Mode fromDb(String value) {
            return value == null ? null : StoredName.ofDb(Mode.class, value);
        }
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    /**
     * Plans step 1 of {@code sequence} for a contact in {@code zone} enrolled at {@code now}.
     *
     * @param firstWait step 1's own wait
     */
    public static FirstTouchPlan of(SequenceDefinition sequence, Wait firstWait, Instant now, ZoneId zone,
                                    TimingPlanner planner) {
        SequenceTiming timing = sequence.timing();
        Instant regular = planner.due(timing, firstWait, now, zone);
        FirstTouchPromise promise = sequence.firstTouch();
        if (!promise.on()) {
            return new FirstTouchPlan(regular, null, null, null);
        }
        Instant deadline = now.plus(promise.within());
        if (!regular.isAfter(deadline)) {
            return new FirstTouchPlan(regular, deadline, Mode.WINDOW, null);
        }
        Instant earliest = planner.waitEnd(firstWait, now, zone, timing.calendar());
        String reason = "the send window " + timing.window() + " (calendar " + timing.calendar() + ", " + zone.getId()
                + ") opens next " + LOCAL.format(regular.atZone(zone)) + ", "
                + FirstTouchPromise.hours(Duration.between(now, regular).truncatedTo(java.time.temporal.ChronoUnit.HOURS))
                + " after enrolment, past the " + promise.withinText() + " promise";
        if (!promise.edge().isZero()) {
            Instant edge = planner.nextOpenStretched(timing, earliest, zone, promise.edge());
            if (edge != null && !edge.isAfter(deadline)) {
                return new FirstTouchPlan(edge, deadline, Mode.EDGE, reason + "; sent at "
                        + LOCAL.format(edge.atZone(zone)) + ", within " + FirstTouchPromise.hours(promise.edge())
                        + " of the window's edge");
            }
        }
        return new FirstTouchPlan(earliest, deadline, Mode.APPROVAL, reason);
    }
}
