package io.followup.response;

import io.followup.StoredName;
import io.followup.contact.ErasureParticipant;
import io.followup.store.MultiRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of {@code introduction_item}: what the introducer's loop owes, one row per enrollment and item. Stateless
 * and thread-safe; call inside a transaction.
 */
public final class IntroductionItemStore {

    /** The four items of the loop, in the order the introducer receives them. */
    enum Kind implements StoredName {
        ACKNOWLEDGE, CONNECTED, REPORT_BACK, THANK_YOU;

        static Kind ofDb(String value) {
            return StoredName.ofDb(Kind.class, value);
        }
    }

    /** An item as stored. */
    record Item(long id, long enrollmentId, Kind kind, Instant dueAt, Instant doneAt, String approvalReason) {
    }

    /** An enrollment whose report-back task was closed and whose thank-you is not planned yet. */
    record ClosedReportBack(long enrollmentId, Instant closedAt) {
    }

    /** Adds an item unless the enrollment has it already; returns whether it was added. */
    boolean add(Handle handle, long enrollmentId, Kind kind, Instant dueAt, String approvalReason, Instant now) {
        if (find(handle, enrollmentId, kind).isPresent()) {
            return false;
        }
        handle.createUpdate("""
                        INSERT INTO introduction_item (enrollment_id, item, due_at, approval_reason, created_at)
                        VALUES (:enrollment, :item, :due, :reason, :now)""")
                .bind("enrollment", enrollmentId).bind("item", kind.db()).bind("due", dueAt.toEpochMilli())
                .bind("reason", approvalReason).bind("now", now.toEpochMilli()).execute();
        return true;
    }

    Optional<Item> find(Handle handle, long enrollmentId, Kind kind) {
        return handle.createQuery("SELECT * FROM introduction_item WHERE enrollment_id = :enrollment AND item = :item")
                .bind("enrollment", enrollmentId).bind("item", kind.db()).map((rs, ctx) -> read(rs)).findOne();
    }

    /** Items due at {@code now} and not done, earliest first. */
    List<Item> due(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                        SELECT * FROM introduction_item WHERE done_at IS NULL AND due_at <= :now
                        ORDER BY due_at, id LIMIT :limit""")
                .bind("now", now.toEpochMilli()).bind("limit", limit).map((rs, ctx) -> read(rs)).list();
    }

    /** Marks an item done; false when it was done already (another node, an earlier run). */
    boolean claim(Handle handle, long id, Instant now) {
        return handle.createUpdate("UPDATE introduction_item SET done_at = :now WHERE id = :id AND done_at IS NULL")
                .bind("now", now.toEpochMilli()).bind("id", id).execute() == 1;
    }

    void recordOutbound(Handle handle, long id, long outboundId) {
        handle.createUpdate("UPDATE introduction_item SET outbound_id = :outbound WHERE id = :id")
                .bind("outbound", outboundId).bind("id", id).execute();
    }

    void recordTask(Handle handle, long id, long taskId) {
        handle.createUpdate("UPDATE introduction_item SET task_id = :task WHERE id = :id")
                .bind("task", taskId).bind("id", id).execute();
    }

    /**
     * Enrollments in sequence {@code sequenceId} enrolled since {@code since} whose contact has an introducer and which
     * have no acknowledgement item yet, oldest first.
     */
    List<Long> unacknowledged(Handle handle, long sequenceId, Instant since, int limit) {
        return handle.createQuery("""
                        SELECT e.id FROM enrollment e JOIN contact c ON c.id = e.contact_id
                        WHERE c.introduced_by IS NOT NULL AND e.sequence_id = :sequence AND e.enrolled_at >= :since
                          AND NOT EXISTS (SELECT 1 FROM introduction_item i WHERE i.enrollment_id = e.id
                                          AND i.item = 'acknowledge')
                        ORDER BY e.id LIMIT :limit""")
                .bind("sequence", sequenceId).bind("since", since.toEpochMilli()).bind("limit", limit)
                .mapTo(Long.class).list();
    }

    /** Report-back tasks closed (done or skipped) whose enrollment has no thank-you item yet. */
    List<ClosedReportBack> closedReportBacks(Handle handle, int limit) {
        return handle.createQuery("""
                        SELECT i.enrollment_id, t.done_at FROM introduction_item i JOIN task t ON t.id = i.task_id
                        WHERE i.item = 'report_back' AND t.done_at IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM introduction_item y WHERE y.enrollment_id = i.enrollment_id
                                          AND y.item = 'thank_you')
                        ORDER BY t.done_at LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new ClosedReportBack(rs.getLong("enrollment_id"),
                        Instant.ofEpochMilli(rs.getLong("done_at")))).list();
    }

    private static Item read(java.sql.ResultSet rs) throws java.sql.SQLException {
        long done = rs.getLong("done_at");
        Instant doneAt = rs.wasNull() ? null : Instant.ofEpochMilli(done);
        return new Item(rs.getLong("id"), rs.getLong("enrollment_id"), Kind.ofDb(rs.getString("item")),
                Instant.ofEpochMilli(rs.getLong("due_at")), doneAt, rs.getString("approval_reason"));
    }

    /** A forgotten contact's enrollments lose their introduction items ({@code ContactEraser}'s participant). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        MultiRow.updateIn(handle, "DELETE FROM introduction_item WHERE enrollment_id IN (<ids>)",
                forgotten.enrollments());
    }
}
