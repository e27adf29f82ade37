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
 * ({@code followup status}). Read-only and stateless; thread-safe.
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

    private static final EventLog EVENTS = new EventLog();

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
        List<EventLog.Recorded> events = new ArrayList<>(EVENTS.newestOfContact(handle, id, Integer.MAX_VALUE));
        Collections.reverse(events);
        return new Story(contact, suppressions.match(handle, contact.email()).orElse(null), enrollments, messages,
                responses, events,
                contacts.handedOffOwner(handle, id).orElse(null));
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
