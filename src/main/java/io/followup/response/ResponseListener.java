package io.followup.response;

import io.followup.inbound.InboundMessage;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Told by {@link ResponsePolicy}, inside the transaction that records the inbound message, about what it concerns.
 * Both methods do nothing by default.
 */
public interface ResponseListener {

    /**
     * A message from a known contact (matched to an enrollment or not), before the policy acts on it. Called for
     * every kind, including auto-replies and bounces: look at {@code message.analysis().kind()}.
     */
    default void fromContact(Handle handle, long contactId, long inboundId, InboundMessage message, Instant now) {
    }

    /**
     * A human reply stopped a live enrollment: {@code stopped} carries the enrollment (as read before it stopped), its
     * contact and the reply, so that a listener needs no read of its own for them.
     */
    default void replyStopped(Handle handle, ReplyStop stopped, Instant now) {
    }
}
