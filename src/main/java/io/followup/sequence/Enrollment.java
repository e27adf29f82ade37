package io.followup.sequence;

import java.time.Instant;

/** One contact's progress through one sequence, as stored. */
public record Enrollment(long id, long contactId, long sequenceId, long mailboxId, EnrollmentState state,
                         int nextStep, Instant nextDueAt, Instant resumeAt, Instant lastSentAt,
                         String threadSubject, String threadRefs, String stopReason, Instant enrolledAt) {

    static Enrollment read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Enrollment(rs.getLong("id"), rs.getLong("contact_id"), rs.getLong("sequence_id"),
                rs.getLong("mailbox_id"), EnrollmentState.ofDb(rs.getString("state")), rs.getInt("next_step"),
                instant(rs, "next_due_at"), instant(rs, "resume_at"), instant(rs, "last_sent_at"),
                rs.getString("thread_subject"), rs.getString("thread_refs"), rs.getString("stop_reason"),
                instant(rs, "enrolled_at"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
