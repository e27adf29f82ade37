package io.followup.task;

import java.time.Instant;

/**
 * Something for the owner to do by hand (a call, a LinkedIn message, a handwritten note), open until done.
 *
 * @param enrollmentId the enrollment that led to it, or null
 * @param doneAt       when it was closed (done, skipped, or closed by a reply), or null while open
 * @param stepNo       the sequence step this task is ({@code kind: task}), or null for an escalation task
 * @param outcome      how it was closed, or null while open
 */
public record Task(long id, long contactId, Long enrollmentId, TaskKind kind, String text, Instant dueAt,
                   Instant doneAt, Instant createdAt, Integer stepNo, Outcome outcome) {

    /** How a task was closed. */
    public enum Outcome {
        /** The owner did it. */
        DONE,
        /** The owner decided not to do it; a task step lets its sequence continue all the same. */
        SKIPPED,
        /** A reply stopped its sequence first. */
        CLOSED;

        public String db() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether this task is a step of its sequence (the sequence waits for it). */
    public boolean isStep() {
        return stepNo != null;
    }

    public boolean isOpen() {
        return doneAt == null;
    }

    static Task read(java.sql.ResultSet rs) throws java.sql.SQLException {
        long enrollment = rs.getLong("enrollment_id");
        Long enrollmentId = rs.wasNull() ? null : enrollment;
        long done = rs.getLong("done_at");
        Instant doneAt = rs.wasNull() ? null : Instant.ofEpochMilli(done);
        int step = rs.getInt("step_no");
        Integer stepNo = rs.wasNull() ? null : step;
        String outcome = rs.getString("outcome");
        return new Task(rs.getLong("id"), rs.getLong("contact_id"), enrollmentId,
                TaskKind.ofDb(rs.getString("kind")), rs.getString("text"),
                Instant.ofEpochMilli(rs.getLong("due_at")), doneAt, Instant.ofEpochMilli(rs.getLong("created_at")),
                stepNo, outcome == null ? (doneAt == null ? null : Outcome.DONE)
                        : Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)));
    }
}
