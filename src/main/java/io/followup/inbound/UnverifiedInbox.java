package io.followup.inbound;

import io.followup.inbound.proof.Match;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The unverified inbound messages that asked for something (a stop, a suppression, a pause...), waiting for the
 * owner: listed with their reason and request, then applied (acted on exactly as a proven message would be) or
 * dismissed, once. The raw message is kept until then, up to {@value #MAX_RAW_BYTES} bytes. Thread-safe.
 */
public final class UnverifiedInbox {

    /** Larger messages are not kept for "apply"; the owner acts by hand (suppress, stop). */
    static final int MAX_RAW_BYTES = 2 * 1024 * 1024;

    /** One reviewed or reviewable message. {@code state} is pending, applied or dismissed. */
    public record Item(long id, long mailboxId, Instant receivedAt, String from, String subject, String kind,
                       String reason, String requested, Long enrollmentId, Long contactId, String state,
                       String reviewedBy) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final InboundProcessor processor;
    private final Responder policy;
    private final EventLog events;

    public UnverifiedInbox(Jdbi jdbi, Clock clock, InboundProcessor processor, Responder policy,
                           EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.processor = processor;
        this.policy = policy;
        this.events = events;
    }

    /** Marks a just-recorded unverified message as waiting for the owner; in the recording transaction. */
    static void awaitReview(Handle handle, long inboundId, String requested, byte[] raw) {
        handle.createUpdate("""
                UPDATE inbound_message SET review_state = 'pending', requested_action = :requested, raw_pending = :raw
                WHERE id = :id""")
                .bind("requested", requested.length() > 300 ? requested.substring(0, 299) + "…" : requested)
                .bind("raw", raw.length > MAX_RAW_BYTES ? null : Base64.getEncoder().encodeToString(raw))
                .bind("id", inboundId).execute();
    }

    /** The messages waiting for review, oldest first, at most {@code limit}. */
    public List<Item> pending(int limit) {
        return jdbi.withHandle(handle -> query(handle, "WHERE review_state = 'pending'", limit, List.of()));
    }

    /** The messages of these mailboxes waiting for review, oldest first, in the caller's transaction. */
    public static List<Item> pending(Handle handle, Collection<Long> mailboxIds, int limit) {
        return query(handle, "WHERE review_state = 'pending' AND mailbox_id IN (<mailboxes>)", limit,
                mailboxIds.isEmpty() ? List.of(-1L) : List.copyOf(mailboxIds));
    }

    /** The reviewable message with this id (pending or already decided). */
    public Optional<Item> find(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /**
     * Acts on the message as if it had been proven (the owner vouches for it): the response policy runs with the
     * match recorded when it arrived, against the state of today.
     *
     * @throws InboundException when there is no such message, it is not pending, or it was too large to keep
     */
    public Item apply(long id, String by) {
        return jdbi.inTransaction(handle -> {
            Item item = pendingItem(handle, id);
            String raw = handle.createQuery("SELECT raw_pending FROM inbound_message WHERE id = :id").bind("id", id)
                    .mapTo(String.class).findOne().orElse(null);
            if (raw == null) {
                throw new InboundException("inbound message #" + id + " was too large to keep for \"apply\"; act "
                        + "by hand (suppress, stop, pause) and dismiss it");
            }
            Instant now = clock.instant();
            decide(handle, id, "applied", by, now);
            InboundMessage message = handle.createQuery("""
                            SELECT mailbox_id, folder, junk, uid_validity, uid FROM inbound_message WHERE id = :id""")
                    .bind("id", id).map((rs, ctx) -> processor.understand(rs.getLong("mailbox_id"),
                            new WatchedFolder(rs.getString("folder"), rs.getBoolean("junk"), "imap.folders"),
                            rs.getLong("uid_validity"), rs.getLong("uid"),
                            Base64.getDecoder().decode(raw))).one();
            Match match = handle.createQuery("""
                            SELECT matched_outbound_id, enrollment_id, contact_id, match_method FROM inbound_message
                            WHERE id = :id""")
                    .bind("id", id).map((rs, ctx) -> new Match(nullableLong(rs, "matched_outbound_id"),
                            nullableLong(rs, "enrollment_id"), nullableLong(rs, "contact_id"),
                            rs.getString("match_method"))).one();
            events.append(handle, now, EventLog.Event.of(EventKind.UNVERIFIED_APPLIED, "owner " + by).inbound(id)
                    .detail(item.requested()));
            policy.apply(handle, id, message, match, now);
            return find(handle, id).orElseThrow();
        });
    }

    /**
     * Leaves the message without effect (what its quiet stop did, if anything, stays).
     *
     * @throws InboundException when there is no such message or it is not pending
     */
    public Item dismiss(long id, String by) {
        return jdbi.inTransaction(handle -> {
            Item item = pendingItem(handle, id);
            Instant now = clock.instant();
            decide(handle, id, "dismissed", by, now);
            events.append(handle, now, EventLog.Event.of(EventKind.UNVERIFIED_DISMISSED, "owner " + by).inbound(id)
                    .detail(item.requested()));
            return find(handle, id).orElseThrow();
        });
    }

    private static Item pendingItem(Handle handle, long id) {
        Item item = find(handle, id).orElseThrow(() -> new InboundException(
                "no unverified inbound message #" + id + " waiting for review"));
        if (!"pending".equals(item.state())) {
            throw new InboundException("inbound message #" + id + " was already " + item.state()
                    + (item.reviewedBy() == null ? "" : " by " + item.reviewedBy()));
        }
        return item;
    }

    private static void decide(Handle handle, long id, String state, String by, Instant now) {
        int updated = handle.createUpdate("""
                UPDATE inbound_message SET review_state = :state, reviewed_by = :by, reviewed_at = :now,
                    raw_pending = NULL
                WHERE id = :id AND review_state = 'pending'""")
                .bind("state", state).bind("by", by).bind("now", now).bind("id", id).execute();
        if (updated != 1) {
            throw new InboundException("inbound message #" + id + " was decided by someone else just now");
        }
    }

    private static Optional<Item> find(Handle handle, long id) {
        return query(handle, "WHERE id = :id AND review_state IS NOT NULL", 1, List.of(), id).stream().findFirst();
    }

    private static List<Item> query(Handle handle, String where, int limit, List<Long> mailboxes, long... id) {
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
        return query.map((rs, ctx) -> new Item(rs.getLong("id"), rs.getLong("mailbox_id"),
                Instant.ofEpochMilli(rs.getLong("received_at")), rs.getString("from_address"), rs.getString("subject"),
                rs.getString("kind"), rs.getString("proof_reason"), rs.getString("requested_action"),
                nullableLong(rs, "enrollment_id"), nullableLong(rs, "contact_id"), rs.getString("review_state"),
                rs.getString("reviewed_by"))).list();
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
