package io.followup.sequence;

import io.followup.contact.ErasureParticipant;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Contacts who said no to one sequence ("not interested"): they are never enrolled in it again, while other
 * sequences may still reach them. Stateless and thread-safe; call inside a transaction.
 */
public final class OptOutStore {

    public void add(Handle handle, long contactId, long sequenceId, String reason, Instant now) {
        if (!isOptedOut(handle, contactId, sequenceId)) {
            handle.createUpdate("""
                    INSERT INTO sequence_opt_out (contact_id, sequence_id, reason, created_at)
                    VALUES (:contact, :sequence, :reason, :now)""")
                    .bind("contact", contactId).bind("sequence", sequenceId).bind("reason", reason).bind("now", now)
                    .execute();
        }
    }

    public boolean isOptedOut(Handle handle, long contactId, long sequenceId) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM sequence_opt_out WHERE contact_id = :contact AND sequence_id = :sequence""")
                .bind("contact", contactId).bind("sequence", sequenceId).mapTo(Integer.class).one() > 0;
    }

    /** A forgotten contact's opt-outs go ({@code ContactEraser}'s participant; its suppression stays, hashed). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        handle.createUpdate("DELETE FROM sequence_opt_out WHERE contact_id = :contact")
                .bind("contact", forgotten.contactId()).execute();
    }
}
