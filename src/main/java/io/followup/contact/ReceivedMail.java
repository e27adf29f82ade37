package io.followup.contact;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The inbound mail of a contact, as {@link ContactEraser} forgets it. Owned by contact and implemented by the owner
 * of the inbound messages ({@code inbound.InboundStore}), so that the eraser asks the owner to delete its rows and
 * runs no statement on a table it does not own. Implementations are thread-safe; call inside the caller's transaction.
 */
public interface ReceivedMail {

    /**
     * The ids of the inbound messages matched to the contact {@code contactId} or to one of its
     * {@code enrollmentIds}, or sent from {@code address} (lower case, bare or in angle brackets).
     */
    List<Long> ofContact(Handle handle, long contactId, String address, List<Long> enrollmentIds);

    /** Deletes these inbound messages; returns how many rows it deleted. */
    int delete(Handle handle, List<Long> ids);
}
