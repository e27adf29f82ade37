package io.followup.config;

import java.time.Duration;

/**
 * How long personal data is kept before the housekeeping chore erases it. Immutable and thread-safe.
 *
 * @param inboundBodies how long the text of inbound messages (reply text, subject, the raw message of an unverified
 *                      one) is kept (YAML {@code retention.inbound_bodies}, default 90d); the row itself, with its
 *                      kind and how it was matched, stays
 * @param events        how long event-log entries are kept (YAML {@code retention.events}, default 2y)
 */
public record RetentionConfig(Duration inboundBodies, Duration events) {

    /** 90 days of inbound bodies, two years of events. */
    public static final RetentionConfig DEFAULTS = new RetentionConfig(null, null);

    public RetentionConfig {
        inboundBodies = inboundBodies == null ? Duration.ofDays(90) : inboundBodies;
        events = events == null ? Duration.ofDays(730) : events;
    }
}
