package io.followup.web;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Read-only queries for the pages: enrollment lines with their contact and sequence. Stateless and thread-safe. */
final class History {

    /** One enrollment with its contact and sequence names. */
    public record EnrollmentLine(long id, long contactId, String email, int tier, String sequence, String state,
                                 int nextStep, int stepCount, Instant nextDueAt, String stopReason,
                                 Instant enrolledAt, Instant resumeAt, String owner) {
    }

    private static final String ENROLLMENT_LINE = """
            SELECT e.id, e.contact_id, c.email, c.tier, s.name, e.state, e.next_step, s.step_count, e.next_due_at,
                   e.stop_reason, e.enrolled_at, e.resume_at, c.owner_email
            FROM enrollment e JOIN contact c ON c.id = e.contact_id JOIN sequence_def s ON s.id = e.sequence_id
            """;

    List<EnrollmentLine> enrollmentsOfContact(Handle handle, long contactId) {
        return handle.createQuery(ENROLLMENT_LINE + " WHERE e.contact_id = :id ORDER BY e.id DESC")
                .bind("id", contactId).map((rs, ctx) -> enrollment(rs)).list();
    }

    /**
     * Enrollments in a state ("live" for active, paused and held; empty for all), newest first: at most
     * {@code limit} after the enrollment {@code afterId} (null: from the newest) in {@code direction} (backward:
     * oldest first). The page's ids are read alone along the index {@code (state, id)}, then
     * their lines (a join read first could start from the one sequence and sort every enrollment).
     */
    List<EnrollmentLine> enrollments(Handle handle, String state, Paging.Direction direction, Long afterId,
                                     int limit) {
        boolean forward = direction == Paging.Direction.FORWARD;
        String where = switch (state) {
            case "" -> " WHERE 1 = 1";
            case "live" -> " WHERE e.state IN ('active', 'paused', 'held')";
            default -> " WHERE e.state = :state";
        };
        String position = afterId == null ? "" : forward ? " AND e.id < :after" : " AND e.id > :after";
        String order = " ORDER BY e.id " + (forward ? "DESC" : "ASC");
        List<Long> ids = handle.createQuery("SELECT e.id FROM enrollment e" + where + position + order
                        + " LIMIT :limit")
                .bind("state", state).bind("after", afterId).bind("limit", limit).mapTo(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery(ENROLLMENT_LINE + " WHERE e.id IN (<ids>)" + order).bindList("ids", ids)
                .map((rs, ctx) -> enrollment(rs)).list();
    }

    java.util.Optional<EnrollmentLine> enrollment(Handle handle, long id) {
        return handle.createQuery(ENROLLMENT_LINE + " WHERE e.id = :id").bind("id", id)
                .map((rs, ctx) -> enrollment(rs)).findOne();
    }

    private static EnrollmentLine enrollment(java.sql.ResultSet rs) throws java.sql.SQLException {
        Long due = nullableLong(rs, "next_due_at");
        Long resume = nullableLong(rs, "resume_at");
        return new EnrollmentLine(rs.getLong("id"), rs.getLong("contact_id"), rs.getString("email"),
                rs.getInt("tier"), rs.getString("name"), rs.getString("state"), rs.getInt("next_step"),
                rs.getInt("step_count"), due == null ? null : Instant.ofEpochMilli(due), rs.getString("stop_reason"),
                Instant.ofEpochMilli(rs.getLong("enrolled_at")), resume == null ? null : Instant.ofEpochMilli(resume),
                rs.getString("owner_email"));
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
