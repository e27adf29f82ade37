package io.followup.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Appends to the event log: every state change with its cause. Call it inside the transaction that makes the
 * change, so the log and the state never disagree. Stateless and thread-safe.
 */
public final class EventLog {

    /** One event; ids that do not apply are null. */
    public record Event(String event, Long enrollmentId, Long contactId, Long outboundId, Long inboundId,
                        String cause, String detail) {

        public static Event of(String event, String cause) {
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

    private static final String INSERT = """
            INSERT INTO event_log (at, event, enrollment_id, contact_id, outbound_id, inbound_id, cause, detail)
            VALUES (:at, :event, :enrollment, :contact, :outbound, :inbound, :cause, :detail)""";

    /** An event and when it happened, for {@link #appendAll}. */
    public record Entry(Instant at, Event event) {
    }

    public void append(Handle handle, Instant at, Event event) {
        bind(handle.createUpdate(INSERT), at, event).execute();
    }

    /** Appends several events with one batched statement (one round trip), in the order given. */
    public void appendAll(Handle handle, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (Entry entry : entries) {
            bind(batch, entry.at(), entry.event()).add();
        }
        batch.execute();
    }

    private static <T extends SqlStatement<T>> T bind(T statement, Instant at, Event event) {
        return statement.bind("at", at)
                .bind("event", event.event())
                .bind("enrollment", event.enrollmentId())
                .bind("contact", event.contactId())
                .bind("outbound", event.outboundId())
                .bind("inbound", event.inboundId())
                .bind("cause", truncate(event.cause(), 200))
                .bind("detail", truncate(event.detail(), 2000));
    }

    /** How many {@code event} rows enrollment {@code enrollmentId} has. */
    public int count(Handle handle, long enrollmentId, String event) {
        return handle.createQuery("SELECT COUNT(*) FROM event_log WHERE enrollment_id = :id AND event = :event")
                .bind("id", enrollmentId).bind("event", event).mapTo(Integer.class).one();
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
