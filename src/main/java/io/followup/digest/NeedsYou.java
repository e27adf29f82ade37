package io.followup.digest;

import io.followup.inbound.UnverifiedInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What waits for the owner, as of an instant: drafts waiting for approval (oldest first), open tasks from
 * escalations (earliest due first), introductions still owing the introducer a thank-you (no {@code thank_you}
 * message sent for the introduced contact), keep-in-touch check-ins overdue (due and not drafted, or drafted and
 * still unsent), and interested replies of the last {@value #INTERESTED_DAYS} days not yet answered (no message
 * from followup to that contact after the reply: answers written outside followup are invisible to it), and
 * unverified inbound mail that asked for something (apply or dismiss it: {@code followup inbound unverified}).
 * Drafts and replies are those of the owner's mailboxes; tasks without an enrollment and keep-in-touch cadences
 * belong to no mailbox and are shown to every owner. Also received mail that could not be read in the last
 * {@value #INTERESTED_DAYS} days (still retried, or given up on: a reply may hide in it), and OAuth2 mailboxes to
 * reconnect (grant revoked: their mail waits).
 * Stateless and thread-safe.
 */
public final class NeedsYou {

    static final int INTERESTED_DAYS = 30;
    private static final int LIMIT = 50;

    /** One thing to do: who it concerns, what, and since when. */
    public record Item(long id, String who, String what, Instant since) {
    }

    /** Everything that waits, each list oldest first. */
    public record Items(List<Item> drafts, List<Item> tasks, List<Item> introductions, List<Item> checkIns,
                        List<Item> interested, List<Item> unreadable, List<Item> unverified, List<Item> reconnect) {

        public Items {
            reconnect = List.copyOf(reconnect);
            drafts = List.copyOf(drafts);
            tasks = List.copyOf(tasks);
            introductions = List.copyOf(introductions);
            checkIns = List.copyOf(checkIns);
            interested = List.copyOf(interested);
            unreadable = List.copyOf(unreadable);
            unverified = List.copyOf(unverified);
        }

        /** Items without mailboxes to reconnect. */
        public Items(List<Item> drafts, List<Item> tasks, List<Item> introductions, List<Item> checkIns,
                     List<Item> interested, List<Item> unreadable, List<Item> unverified) {
            this(drafts, tasks, introductions, checkIns, interested, unreadable, unverified, List.of());
        }

        /** Items without unverified mail. */
        public Items(List<Item> drafts, List<Item> tasks, List<Item> introductions, List<Item> checkIns,
                     List<Item> interested, List<Item> unreadable) {
            this(drafts, tasks, introductions, checkIns, interested, unreadable, List.of());
        }

        public int total() {
            return drafts.size() + tasks.size() + introductions.size() + checkIns.size() + interested.size()
                    + unreadable.size() + unverified.size() + reconnect.size();
        }
    }

    public Items read(Handle handle, Collection<Long> mailboxIds, Instant asOf) {
        List<Long> mailboxes = mailboxIds.isEmpty() ? List.of(-1L) : List.copyOf(mailboxIds);
        return new Items(drafts(handle, mailboxes), tasks(handle, mailboxes, asOf), introductions(handle),
                checkIns(handle, asOf), interested(handle, mailboxes, asOf),
                unreadable(handle, mailboxes, asOf), unverified(handle, mailboxes), reconnect(handle, mailboxes));
    }

    /** OAuth2 mailboxes whose grant was revoked: sending and watching wait until the owner reconnects them. */
    private static List<Item> reconnect(Handle handle, List<Long> mailboxes) {
        return handle.createQuery("""
                SELECT m.id, m.name, m.address, g.updated_at FROM oauth_grant g JOIN mailbox m ON m.id = g.mailbox_id
                WHERE g.state = 'revoked' AND g.mailbox_id IN (<mailboxes>) ORDER BY g.updated_at, m.id""")
                .bindList("mailboxes", mailboxes)
                .map((rs, ctx) -> new Item(rs.getLong("id"), rs.getString("address"), "reconnect mailbox "
                        + rs.getString("name") + ": its OAuth2 access was revoked; sending and watching wait "
                        + "(followup mailboxes connect " + rs.getString("name") + ")",
                        Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .list();
    }

    /** Unverified inbound mail that asked for something and waits for the owner's apply or dismiss. */
    private static List<Item> unverified(Handle handle, List<Long> mailboxes) {
        return UnverifiedInbox.pending(handle, mailboxes, LIMIT).stream()
                .map(item -> new Item(item.id(), item.from() == null ? "(no sender)" : item.from(),
                        item.requested() + " — unverified: " + item.reason(), item.receivedAt()))
                .toList();
    }

    private static String who(String name, String email) {
        return name == null || name.isBlank() ? email : name + " <" + email + ">";
    }

    private static List<Item> drafts(Handle handle, List<Long> mailboxes) {
        return handle.createQuery("""
                SELECT id, to_name, to_address, subject, kind, created_at FROM outbound_message
                WHERE state = 'pending_approval' AND mailbox_id IN (<mailboxes>)
                ORDER BY created_at, id LIMIT :limit""")
                .bindList("mailboxes", mailboxes).bind("limit", LIMIT)
                .map((rs, ctx) -> new Item(rs.getLong("id"), who(rs.getString("to_name"), rs.getString("to_address")),
                        (rs.getString("subject") == null ? "(no subject)" : rs.getString("subject"))
                                + ("step".equals(rs.getString("kind")) ? "" : " [" + rs.getString("kind") + "]"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    private static List<Item> tasks(Handle handle, List<Long> mailboxes, Instant asOf) {
        return handle.createQuery("""
                SELECT t.id, t.kind, t.text, t.due_at, c.name, c.email FROM task t
                JOIN contact c ON c.id = t.contact_id LEFT JOIN enrollment e ON e.id = t.enrollment_id
                WHERE t.done_at IS NULL AND t.created_at < :asOf AND (e.id IS NULL OR e.mailbox_id IN (<mailboxes>))
                ORDER BY t.due_at, t.id LIMIT :limit""")
                .bindList("mailboxes", mailboxes).bind("asOf", asOf).bind("limit", LIMIT)
                .map((rs, ctx) -> new Item(rs.getLong("id"), who(rs.getString("name"), rs.getString("email")),
                        rs.getString("kind") + ": " + rs.getString("text"),
                        Instant.ofEpochMilli(rs.getLong("due_at"))))
                .list();
    }

    /**
     * "introduced_by IS NOT NULL" lets MariaDB read the introduced contacts along their index instead of every
     * contact in order of creation (1.4 s at 100k contacts without an introduction).
     */
    private static List<Item> introductions(Handle handle) {
        return handle.createQuery("""
                SELECT c.id, c.name, c.email, i.name AS introducer_name, i.email AS introducer_email, c.created_at
                FROM contact c JOIN contact i ON i.id = c.introduced_by
                WHERE c.introduced_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbound_message o WHERE o.kind = 'thank_you' AND o.state = 'sent'
                                  AND o.idempotency_key = CONCAT('thanks:', c.id))
                ORDER BY c.created_at, c.id LIMIT :limit""")
                .bind("limit", LIMIT)
                .map((rs, ctx) -> new Item(rs.getLong("id"), who(rs.getString("introducer_name"),
                        rs.getString("introducer_email")), "thank them for introducing "
                        + who(rs.getString("name"), rs.getString("email")) + " and report back",
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    private static List<Item> checkIns(Handle handle, Instant asOf) {
        List<Item> items = new ArrayList<>(handle.createQuery("""
                SELECT k.contact_id, c.name, c.email, k.period, k.next_due_at FROM keep_in_touch k
                JOIN contact c ON c.id = k.contact_id WHERE k.next_due_at <= :asOf
                ORDER BY k.next_due_at, k.contact_id LIMIT :limit""")
                .bind("asOf", asOf).bind("limit", LIMIT)
                .map((rs, ctx) -> new Item(rs.getLong("contact_id"), who(rs.getString("name"), rs.getString("email")),
                        rs.getString("period") + " check-in due", Instant.ofEpochMilli(rs.getLong("next_due_at"))))
                .list());
        items.addAll(handle.createQuery("""
                SELECT id, to_name, to_address, state, created_at FROM outbound_message
                WHERE kind = 'check_in' AND state IN ('held', 'pending_approval') AND created_at <= :asOf
                ORDER BY created_at, id LIMIT :limit""")
                .bind("asOf", asOf).bind("limit", LIMIT)
                .map((rs, ctx) -> new Item(rs.getLong("id"), who(rs.getString("to_name"), rs.getString("to_address")),
                        "check-in draft " + ("held".equals(rs.getString("state")) ? "held (fix the template values)"
                                : "waiting for approval"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
        items.sort(java.util.Comparator.comparing(Item::since).thenComparing(Item::id));
        return items;
    }

    private static List<Item> interested(Handle handle, List<Long> mailboxes, Instant asOf) {
        return handle.createQuery("""
                SELECT i.id, c.name, c.email, i.subject, i.received_at FROM inbound_message i
                JOIN contact c ON c.id = i.contact_id
                WHERE i.kind = 'human_reply' AND i.intent = 'interested' AND i.mailbox_id IN (<mailboxes>)
                  AND i.received_at <= :asOf AND i.received_at > :since
                  AND NOT EXISTS (SELECT 1 FROM outbound_message o WHERE o.to_address = c.email
                                  AND o.state = 'sent' AND o.sent_at > i.received_at)
                ORDER BY i.received_at, i.id LIMIT :limit""")
                .bindList("mailboxes", mailboxes).bind("asOf", asOf)
                .bind("since", asOf.minus(Duration.ofDays(INTERESTED_DAYS))).bind("limit", LIMIT)
                .map((rs, ctx) -> new Item(rs.getLong("id"), who(rs.getString("name"), rs.getString("email")),
                        "replied interested: " + (rs.getString("subject") == null ? "(no subject)"
                                : rs.getString("subject")), Instant.ofEpochMilli(rs.getLong("received_at"))))
                .list();
    }

    private static List<Item> unreadable(Handle handle, List<Long> mailboxes, Instant asOf) {
        return handle.createQuery("""
                SELECT u.uid, u.folder, u.state, u.attempts, u.last_error, u.first_failed_at, m.name
                FROM inbound_unreadable u JOIN mailbox m ON m.id = u.mailbox_id
                WHERE u.state IN ('retrying', 'gave_up') AND u.mailbox_id IN (<mailboxes>)
                  AND u.first_failed_at <= :asOf AND u.first_failed_at > :since
                ORDER BY u.first_failed_at, u.uid LIMIT :limit""")
                .bindList("mailboxes", mailboxes).bind("asOf", asOf)
                .bind("since", asOf.minus(Duration.ofDays(INTERESTED_DAYS))).bind("limit", LIMIT)
                .map((rs, ctx) -> new Item(rs.getLong("uid"), rs.getString("name") + " " + rs.getString("folder")
                        + " UID " + rs.getLong("uid"), ("retrying".equals(rs.getString("state"))
                        ? "cannot be read yet (" + rs.getInt("attempts") + " attempt(s), read again later): "
                        : "could not be read after " + rs.getInt("attempts") + " attempt(s); open it in your mail "
                        + "client: ") + rs.getString("last_error"), Instant.ofEpochMilli(rs.getLong("first_failed_at"))))
                .list();
    }
}
