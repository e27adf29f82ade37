package io.followup.contact;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What {@link ContactEraser} asks of the owner of a table above {@code contact} whose rows belong to, or point at, a
 * contact being forgotten (each owner deletes its own rows or unlinks them from the messages being deleted). The
 * owners are layers above {@code contact}; each hands the eraser a method of its own ({@code app.Daemon} lists
 * them), and the eraser runs them all in its transaction before it deletes the contact's messages, enrollments and
 * the contact itself. Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface ErasureParticipant {

    /**
     * What is being forgotten.
     *
     * @param contactId   the contact ({@code -1} when the address is no contact)
     * @param enrollments the contact's enrollments, about to be deleted
     * @param outbound    the outbound messages to the contact or of its enrollments, about to be deleted
     * @param redacted    other outbound messages that named the contact, now redacted and kept
     */
    record Forgotten(long contactId, List<Long> enrollments, List<Long> outbound, List<Long> redacted) {

        public Forgotten {
            enrollments = List.copyOf(enrollments);
            outbound = List.copyOf(outbound);
            redacted = List.copyOf(redacted);
        }
    }

    /** Deletes or unlinks this owner's rows of {@code forgotten}, in the caller's transaction. */
    void forget(Handle handle, Forgotten forgotten);
}
