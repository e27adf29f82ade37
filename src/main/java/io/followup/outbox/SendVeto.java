package io.followup.outbox;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A rule that forbids a queued message for good (a suppressed recipient), unlike a {@link SendGate}, which only
 * defers it. Asked right before a message is claimed, in the claiming transaction; a veto cancels the message
 * itself (and whatever else it must, with event log rows) and returns true. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SendVeto {

    /** Cancels {@code message} and returns true when it must never be sent; false lets it go. */
    boolean vetoed(Handle handle, OutboundMessage message, Instant now);

    /**
     * {@link #vetoed} for the messages of a claim batch (a rule that reads the database answers them all with one
     * query): the ids of the messages cancelled.
     */
    default Set<Long> vetoedAmong(Handle handle, List<OutboundMessage> messages, Instant now) {
        Set<Long> vetoed = new LinkedHashSet<>();
        for (OutboundMessage message : messages) {
            if (vetoed(handle, message, now)) {
                vetoed.add(message.id());
            }
        }
        return vetoed;
    }
}
