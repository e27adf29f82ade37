package io.followup.sequence;

import java.time.Duration;
import java.util.Objects;

/**
 * A sequence's promise to touch a new contact within a time (YAML {@code first_touch_within: 24h}, or {@code off}):
 * when the send window, the calendar or the caps would push the first message past it, the message either goes in
 * the window's edge hours (YAML {@code allow_outside_window_for_first_touch: 2h}: up to that long before the window
 * opens or after it closes, on a day of the window) or waits for the owner's approval with the reason. Immutable.
 *
 * @param within how soon after enrolment the first message is promised; null when there is no promise
 * @param edge   how far outside the send window a first message may go to keep the promise (zero: never)
 */
public record FirstTouchPromise(Duration within, Duration edge) {

    /** The most the window may be stretched at either edge. */
    public static final Duration MAX_EDGE = Duration.ofHours(12);
    /** No promise: the first message goes at the next opening of the window, however late. */
    public static final FirstTouchPromise OFF = new FirstTouchPromise(null, Duration.ZERO);

    public FirstTouchPromise {
        Objects.requireNonNull(edge, "edge");
        if (within != null && (within.isNegative() || within.isZero())) {
            throw new IllegalArgumentException("first_touch_within must be positive, got " + within);
        }
        if (edge.isNegative() || edge.compareTo(MAX_EDGE) > 0) {
            throw new IllegalArgumentException("allow_outside_window_for_first_touch must be 0-12h, got " + edge);
        }
    }

    /** A promise of {@code within}, never outside the window (the owner approves a late one). */
    public static FirstTouchPromise within(Duration within) {
        return new FirstTouchPromise(within, Duration.ZERO);
    }

    public boolean on() {
        return within != null;
    }

    /** E.g. {@code 24 h}. */
    public String withinText() {
        return within == null ? "off" : hours(within);
    }

    /** A duration in whole hours when it is one ({@code 24 h}), else in minutes ({@code 90 min}). */
    public static String hours(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
