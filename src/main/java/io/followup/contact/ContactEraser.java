package io.followup.contact;

import io.followup.store.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Forgets a contact (an erasure request): deletes the contact and everything that holds its personal data — its
 * enrollments with their rendered messages (outbound rows, approval decisions, Sent-folder copies, A/B choices,
 * referrals), the inbound mail it sent or that was matched to it, its tasks, keep-in-touch and opt-out rows, and
 * every event about any of these or naming the address — then keeps only a salted hash of the address in the suppression list, so the
 * address is never contacted again. Audited by a {@code contact_forgotten} event that names no one. All in the
 * caller's transaction: all or nothing. Introductions it made are kept, without the link to it. Thread-safe.
 */
public final class ContactEraser {

    /**
     * What was erased.
     *
     * @param enrollments enrollments deleted
     * @param outbound    outbound messages deleted
     * @param inbound     inbound messages deleted
     * @param events      event-log rows deleted
     */
    public record Erased(int enrollments, int outbound, int inbound, int events) {
    }

    private final SuppressionList suppressions;
    private final EventLog events;

    public ContactEraser(SuppressionList suppressions, EventLog events) {
        this.suppressions = suppressions;
        this.events = events;
    }

    /**
     * Forgets {@code email} (any case). An address that is no contact is still suppressed by hash, and inbound mail
     * from it is still erased.
     */
    public Erased forget(Handle handle, String email, String source, Instant now) {
        String address = ContactStore.normalizeAddress(email.trim().toLowerCase(Locale.ROOT));
        Optional<Long> contact = handle.createQuery("SELECT id FROM contact WHERE LOWER(email) = :email")
                .bind("email", address).mapTo(Long.class).findOne();
        long contactId = contact.orElse(-1L);
        List<Long> enrollments = ids(handle, "SELECT id FROM enrollment WHERE contact_id = :contact", contactId,
                address);
        List<Long> outbound = ids(handle, "SELECT id FROM outbound_message WHERE LOWER(to_address) = :address"
                + (enrollments.isEmpty() ? "" : " OR enrollment_id IN (<enrollments>)"), contactId, address,
                enrollments);
        List<Long> inbound = ids(handle, "SELECT id FROM inbound_message WHERE contact_id = :contact"
                + " OR LOWER(from_address) = :address OR LOWER(from_address) LIKE :bracketed ESCAPE '!'"
                + (enrollments.isEmpty() ? "" : " OR enrollment_id IN (<enrollments>)"), contactId, address,
                enrollments);
        int eventRows = delete(handle, "DELETE FROM event_log WHERE contact_id = :contact", contactId)
                + deleteIn(handle, "DELETE FROM event_log WHERE enrollment_id IN (<ids>)", enrollments)
                + deleteIn(handle, "DELETE FROM event_log WHERE outbound_id IN (<ids>)", outbound)
                + deleteIn(handle, "DELETE FROM event_log WHERE inbound_id IN (<ids>)", inbound)
                + handle.createUpdate("DELETE FROM event_log WHERE LOWER(detail) LIKE :mention ESCAPE '!'")
                        .bind("mention", "%" + likeEscaped(address) + "%").execute();
        deleteIn(handle, "DELETE FROM approval_decision WHERE outbound_id IN (<ids>)", outbound);
        deleteIn(handle, "DELETE FROM sent_copy WHERE outbound_id IN (<ids>)", outbound);
        deleteIn(handle, "UPDATE approval_notice SET outbound_id = NULL WHERE outbound_id IN (<ids>)", outbound);
        deleteIn(handle, "UPDATE digest_run SET outbound_id = NULL WHERE outbound_id IN (<ids>)", outbound);
        deleteIn(handle, "DELETE FROM step_variant WHERE enrollment_id IN (<ids>)", enrollments);
        deleteIn(handle, "DELETE FROM referral WHERE enrollment_id IN (<ids>)", enrollments);
        deleteIn(handle, "DELETE FROM introduction_item WHERE enrollment_id IN (<ids>)", enrollments);
        delete(handle, "DELETE FROM referral WHERE replier_id = :contact", contactId);
        delete(handle, "DELETE FROM task WHERE contact_id = :contact", contactId);
        deleteIn(handle, "DELETE FROM task WHERE enrollment_id IN (<ids>)", enrollments);
        delete(handle, "DELETE FROM sequence_opt_out WHERE contact_id = :contact", contactId);
        delete(handle, "DELETE FROM keep_in_touch WHERE contact_id = :contact", contactId);
        deleteIn(handle, "DELETE FROM inbound_message WHERE id IN (<ids>)", inbound);
        deleteIn(handle, "DELETE FROM outbound_message WHERE id IN (<ids>)", outbound);
        deleteIn(handle, "DELETE FROM enrollment WHERE id IN (<ids>)", enrollments);
        delete(handle, "UPDATE contact SET introduced_by = NULL WHERE introduced_by = :contact", contactId);
        delete(handle, "DELETE FROM contact WHERE id = :contact", contactId);
        handle.createUpdate("DELETE FROM suppression WHERE entry = :address").bind("address", address).execute();
        suppressions.addForgotten(handle, address, source, now);
        Erased erased = new Erased(enrollments.size(), outbound.size(), inbound.size(), eventRows);
        events.append(handle, now, EventLog.Event.of("contact_forgotten", source).detail("erased "
                + (contact.isPresent() ? "a contact" : "no contact") + ", " + erased.enrollments()
                + " enrollment(s), " + erased.outbound() + " outbound and " + erased.inbound()
                + " inbound message(s), " + erased.events() + " event(s); address kept as a salted hash"));
        return erased;
    }

    private static List<Long> ids(Handle handle, String query, long contactId, String address) {
        return ids(handle, query, contactId, address, List.of());
    }

    private static List<Long> ids(Handle handle, String query, long contactId, String address,
                                  List<Long> enrollments) {
        var select = handle.createQuery(query);
        if (query.contains(":contact")) {
            select.bind("contact", contactId);
        }
        if (query.contains(":address")) {
            select.bind("address", address);
        }
        if (query.contains(":bracketed")) {
            select.bind("bracketed", "%<" + likeEscaped(address) + ">");
        }
        if (query.contains("<enrollments>")) {
            select.bindList("enrollments", enrollments);
        }
        return new ArrayList<>(select.mapTo(Long.class).list());
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static int delete(Handle handle, String statement, long contactId) {
        return handle.createUpdate(statement).bind("contact", contactId).execute();
    }

    private static int deleteIn(Handle handle, String statement, List<Long> ids) {
        int rows = 0;
        for (int from = 0; from < ids.size(); from += 500) {
            rows += handle.createUpdate(statement).bindList("ids", ids.subList(from, Math.min(ids.size(),
                    from + 500))).execute();
        }
        return rows;
    }
}
