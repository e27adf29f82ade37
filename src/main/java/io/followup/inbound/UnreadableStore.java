package io.followup.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Messages of a watched folder that could not be read and are retried (table {@code inbound_unreadable}).
 * Stateless and thread-safe; call inside a transaction.
 */
public final class UnreadableStore {

    /** Where a message is: mailbox, folder, UIDVALIDITY and UID. */
    public record Key(long mailboxId, String folder, long uidValidity, long uid) {

        java.util.Map<String, Object> bindings() {
            return java.util.Map.of("mailbox", mailboxId, "folder", folder, "validity", uidValidity, "uid", uid);
        }
    }

    /** States of a row; only {@link #RETRYING} rows are read again. */
    public enum State {
        RETRYING, READ, GAVE_UP, GONE, REREAD;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Records one more failed attempt (the last one when {@code giveUp} or when the retry's attempts are used up);
     * returns how many attempts have failed so far (1 for the first).
     */
    public int recordFailure(Handle handle, Key key, String error, Instant now, UnreadableRetry retry,
                             boolean giveUp) {
        Optional<Integer> previous = handle.createQuery("""
                SELECT attempts FROM inbound_unreadable WHERE mailbox_id = :mailbox AND folder = :folder
                AND uid_validity = :validity AND uid = :uid""")
                .bindMap(key.bindings())
                .mapTo(Integer.class).findOne();
        int attempts = previous.orElse(0) + 1;
        String state = (giveUp || attempts >= retry.maxAttempts() ? State.GAVE_UP : State.RETRYING).wireName();
        Instant next = now.plus(retry.delayAfter(attempts));
        String sql = previous.isEmpty() ? """
                INSERT INTO inbound_unreadable (mailbox_id, folder, uid_validity, uid, state, attempts, first_failed_at,
                                                next_attempt_at, last_error)
                VALUES (:mailbox, :folder, :validity, :uid, :state, :attempts, :now, :next, :error)""" : """
                UPDATE inbound_unreadable SET state = :state, attempts = :attempts, next_attempt_at = :next,
                    last_error = :error
                WHERE mailbox_id = :mailbox AND folder = :folder AND uid_validity = :validity AND uid = :uid""";
        handle.createUpdate(sql).bindMap(key.bindings())
                .bind("state", state).bind("attempts", attempts).bind("now", now).bind("next", next)
                .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error).execute();
        return attempts;
    }

    /** UIDs of the folder (under this UIDVALIDITY) whose next attempt is due, lowest first. */
    public List<Long> due(Handle handle, long mailboxId, String folder, long uidValidity, Instant now, int limit) {
        return handle.createQuery("""
                SELECT uid FROM inbound_unreadable WHERE mailbox_id = :mailbox AND folder = :folder
                AND state = 'retrying' AND next_attempt_at <= :now AND uid_validity = :validity
                ORDER BY uid LIMIT :limit""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", uidValidity).bind("now", now)
                .bind("limit", limit).mapTo(Long.class).list();
    }

    /** Ends the retries of one message (read at last, or gone from the folder). */
    public boolean resolve(Handle handle, Key key, State state) {
        return handle.createUpdate("""
                UPDATE inbound_unreadable SET state = :state
                WHERE mailbox_id = :mailbox AND folder = :folder AND uid_validity = :validity AND uid = :uid
                AND state = 'retrying'""")
                .bindMap(key.bindings())
                .bind("state", state.wireName()).execute() > 0;
    }

    /** After a UIDVALIDITY change the folder is read again from the start: retries under older ones end. */
    public int supersede(Handle handle, long mailboxId, String folder, long uidValidity) {
        return handle.createUpdate("""
                UPDATE inbound_unreadable SET state = 'reread' WHERE mailbox_id = :mailbox AND folder = :folder
                AND state = 'retrying' AND uid_validity <> :validity""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", uidValidity).execute();
    }
}
