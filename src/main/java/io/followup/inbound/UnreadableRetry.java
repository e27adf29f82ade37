package io.followup.inbound;

import java.time.Duration;

/**
 * How often a message that could not be read is read again: the n-th failure waits {@code firstDelay * 2^(n-1)},
 * at most {@code maxDelay}; after {@code maxAttempts} failures followup gives up and the message stays recorded as
 * unreadable for the owner.
 */
public record UnreadableRetry(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    /** Five attempts over about a quarter of an hour, then give up. */
    public static final UnreadableRetry DEFAULT = new UnreadableRetry(5, Duration.ofMinutes(1), Duration.ofHours(1));

    public UnreadableRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The wait after the given number of failures (1 = the first failure). */
    public Duration delayAfter(int failures) {
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 20);
        Duration delay = firstDelay.multipliedBy(factor);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
