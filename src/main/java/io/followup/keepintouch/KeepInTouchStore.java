package io.followup.keepintouch;

import io.followup.contact.ErasureParticipant;
import io.followup.sequence.timing.Cadence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of keep-in-touch cadences. Moving a due time is conditional on the due time read, so two daemons never
 * both prepare the same check-in. Stateless and thread-safe; call inside a transaction.
 */
public final class KeepInTouchStore {

    /** Sets (or replaces) the contact's cadence, next due at {@code nextDueAt}. */
    public void set(Handle handle, long contactId, Cadence cadence, Instant nextDueAt, Instant now) {
        int updated = handle.createUpdate("""
                UPDATE keep_in_touch SET period = :period, next_due_at = :due, updated_at = :now
                WHERE contact_id = :contact""")
                .bind("period", cadence.text()).bind("due", nextDueAt).bind("now", now).bind("contact", contactId)
                .execute();
        if (updated == 0) {
            handle.createUpdate("""
                    INSERT INTO keep_in_touch (contact_id, period, next_due_at, created_at, updated_at)
                    VALUES (:contact, :period, :due, :now, :now)""")
                    .bind("contact", contactId).bind("period", cadence.text()).bind("due", nextDueAt)
                    .bind("now", now).execute();
        }
    }

    /** Removes the contact's cadence; returns false when it had none. */
    public boolean clear(Handle handle, long contactId) {
        return handle.createUpdate("DELETE FROM keep_in_touch WHERE contact_id = :contact")
                .bind("contact", contactId).execute() == 1;
    }

    public Optional<KeepInTouch> find(Handle handle, long contactId) {
        return handle.createQuery("SELECT * FROM keep_in_touch WHERE contact_id = :contact")
                .bind("contact", contactId).map((rs, ctx) -> KeepInTouch.read(rs)).findOne();
    }

    /** Every cadence, soonest due first. */
    public List<KeepInTouch> list(Handle handle, int limit) {
        return handle.createQuery("SELECT * FROM keep_in_touch ORDER BY next_due_at, contact_id LIMIT :limit")
                .bind("limit", limit).map((rs, ctx) -> KeepInTouch.read(rs)).list();
    }

    /** Cadences whose check-in is due, earliest first. */
    public List<KeepInTouch> due(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                SELECT * FROM keep_in_touch WHERE next_due_at <= :now ORDER BY next_due_at, contact_id
                LIMIT :limit""")
                .bind("now", now).bind("limit", limit).map((rs, ctx) -> KeepInTouch.read(rs)).list();
    }

    /**
     * Moves a due check-in to its next due time, if it is still due at {@code expectedDueAt}; returns false when
     * another node (or a reply) moved it first.
     */
    public boolean advance(Handle handle, long contactId, Instant expectedDueAt, Instant nextDueAt, Instant now) {
        return handle.createUpdate("""
                UPDATE keep_in_touch SET next_due_at = :next, updated_at = :now
                WHERE contact_id = :contact AND next_due_at = :expected""")
                .bind("next", nextDueAt).bind("now", now).bind("contact", contactId)
                .bind("expected", expectedDueAt).execute() == 1;
    }

    /** Records mail from the contact at {@code at}: the clock restarts, next due at {@code nextDueAt}. */
    public boolean touched(Handle handle, long contactId, Instant at, Instant nextDueAt) {
        return handle.createUpdate("""
                UPDATE keep_in_touch SET last_contact_at = :at, next_due_at = :next, updated_at = :at
                WHERE contact_id = :contact""")
                .bind("at", at).bind("next", nextDueAt).bind("contact", contactId).execute() == 1;
    }

    /** A forgotten contact leaves keep-in-touch ({@code ContactEraser}'s participant). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        handle.createUpdate("DELETE FROM keep_in_touch WHERE contact_id = :contact")
                .bind("contact", forgotten.contactId()).execute();
    }
}
