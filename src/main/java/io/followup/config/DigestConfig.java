package io.followup.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * When the weekly outcome digest goes out (YAML {@code digest: {day: monday, time: "08:00", enabled: true}}): on
 * {@code day} at {@code time} in each owner's time zone, the digest of the ISO week that just ended is sent to the
 * owner. Immutable and thread-safe.
 *
 * @param day     the weekday (default Monday)
 * @param time    the local time (default 08:00)
 * @param enabled whether digests are sent at all (default true); the preview works either way
 */
public record DigestConfig(DayOfWeek day, LocalTime time, boolean enabled) {

    public DigestConfig {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
    }

    public static DigestConfig defaults() {
        return new DigestConfig(DayOfWeek.MONDAY, LocalTime.of(8, 0), true);
    }
}
