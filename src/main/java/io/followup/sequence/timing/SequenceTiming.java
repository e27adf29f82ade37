package io.followup.sequence.timing;

import java.util.Objects;

/**
 * A sequence's timing rules: the send window (recipient's local time), the business calendar its business-day
 * waits and windows use, and whether send times get random jitter inside the window. Immutable and thread-safe.
 *
 * @param window   when messages may go out
 * @param calendar the name of a configured calendar ({@link BusinessCalendar#DEFAULT_NAME} when none is named)
 * @param jitter   whether a send time is spread randomly over up to {@link TimingPlanner#MAX_JITTER} after the
 *                 earliest allowed time (never past the window's end)
 */
public record SequenceTiming(SendWindow window, String calendar, boolean jitter) {

    /** The defaults of a configured sequence: Monday to Friday 09:00-17:00, the default calendar, jitter on. */
    public static final SequenceTiming DEFAULT = new SequenceTiming(SendWindow.DEFAULT,
            BusinessCalendar.DEFAULT_NAME, true);
    /** No window, the default calendar, no jitter: for sequences built in code without timing rules. */
    public static final SequenceTiming UNRESTRICTED = new SequenceTiming(SendWindow.ALWAYS,
            BusinessCalendar.DEFAULT_NAME, false);

    public SequenceTiming {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(calendar, "calendar");
    }
}
