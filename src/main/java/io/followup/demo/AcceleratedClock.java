package io.followup.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands at {@code start} until {@link #run()}, then runs {@code factor} times faster than real time,
 * so the demo plays days of a sequence in seconds. Thread-safe.
 */
public final class AcceleratedClock extends Clock {

    private final Instant start;
    private final double factor;
    private volatile long runningSince = -1;

    public AcceleratedClock(Instant start, double factor) {
        this.start = start;
        this.factor = factor;
    }

    /** Starts the clock (once). */
    public synchronized void run() {
        if (runningSince < 0) {
            runningSince = System.nanoTime();
        }
    }

    @Override
    public Instant instant() {
        long since = runningSince;
        if (since < 0) {
            return start;
        }
        return start.plusNanos((long) ((System.nanoTime() - since) * factor));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
