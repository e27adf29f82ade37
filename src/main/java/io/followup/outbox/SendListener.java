package io.followup.outbox;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Told, inside the transaction that records it, when a message was sent or failed for good. */
public interface SendListener {

    void sent(Handle handle, OutboundMessage message, Instant now);

    void failed(Handle handle, OutboundMessage message, String reason, Instant now);

    /**
     * The server refused the recipient for good (a 5xx at RCPT: a hard bounce at send time); called right after
     * {@link #failed}. Does nothing unless implemented.
     */
    default void recipientRefused(Handle handle, OutboundMessage message, SmtpReply reply, Instant now) {
    }
}
