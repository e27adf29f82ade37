package io.followup.sentfolder;

import io.followup.contact.ErasureParticipant;
import io.followup.store.MultiRow;
import io.followup.store.UniqueKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code sent_copy} table: copies of sent messages waiting for (or done with) an IMAP APPEND to the mailbox's
 * Sent folder. Stateless and thread-safe; every method runs on the caller's handle.
 */
public final class SentCopyStore {

    /** Where a copy stands. */
    public enum State {
        PENDING, STORED, FAILED, SKIPPED;

        String db() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A copy waiting to be appended. */
    public record Pending(long outboundId, long mailboxId, String messageId, byte[] raw, int attempts) {
    }

    private static final String ADD = """
            INSERT INTO sent_copy (outbound_id, mailbox_id, message_id, raw_base64, state, attempts,
                                   next_attempt_at, created_at)
            VALUES\s""";

    /** A copy to record with {@link #addAll}. */
    public record Copy(long outboundId, long mailboxId, String messageId, byte[] raw, Instant now) {
    }

    /** Records a copy to append (once per message: a second call for the same message changes nothing). */
    public void add(Handle handle, long outboundId, long mailboxId, String messageId, byte[] raw, Instant now) {
        addAll(handle, List.of(new Copy(outboundId, mailboxId, messageId, raw, now)));
    }

    /**
     * {@link #add} for several messages: one multi-row {@code INSERT} (per {@link MultiRow#MAX_ROWS} copies), which
     * is all it takes when none is recorded yet (the sender's case: messages it has just marked sent). Only when that
     * insert fails on the primary key (a copy recorded already, or by another transaction in between: the statement
     * is undone whole, the transaction goes on) are the copies already there read and the others inserted, so nothing
     * is ever recorded twice. Run it in the transaction that marks the messages sent.
     */
    public void addAll(Handle handle, List<Copy> copies) {
        for (List<Copy> chunk : MultiRow.chunks(copies)) {
            if (UniqueKey.inserted(() -> insert(handle, chunk))) {
                continue;
            }
            Set<Long> recorded = new HashSet<>(handle.createQuery(
                            "SELECT outbound_id FROM sent_copy WHERE outbound_id IN (<ids>)")
                    .bindList("ids", chunk.stream().map(Copy::outboundId).toList()).mapTo(Long.class).list());
            List<Copy> fresh = chunk.stream().filter(copy -> recorded.add(copy.outboundId())).toList();
            if (!fresh.isEmpty()) {
                insert(handle, fresh);
            }
        }
    }

    /** Inserts {@code copies} (distinct messages) with one statement; true. */
    private static boolean insert(Handle handle, List<Copy> copies) {
        Set<Long> seen = new HashSet<>();
        List<Copy> distinct = copies.stream().filter(copy -> seen.add(copy.outboundId())).toList();
        Update insert = handle.createUpdate(ADD + MultiRow.values(distinct.size(),
                "outbound", "mailbox", "messageId", "raw", "state", "attempts", "next", "created"));
        for (int row = 0; row < distinct.size(); row++) {
            Copy copy = distinct.get(row);
            insert.bind("outbound" + row, copy.outboundId()).bind("mailbox" + row, copy.mailboxId())
                    .bind("messageId" + row, copy.messageId())
                    .bind("raw" + row, Base64.getEncoder().encodeToString(copy.raw()))
                    .bind("state" + row, State.PENDING.db()).bind("attempts" + row, 0)
                    .bind("next" + row, copy.now()).bind("created" + row, copy.now());
        }
        insert.execute();
        return true;
    }

    /** Up to {@code limit} pending copies of one mailbox whose time has come, oldest first. */
    public List<Pending> due(Handle handle, long mailboxId, Instant now, int limit) {
        return handle.createQuery("""
                        SELECT outbound_id, mailbox_id, message_id, raw_base64, attempts FROM sent_copy
                        WHERE state = 'pending' AND next_attempt_at <= :now AND mailbox_id = :mailbox
                        ORDER BY next_attempt_at, outbound_id LIMIT :limit""")
                .bind("now", now).bind("mailbox", mailboxId).bind("limit", limit)
                .map((rs, ctx) -> new Pending(rs.getLong("outbound_id"), rs.getLong("mailbox_id"),
                        rs.getString("message_id"), Base64.getDecoder().decode(rs.getString("raw_base64")),
                        rs.getInt("attempts")))
                .list();
    }

    /** The ids of mailboxes with pending copies due now. */
    public List<Long> mailboxesWithDueCopies(Handle handle, Instant now) {
        return handle.createQuery("""
                        SELECT DISTINCT mailbox_id FROM sent_copy
                        WHERE state = 'pending' AND next_attempt_at <= :now ORDER BY mailbox_id""")
                .bind("now", now).mapTo(Long.class).list();
    }

    /** The copy is in {@code folder}; its bytes are no longer kept. */
    public void stored(Handle handle, long outboundId, String folder, Instant now) {
        handle.createUpdate("""
                        UPDATE sent_copy SET state = 'stored', folder = :folder, stored_at = :now, raw_base64 = NULL,
                               last_error = NULL WHERE outbound_id = :outbound""")
                .bind("folder", folder).bind("now", now).bind("outbound", outboundId).execute();
    }

    /** An attempt failed: try again at {@code retryAt}. */
    public void retryLater(Handle handle, long outboundId, String error, Instant retryAt) {
        handle.createUpdate("""
                        UPDATE sent_copy SET attempts = attempts + 1, last_error = :error, next_attempt_at = :retryAt
                        WHERE outbound_id = :outbound""")
                .bind("error", clip(error)).bind("retryAt", retryAt).bind("outbound", outboundId).execute();
    }

    /** Gives up on the copy ({@link State#FAILED} or {@link State#SKIPPED}) with the reason; its bytes are dropped. */
    public void giveUp(Handle handle, long outboundId, State state, String reason) {
        handle.createUpdate("""
                        UPDATE sent_copy SET state = :state, attempts = attempts + 1, last_error = :reason,
                               raw_base64 = NULL WHERE outbound_id = :outbound""")
                .bind("state", state.db()).bind("reason", clip(reason)).bind("outbound", outboundId).execute();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    /**
     * A forgotten contact's messages lose their Sent-folder copies, and the messages redacted for it those not yet
     * stored ({@code ContactEraser}'s participant; a stored copy is on the IMAP server, out of reach).
     */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        MultiRow.updateIn(handle, "DELETE FROM sent_copy WHERE state <> 'stored' AND outbound_id IN (<ids>)",
                forgotten.redacted());
        MultiRow.updateIn(handle, "DELETE FROM sent_copy WHERE outbound_id IN (<ids>)", forgotten.outbound());
    }
}
