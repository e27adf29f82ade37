package io.followup.contact;

import io.followup.store.EventLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Everything that happened to one contact, read in one go: the contact, whether it is suppressed, its enrollments,
 * the messages written to it, its responses and the event history. The terminal twin of the web contact page
 * ({@code followup status}); also the event lists of the web contact and enrollment pages and the demo's
 * narration. Read-only and stateless; thread-safe.
 */
public final class ContactStory {

    /** One enrollment, with its sequence name and where it stands. */
    public record EnrollmentLine(long id, String sequence, String mailbox, String state, int nextStep, int stepCount,
                                 Instant nextDueAt, Instant resumeAt, String stopReason, Instant enrolledAt) {
    }

    /** One message written to the contact. */
    public record MessageLine(long id, Long enrollmentId, int stepNo, String kind, String state, String subject,
                              String messageId, Instant sentAt, Instant createdAt, String problem) {
    }

    /**
     * One message received from (or matched to) the contact: what it was and how it was matched; {@code junkFolder}
     * names the Junk folder it was found in (null when found elsewhere).
     */
    public record ResponseLine(long id, Long enrollmentId, Instant receivedAt, String from, String subject,
                               String kind, String intent, String matchMethod, String detail, String junkFolder) {
    }

    /** The whole story; {@code owner} is the colleague a reply hand-off made the owner (null: the mailbox's). */
    public record Story(Contact contact, Suppression suppression, List<EnrollmentLine> enrollments,
                        List<MessageLine> messages, List<ResponseLine> responses, List<EventLog.Recorded> events,
                        String owner) {
    }

    private static final String EVENT =
            "SELECT id, at, event, enrollment_id, outbound_id, cause, detail FROM event_log ";
    /** The events enrollments share ({@code enrolled_event}), each as its enrollment's; {@code n}: the enrollment. */
    private static final String SHARED = """
            SELECT l.id, l.at, l.event, n.id AS enrollment_id, l.outbound_id, l.cause, l.detail
            FROM enrollment n JOIN event_log l ON l.id = n.enrolled_event
            """;

    private final ContactStore contacts;
    private final SuppressionList suppressions;

    public ContactStory(ContactStore contacts, SuppressionList suppressions) {
        this.contacts = contacts;
        this.suppressions = suppressions;
    }

    /** The story of the contact with this address (any case), if there is such a contact. */
    public Optional<Story> ofEmail(Handle handle, String email) {
        return contacts.findByEmail(handle, email).map(contact -> story(handle, contact));
    }

    /** The story of the contact of enrollment {@code enrollmentId}, if there is such an enrollment. */
    public Optional<Story> ofEnrollment(Handle handle, long enrollmentId) {
        return handle.createQuery("SELECT contact_id FROM enrollment WHERE id = :id").bind("id", enrollmentId)
                .mapTo(Long.class).findOne().map(contactId -> story(handle, contacts.byId(handle, contactId)));
    }

    private Story story(Handle handle, Contact contact) {
        long id = contact.id();
        List<EnrollmentLine> enrollments = handle.createQuery("""
                        SELECT e.id, s.name AS sequence, m.name AS mailbox, e.state, e.next_step, s.step_count,
                               e.next_due_at, e.resume_at, e.stop_reason, e.enrolled_at
                        FROM enrollment e JOIN sequence_def s ON s.id = e.sequence_id
                        JOIN mailbox m ON m.id = e.mailbox_id
                        WHERE e.contact_id = :id ORDER BY e.id""")
                .bind("id", id).map((rs, ctx) -> new EnrollmentLine(rs.getLong("id"), rs.getString("sequence"),
                        rs.getString("mailbox"), rs.getString("state"), rs.getInt("next_step"),
                        rs.getInt("step_count"), instant(rs, "next_due_at"), instant(rs, "resume_at"),
                        rs.getString("stop_reason"), instant(rs, "enrolled_at"))).list();
        List<MessageLine> messages = handle.createQuery("""
                        SELECT id, enrollment_id, step_no, kind, state, subject, message_id, sent_at, created_at,
                               COALESCE(last_error, hold_reason) AS problem
                        FROM outbound_message
                        WHERE enrollment_id IN (SELECT id FROM enrollment WHERE contact_id = :id)
                           OR LOWER(to_address) = LOWER(:email)
                        ORDER BY id""")
                .bind("id", id).bind("email", contact.email())
                .map((rs, ctx) -> new MessageLine(rs.getLong("id"), nullableLong(rs, "enrollment_id"),
                        rs.getInt("step_no"), rs.getString("kind"), rs.getString("state"), rs.getString("subject"),
                        rs.getString("message_id"), instant(rs, "sent_at"), instant(rs, "created_at"),
                        rs.getString("problem"))).list();
        List<ResponseLine> responses = handle.createQuery("""
                        SELECT id, enrollment_id, received_at, from_address, subject, kind, intent, match_method, detail,
                               folder, junk
                        FROM inbound_message
                        WHERE contact_id = :id OR enrollment_id IN (SELECT id FROM enrollment WHERE contact_id = :id)
                        ORDER BY id""")
                .bind("id", id).map((rs, ctx) -> new ResponseLine(rs.getLong("id"),
                        nullableLong(rs, "enrollment_id"), instant(rs, "received_at"), rs.getString("from_address"),
                        rs.getString("subject"), rs.getString("kind"), rs.getString("intent"),
                        rs.getString("match_method"), rs.getString("detail"),
                        rs.getBoolean("junk") ? rs.getString("folder") : null)).list();
        List<EventLog.Recorded> events = new ArrayList<>(eventsOfContact(handle, id, Integer.MAX_VALUE));
        Collections.reverse(events);
        return new Story(contact, suppressions.match(handle, contact.email()).orElse(null), enrollments, messages,
                responses, events,
                contacts.handedOffOwner(handle, id).orElse(null));
    }

    /**
     * The newest {@code limit} events of a contact and of its enrollments, newest first; an event an enrollment
     * shares with others ({@code enrollment.enrolled_event}: a bulk import's one {@code enrolled} event) is shown as
     * that enrollment's.
     */
    public static List<EventLog.Recorded> eventsOfContact(Handle handle, long contactId, int limit) {
        return handle.createQuery(EVENT + """
                        WHERE contact_id = :id OR enrollment_id IN (SELECT id FROM enrollment WHERE contact_id = :id)
                        """ + "UNION ALL " + SHARED + """
                        WHERE n.contact_id = :id
                        ORDER BY id DESC LIMIT :limit""")
                .bind("id", contactId).bind("limit", limit).map((rs, ctx) -> EventLog.recorded(rs)).list();
    }

    /** The first {@code limit} events of an enrollment, oldest first, with the one it shares (see above). */
    public static List<EventLog.Recorded> eventsOfEnrollment(Handle handle, long enrollmentId, int limit) {
        return handle.createQuery(EVENT + "WHERE enrollment_id = :id UNION ALL " + SHARED
                        + "WHERE n.id = :id ORDER BY id LIMIT :limit")
                .bind("id", enrollmentId).bind("limit", limit).map((rs, ctx) -> EventLog.recorded(rs)).list();
    }

    /** An event with the email of the contact it concerns (its own, or its enrollment's), null when none. */
    public record EventOfContact(EventLog.Recorded event, String contactEmail) {
    }

    /** Every event after the event {@code afterId}, oldest first, with its contact's email (the demo's narrator). */
    public static List<EventOfContact> eventsAfter(Handle handle, long afterId) {
        return handle.createQuery("""
                        SELECT e.id, e.at, e.event, e.enrollment_id, e.outbound_id, e.cause, e.detail, c.email
                        FROM event_log e
                        LEFT JOIN enrollment n ON n.id = e.enrollment_id
                        LEFT JOIN contact c ON c.id = COALESCE(e.contact_id, n.contact_id)
                        WHERE e.id > :last ORDER BY e.id""")
                .bind("last", afterId)
                .map((rs, ctx) -> new EventOfContact(EventLog.recorded(rs), rs.getString("email"))).list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
