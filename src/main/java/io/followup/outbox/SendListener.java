package io.followup.outbox;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Told, inside the transaction that records it, when a message was sent or failed for good. */
public interface SendListener {

    void sent(Handle handle, OutboundMessage message, Instant now);

    /**
     * A message the server accepted at {@code at}, for {@link #sentAll}: when the sender knows them, when it was
     * claimed ({@code sending_at}) and the server's reply to the final dot (else null).
     */
    record Sent(OutboundMessage message, Instant at, Instant claimedAt, SmtpReply reply) {

        public Sent(OutboundMessage message, Instant at) {
            this(message, at, null, null);
        }
    }

    /**
     * {@link #sent} for the accepted messages of a batch, in one transaction and in the order sent. A listener that
     * reads or writes per message answers the whole list with a few statements; by default it is told one by one.
     */
    default void sentAll(Handle handle, List<Sent> messages) {
        for (Sent sent : messages) {
            sent(handle, sent.message(), sent.at());
        }
    }

    void failed(Handle handle, OutboundMessage message, String reason, Instant now);

    /**
     * The server refused the recipient for good (a 5xx at RCPT: a hard bounce at send time); called right after
     * {@link #failed}. Does nothing unless implemented.
     */
    default void recipientRefused(Handle handle, OutboundMessage message, SmtpReply reply, Instant now) {
    }
}
