package io.followup.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The event log: every state change with its cause. Append inside the transaction that makes the change, so the
 * log and the state never disagree; the pages and the {@code status} command read it here. Stateless and
 * thread-safe.
 */
public final class EventLog {

    /** One event; ids that do not apply are null. */
    public record Event(EventKind event, Long enrollmentId, Long contactId, Long outboundId, Long inboundId,
                        String cause, String detail) {

        public static Event of(EventKind event, String cause) {
            return new Event(event, null, null, null, null, cause, null);
        }

        /** The enrollment concerned; 0 (a message that belongs to no enrollment) is recorded as none. */
        public Event enrollment(long id) {
            return new Event(event, id > 0 ? id : null, contactId, outboundId, inboundId, cause, detail);
        }

        public Event contact(long id) {
            return new Event(event, enrollmentId, id, outboundId, inboundId, cause, detail);
        }

        public Event outbound(long id) {
            return new Event(event, enrollmentId, contactId, id, inboundId, cause, detail);
        }

        public Event inbound(long id) {
            return new Event(event, enrollmentId, contactId, outboundId, id, cause, detail);
        }

        public Event detail(String text) {
            return new Event(event, enrollmentId, contactId, outboundId, inboundId, cause, text);
        }
    }

    private static final List<String> COLUMNS = List.of("at", "event", "enrollment_id", "contact_id", "outbound_id",
            "inbound_id", "cause", "detail");
    private static final int[] TYPES = {java.sql.Types.BIGINT, java.sql.Types.VARCHAR, java.sql.Types.BIGINT,
        java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.VARCHAR,
        java.sql.Types.VARCHAR};
    /** Events per statement of {@link #appendAll} (a dispatch batch of 500 is one; 8,000 bound values). */
    static final int ROWS = 1000;

    /** An event and when it happened, for {@link #appendAll}. */
    public record Entry(Instant at, Event event) {
    }

    /** One recorded event as read back; ids that do not apply are null. */
    public record Recorded(long id, Instant at, String event, Long enrollmentId, Long outboundId, String cause,
                        String detail) {
    }

    private static final String ENTRY = "SELECT id, at, event, enrollment_id, outbound_id, cause, detail FROM event_log ";
    /** The events enrollments share ({@code enrolled_event}), each as its enrollment's; {@code n}: the enrollment. */
    private static final String SHARED = """
            SELECT l.id, l.at, l.event, n.id AS enrollment_id, l.outbound_id, l.cause, l.detail
            FROM enrollment n JOIN event_log l ON l.id = n.enrolled_event
            """;

    public void append(Handle handle, Instant at, Event event) {
        appendAll(handle, List.of(new Entry(at, event)));
    }

    /**
     * Appends several events with one multi-row {@code INSERT} bound by position (one server command per
     * {@value #ROWS} events, {@link MultiRow#insert}), in the order given.
     */
    public void appendAll(Handle handle, List<Entry> entries) {
        for (List<Entry> chunk : MultiRow.chunks(entries, ROWS)) {
            MultiRow.insert(handle, "event_log", COLUMNS, TYPES, chunk.stream().map(EventLog::row).toList());
        }
    }

    /** The values of an entry in the order of {@link #COLUMNS}. */
    private static Object[] row(Entry entry) {
        Event event = entry.event();
        return new Object[] {entry.at().toEpochMilli(), event.event().text(), event.enrollmentId(), event.contactId(),
            event.outboundId(), event.inboundId(), truncate(event.cause(), 200), truncate(event.detail(), 2000)};
    }

    /** How many {@code event} rows enrollment {@code enrollmentId} has of its own (not counting a shared one). */
    public int count(Handle handle, long enrollmentId, EventKind event) {
        return handle.createQuery("SELECT COUNT(*) FROM event_log WHERE enrollment_id = :id AND event = :event")
                .bind("id", enrollmentId).bind("event", event.text()).mapTo(Integer.class).one();
    }

    /** How many {@code event} rows there are in all. */
    public long count(Handle handle, EventKind event) {
        return handle.createQuery("SELECT COUNT(*) FROM event_log WHERE event = :event").bind("event", event.text())
                .mapTo(Long.class).one();
    }

    /** Whether inbound message {@code inboundId} caused an {@code event} row of enrollment {@code enrollmentId}. */
    public boolean caused(Handle handle, EventKind event, long enrollmentId, long inboundId) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM event_log
                        WHERE event = :event AND enrollment_id = :enrollment AND inbound_id = :inbound""")
                .bind("event", event.text()).bind("enrollment", enrollmentId).bind("inbound", inboundId)
                .mapTo(Integer.class).one() > 0;
    }

    /**
     * The newest {@code limit} events of a contact and of its enrollments, newest first; an event an enrollment
     * shares with others ({@code enrollment.enrolled_event}: a bulk import's one {@code enrolled} event) is shown as
     * that enrollment's.
     */
    public List<Recorded> newestOfContact(Handle handle, long contactId, int limit) {
        return handle.createQuery(ENTRY + """
                        WHERE contact_id = :id OR enrollment_id IN (SELECT id FROM enrollment WHERE contact_id = :id)
                        """ + "UNION ALL " + SHARED + """
                        WHERE n.contact_id = :id
                        ORDER BY id DESC LIMIT :limit""")
                .bind("id", contactId).bind("limit", limit).map((rs, ctx) -> recorded(rs)).list();
    }

    /** The first {@code limit} events of an enrollment, oldest first, with the one it shares (see above). */
    public List<Recorded> ofEnrollment(Handle handle, long enrollmentId, int limit) {
        return handle.createQuery(ENTRY + "WHERE enrollment_id = :id UNION ALL " + SHARED
                        + "WHERE n.id = :id ORDER BY id LIMIT :limit")
                .bind("id", enrollmentId).bind("limit", limit).map((rs, ctx) -> recorded(rs)).list();
    }

    /** An event with the email of the contact it concerns (its own, or its enrollment's), null when none. */
    public record WithContact(Recorded event, String contactEmail) {
    }

    /** Every event after the event {@code afterId}, oldest first, with its contact's email (the demo's narrator). */
    public List<WithContact> after(Handle handle, long afterId) {
        return handle.createQuery("""
                        SELECT e.id, e.at, e.event, e.enrollment_id, e.outbound_id, e.cause, e.detail, c.email
                        FROM event_log e
                        LEFT JOIN enrollment n ON n.id = e.enrollment_id
                        LEFT JOIN contact c ON c.id = COALESCE(e.contact_id, n.contact_id)
                        WHERE e.id > :last ORDER BY e.id""")
                .bind("last", afterId).map((rs, ctx) -> new WithContact(recorded(rs), rs.getString("email"))).list();
    }

    private static Recorded recorded(ResultSet rs) throws SQLException {
        return new Recorded(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("event"),
                nullableLong(rs, "enrollment_id"), nullableLong(rs, "outbound_id"), rs.getString("cause"),
                rs.getString("detail"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * Deletes the events of a contact, of its enrollments, outbound and inbound messages, and those whose detail
     * contains {@code mention} (a lower-case {@code LIKE} pattern escaped with {@code !}); an erasure. Returns how
     * many.
     */
    public int erase(Handle handle, long contactId, List<Long> enrollmentIds, List<Long> outboundIds,
                     List<Long> inboundIds, String mention) {
        return handle.createUpdate("DELETE FROM event_log WHERE contact_id = :contact").bind("contact", contactId)
                .execute()
                + MultiRow.updateIn(handle, "DELETE FROM event_log WHERE enrollment_id IN (<ids>)", enrollmentIds)
                + MultiRow.updateIn(handle, "DELETE FROM event_log WHERE outbound_id IN (<ids>)", outboundIds)
                + MultiRow.updateIn(handle, "DELETE FROM event_log WHERE inbound_id IN (<ids>)", inboundIds)
                + handle.createUpdate("DELETE FROM event_log WHERE LOWER(detail) LIKE :mention ESCAPE '!'")
                        .bind("mention", mention).execute();
    }

    /** Whether any event was recorded before {@code end} (followup was in use then). */
    public boolean anyBefore(Handle handle, Instant end) {
        return handle.createQuery("SELECT COUNT(*) FROM event_log WHERE at < :end")
                .bind("end", end).mapTo(Integer.class).one() > 0;
    }
}
