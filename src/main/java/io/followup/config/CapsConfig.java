package io.followup.config;

import java.time.Duration;

/**
 * How fast one mailbox may send: at most {@code perDay} messages in any rolling 24 hours and {@code perHour} in any
 * rolling hour, with a random spacing between {@code minSpacing} and {@code maxSpacing} between two sends. Immutable
 * and thread-safe.
 *
 * @param perDay     the most sends in any rolling 24 hours (YAML {@code caps.per_day}, default 100)
 * @param perHour    the most sends in any rolling hour (YAML {@code caps.per_hour}, default 20)
 * @param minSpacing the least time between two sends (YAML {@code caps.min_spacing}, default 20s; may be zero)
 * @param maxSpacing the most the random spacing may be (YAML {@code caps.max_spacing}, default 60s; not below
 *                   {@code minSpacing})
 */
public record CapsConfig(int perDay, int perHour, Duration minSpacing, Duration maxSpacing) {

    /** The documented defaults of a mailbox configured in YAML without a {@code caps} section. */
    public static final CapsConfig DEFAULTS =
            new CapsConfig(100, 20, Duration.ofSeconds(20), Duration.ofSeconds(60));

    /** No cap and no spacing: what a mailbox built in code without caps gets (tests, the demo). */
    public static final CapsConfig UNLIMITED =
            new CapsConfig(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO);

    public CapsConfig {
        if (perDay < 1 || perHour < 1) {
            throw new IllegalArgumentException("caps must be at least 1");
        }
        if (minSpacing.isNegative() || maxSpacing.compareTo(minSpacing) < 0) {
            throw new IllegalArgumentException("spacing must satisfy 0 <= min_spacing <= max_spacing");
        }
    }
}
