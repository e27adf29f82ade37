package io.followup.outbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule that may hold a queued message back (a send window in the recipient's time zone, a sending cap). Asked
 * right before a message is claimed for sending; a message held back keeps its place in the queue with its
 * earliest send time moved. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SendGate {

    /** The earliest time the message may go, or null (or a time not after {@code now}) when it may go now. */
    Instant notBefore(OutboundMessage message, Instant now);

    /**
     * {@link #notBefore} for several messages at once (a gate that reads the database answers them with one query):
     * the messages held back, by id, with their earliest time. Messages that may go now are absent.
     */
    default Map<Long, Instant> notBefore(List<OutboundMessage> messages, Instant now) {
        Map<Long, Instant> held = new HashMap<>();
        for (OutboundMessage message : messages) {
            Instant allowedAt = notBefore(message, now);
            if (allowedAt != null && allowedAt.isAfter(now)) {
                held.put(message.id(), allowedAt);
            }
        }
        return held;
    }
}
