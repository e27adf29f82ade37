package io.followup.task;

import io.followup.sequence.EscalationDefinition.TaskKind;
import java.time.Instant;

/**
 * Something for the owner to do by hand (a call, a LinkedIn message, a handwritten note), open until done.
 *
 * @param enrollmentId the enrollment that led to it, or null
 * @param doneAt       when it was marked done, or null while open
 */
public record Task(long id, long contactId, Long enrollmentId, TaskKind kind, String text, Instant dueAt,
                   Instant doneAt, Instant createdAt) {

    public boolean isOpen() {
        return doneAt == null;
    }

    static Task read(java.sql.ResultSet rs) throws java.sql.SQLException {
        long enrollment = rs.getLong("enrollment_id");
        Long enrollmentId = rs.wasNull() ? null : enrollment;
        long done = rs.getLong("done_at");
        Instant doneAt = rs.wasNull() ? null : Instant.ofEpochMilli(done);
        return new Task(rs.getLong("id"), rs.getLong("contact_id"), enrollmentId,
                TaskKind.ofDb(rs.getString("kind")), rs.getString("text"),
                Instant.ofEpochMilli(rs.getLong("due_at")), doneAt, Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
