package io.followup.inbound;

import io.followup.contact.ContactEraser;
import io.followup.contact.ReceivedMail;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageKind;
import io.followup.inbound.proof.Match;
import io.followup.inbound.proof.Proof;
import io.followup.store.AgedText;
import io.followup.store.GroupCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The owner of the recorded inbound messages (table {@code inbound_message}): every statement that writes it and
 * every read of it alone runs here. {@link InboundProcessor} records, {@link UnverifiedInbox} reviews, the retention
 * chore erases old text ({@link AgedText}) and the contact eraser deletes a contact's mail ({@link ReceivedMail})
 * through it; reports that join it to other tables (the digest, a contact's story) read it themselves. Stateless and
 * thread-safe; call inside the caller's transaction.
 */
public final class InboundStore implements AgedText, ReceivedMail {

    /**
     * What recording a message must know first.
     *
     * @param uidSeen   this UID of this folder was recorded already
     * @param duplicate the same message (Message-ID or content) was recorded under another UID or folder
     * @param ours      a message with its Message-ID was sent by followup (a copy of one of our own)
     */
    public record Known(boolean uidSeen, boolean duplicate, boolean ours) {
    }

    /**
     * A message waiting for review as it was recorded: where it was found, the raw message kept for "apply" (Base64,
     * null when it was too large to keep) and its match.
     */
    public record Held(long mailboxId, WatchedFolder folder, long uidValidity, long uid, String raw, Match match) {
    }

    /** How many recorded messages are of {@code kind}. */
    public long count(Handle handle, MessageKind kind) {
        return handle.createQuery("SELECT COUNT(*) FROM inbound_message WHERE kind = :kind")
                .bind("kind", kind.wireName()).mapTo(Long.class).one();
    }

    /** How many recorded messages are of each kind (every kind, 0 when none), in one query. */
    public Map<MessageKind, Long> countByKind(Handle handle) {
        return GroupCounts.of(handle, "SELECT kind, COUNT(*) FROM inbound_message GROUP BY kind", MessageKind.class,
                MessageKind::wireName);
    }

    /**
     * In one round trip: whether this UID was recorded already, the same message was recorded under another UID or
     * folder, and it is one of our own messages (its Message-ID is one followup sent: the only read of
     * {@code outbound_message} here, kept in this statement so a reply costs no round trip more).
     */
    public Known known(Handle handle, InboundMessage message) {
        InboundAnalysis analysis = message.analysis();
        return handle.createQuery("""
                        SELECT (SELECT COUNT(*) FROM inbound_message WHERE mailbox_id = :mailbox AND folder = :folder
                                AND uid_validity = :validity AND uid = :uid),
                               (SELECT COUNT(*) FROM inbound_message WHERE mailbox_id = :mailbox
                                AND (message_id = :id OR content_hash = :hash)),
                               (SELECT COUNT(*) FROM outbound_message WHERE message_id = :own)""")
                .bind("mailbox", message.mailboxId()).bind("folder", message.folder())
                .bind("validity", message.uidValidity()).bind("uid", message.uid())
                .bind("id", truncate(analysis.messageId(), 255)).bind("hash", message.contentHash())
                .bind("own", analysis.messageId())
                .map((rs, ctx) -> new Known(rs.getInt(1) > 0, rs.getInt(2) > 0,
                        analysis.messageId() != null && rs.getInt(3) > 0)).one();
    }

    /** Whether the message at this UID of the folder was recorded already. */
    public boolean seen(Handle handle, long mailboxId, String folder, long uidValidity, long uid) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM inbound_message
                WHERE mailbox_id = :mailbox AND folder = :folder AND uid_validity = :validity AND uid = :uid""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", uidValidity).bind("uid", uid)
                .mapTo(Integer.class).one() > 0;
    }

    /**
     * Records a message as followup understood it; returns its id.
     *
     * @param kind   the kind recorded (one of our own messages is recorded as {@code other})
     * @param method how it was matched ({@code duplicate} and {@code own_message} for those not acted on)
     */
    public long insert(Handle handle, InboundMessage message, MessageKind kind, String method, Match match,
                       Proof proof, Instant now) {
        InboundAnalysis analysis = message.analysis();
        return handle.createUpdate("""
                INSERT INTO inbound_message (mailbox_id, folder, uid_validity, uid, message_id, content_hash,
                    from_address, subject, sent_date, received_at, kind, intent, reply_text, matched_outbound_id,
                    enrollment_id, contact_id, match_method, detail, error, proof_level, proof_reason, junk)
                VALUES (:mailbox, :folder, :validity, :uid, :messageId, :hash, :from, :subject, :sentDate, :now,
                    :kind, :intent, :replyText, :outbound, :enrollment, :contact, :method, :detail, :error,
                    :proofLevel, :proofReason, :junk)""")
                .bind("mailbox", message.mailboxId()).bind("folder", message.folder()).bind("hash", message.contentHash())
                .bind("validity", message.uidValidity()).bind("uid", message.uid())
                .bind("messageId", truncate(analysis.messageId(), 255)).bind("from", truncate(analysis.from(), 320))
                .bind("subject", truncate(analysis.subject(), 998)).bind("sentDate", analysis.date())
                .bind("now", now).bind("kind", kind.wireName())
                .bind("intent", message.intent() == null ? null : message.intent().intent().wireName())
                .bind("replyText", message.replyText()).bind("outbound", match.outboundId())
                .bind("enrollment", match.enrollmentId()).bind("contact", match.contactId())
                .bind("method", method)
                .bind("detail", truncate(analysis.explanation(), 2000)).bind("error", truncate(analysis.error(), 1000))
                .bind("proofLevel", proof.level().db()).bind("proofReason", truncate(proof.reason(), 500))
                .bind("junk", message.junk())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Records for good, as kind {@code other} with the error, a message followup gave up reading; returns its id. */
    public long insertUnreadable(Handle handle, long mailboxId, String folder, long uidValidity, long uid,
                                 String error, Instant now) {
        return handle.createUpdate("""
                        INSERT INTO inbound_message (mailbox_id, folder, uid_validity, uid, content_hash,
                                                     received_at, kind, error)
                        VALUES (:mailbox, :folder, :validity, :uid, '', :now, 'other', :error)""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", uidValidity)
                .bind("uid", uid).bind("now", now).bind("error", truncate(error, 1000))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /**
     * Marks a recorded message as waiting for review with what it asked for and the raw message kept for "apply"
     * (Base64, null when too large to keep).
     */
    public void awaitReview(Handle handle, long id, String requested, String raw) {
        handle.createUpdate("""
                UPDATE inbound_message SET review_state = 'pending', requested_action = :requested, raw_pending = :raw
                WHERE id = :id""")
                .bind("requested", requested).bind("raw", raw).bind("id", id).execute();
    }

    /** The messages waiting for review, oldest first, at most {@code limit}. */
    public List<UnverifiedInbox.Item> pendingReview(Handle handle, int limit) {
        return reviewItems(handle, "WHERE review_state = 'pending'", limit, List.of());
    }

    /** The messages of these mailboxes waiting for review, oldest first, at most {@code limit}. */
    public List<UnverifiedInbox.Item> pendingReview(Handle handle, Collection<Long> mailboxIds, int limit) {
        return reviewItems(handle, "WHERE review_state = 'pending' AND mailbox_id IN (<mailboxes>)", limit,
                mailboxIds.isEmpty() ? List.of(-1L) : List.copyOf(mailboxIds));
    }

    /** The reviewable message with this id (pending or already decided). */
    public Optional<UnverifiedInbox.Item> reviewable(Handle handle, long id) {
        return reviewItems(handle, "WHERE id = :id AND review_state IS NOT NULL", 1, List.of(), id).stream()
                .findFirst();
    }

    /** The message {@code id} as it was recorded, with its kept raw message and its match, in one read. */
    public Held held(Handle handle, long id) {
        return handle.createQuery("""
                        SELECT mailbox_id, folder, junk, uid_validity, uid, raw_pending, matched_outbound_id,
                               enrollment_id, contact_id, match_method
                        FROM inbound_message WHERE id = :id""")
                .bind("id", id).map((rs, ctx) -> new Held(rs.getLong("mailbox_id"),
                        new WatchedFolder(rs.getString("folder"), rs.getBoolean("junk"), "imap.folders"),
                        rs.getLong("uid_validity"), rs.getLong("uid"), rs.getString("raw_pending"),
                        new Match(nullableLong(rs, "matched_outbound_id"), nullableLong(rs, "enrollment_id"),
                                nullableLong(rs, "contact_id"), rs.getString("match_method")))).one();
    }

    /**
     * Decides a pending message ({@code applied} or {@code dismissed}) and drops its kept raw message; false when it
     * was not pending (someone else decided it).
     */
    public boolean decide(Handle handle, long id, String state, String by, Instant now) {
        return handle.createUpdate("""
                UPDATE inbound_message SET review_state = :state, reviewed_by = :by, reviewed_at = :now,
                    raw_pending = NULL
                WHERE id = :id AND review_state = 'pending'""")
                .bind("state", state).bind("by", by).bind("now", now).bind("id", id).execute() == 1;
    }

    @Override
    public int eraseTextBefore(Handle handle, Instant before, int limit) {
        return handle.createUpdate("""
                UPDATE inbound_message SET subject = NULL, reply_text = NULL, raw_pending = NULL, detail = NULL
                WHERE received_at < :before
                  AND (subject IS NOT NULL OR reply_text IS NOT NULL OR raw_pending IS NOT NULL OR detail IS NOT NULL)
                LIMIT\s""" + limit)
                .bind("before", before.toEpochMilli()).execute();
    }

    @Override
    public List<Long> ofContact(Handle handle, long contactId, String address, List<Long> enrollmentIds) {
        var select = handle.createQuery("SELECT id FROM inbound_message WHERE contact_id = :contact"
                        + " OR LOWER(from_address) = :address OR LOWER(from_address) LIKE :bracketed ESCAPE '!'"
                        + (enrollmentIds.isEmpty() ? "" : " OR enrollment_id IN (<enrollments>)"))
                .bind("contact", contactId).bind("address", address)
                .bind("bracketed", "%<" + ContactEraser.likeEscaped(address) + ">");
        if (!enrollmentIds.isEmpty()) {
            select.bindList("enrollments", enrollmentIds);
        }
        return select.mapTo(Long.class).list();
    }

    @Override
    public int delete(Handle handle, List<Long> ids) {
        int rows = 0;
        for (int from = 0; from < ids.size(); from += 500) {
            rows += handle.createUpdate("DELETE FROM inbound_message WHERE id IN (<ids>)")
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500))).execute();
        }
        return rows;
    }

    private static List<UnverifiedInbox.Item> reviewItems(Handle handle, String where, int limit,
                                                          List<Long> mailboxes, long... id) {
        var query = handle.createQuery("""
                SELECT id, mailbox_id, received_at, from_address, subject, kind, proof_reason, requested_action,
                       enrollment_id, contact_id, review_state, reviewed_by
                FROM inbound_message\s""" + where + " ORDER BY received_at, id LIMIT :limit")
                .bind("limit", limit);
        if (!mailboxes.isEmpty()) {
            query.bindList("mailboxes", mailboxes);
        }
        if (id.length > 0) {
            query.bind("id", id[0]);
        }
        return query.map((rs, ctx) -> new UnverifiedInbox.Item(rs.getLong("id"), rs.getLong("mailbox_id"),
                Instant.ofEpochMilli(rs.getLong("received_at")), rs.getString("from_address"), rs.getString("subject"),
                rs.getString("kind"), rs.getString("proof_reason"), rs.getString("requested_action"),
                nullableLong(rs, "enrollment_id"), nullableLong(rs, "contact_id"), rs.getString("review_state"),
                rs.getString("reviewed_by"))).list();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
