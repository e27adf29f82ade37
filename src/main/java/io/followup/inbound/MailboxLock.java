package io.followup.inbound;

import org.jdbi.v3.core.Handle;

/**
 * What {@link InboundProcessor} asks of the owner of the {@code mailbox} table ({@code sequence.SequenceCatalog}, a
 * layer above, which implements it): lock a mailbox's row in the caller's transaction, so the messages of one
 * mailbox are recorded one at a time whichever folder or node reads them. Implementations are stateless and
 * thread-safe.
 */
@FunctionalInterface
public interface MailboxLock {

    /** Locks mailbox {@code mailboxId}'s row until the transaction of {@code handle} ends. */
    void lock(Handle handle, long mailboxId);
}
