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
     * The event of the current row of {@code rs}, which has the columns {@code id, at, event, enrollment_id,
     * outbound_id, cause, detail} (for the read models that join the log to other tables).
     */
    public static Recorded recorded(ResultSet rs) throws SQLException {
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

    /**
     * Deletes up to {@code limit} events recorded before {@code before} (the retention sweep, batch by batch);
     * returns how many.
     */
    public int deleteBefore(Handle handle, Instant before, int limit) {
        return handle.createUpdate("DELETE FROM event_log WHERE at < :before LIMIT " + limit)
                .bind("before", before.toEpochMilli()).execute();
    }

    /** Whether any event was recorded before {@code end} (followup was in use then). */
    public boolean anyBefore(Handle handle, Instant end) {
        return handle.createQuery("SELECT COUNT(*) FROM event_log WHERE at < :end")
                .bind("end", end).mapTo(Integer.class).one() > 0;
    }
}
