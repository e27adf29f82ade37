package io.followup.outbox;

import java.time.Instant;

/**
 * A rule that may hold a queued message back (a send window in the recipient's time zone, a sending cap). Asked
 * right before a message is claimed for sending; a message held back keeps its place in the queue with its
 * earliest send time moved. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SendGate {

    /** The earliest time the message may go, or null (or a time not after {@code now}) when it may go now. */
    Instant notBefore(OutboundMessage message, Instant now);
}
