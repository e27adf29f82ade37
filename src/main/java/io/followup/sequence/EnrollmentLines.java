package io.followup.sequence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The enrollment lines the web pages list: each enrollment with its contact's email, tier and owner and its
 * sequence's name, a read model over {@code enrollment}, {@code contact} and {@code sequence_def} (it writes
 * nothing). Stateless and thread-safe.
 */
public final class EnrollmentLines {

    /** One enrollment as the pages list it, with its contact's email, tier and owner and its sequence's name. */
    public record EnrollmentLine(long id, long contactId, String email, int tier, String sequence, String state,
                                 int nextStep, int stepCount, Instant nextDueAt, String stopReason,
                                 Instant enrolledAt, Instant resumeAt, String owner) {
    }

    private static final String ENROLLMENT_LINE = """
            SELECT e.id, e.contact_id, c.email, c.tier, s.name, e.state, e.next_step, s.step_count, e.next_due_at,
                   e.stop_reason, e.enrolled_at, e.resume_at, c.owner_email
            FROM enrollment e JOIN contact c ON c.id = e.contact_id JOIN sequence_def s ON s.id = e.sequence_id
            """;

    /** The enrollments of a contact, newest first. */
    public List<EnrollmentLine> ofContact(Handle handle, long contactId) {
        return handle.createQuery(ENROLLMENT_LINE + " WHERE e.contact_id = :id ORDER BY e.id DESC")
                .bind("id", contactId).map((rs, ctx) -> line(rs)).list();
    }

    /**
     * A page of enrollments in a state ("live" for active, paused and held; empty for all): at most {@code limit}
     * after the enrollment {@code afterId} (null: from the end), newest first when {@code newestFirst}, else oldest
     * first. The page's ids are read alone along the index {@code (state, id)}, then their lines (a join read first
     * could start from the one sequence and sort every enrollment).
     */
    public List<EnrollmentLine> page(Handle handle, String state, boolean newestFirst, Long afterId, int limit) {
        String where = switch (state) {
            case "" -> " WHERE 1 = 1";
            case "live" -> " WHERE e.state IN ('active', 'paused', 'held')";
            default -> " WHERE e.state = :state";
        };
        String position = afterId == null ? "" : newestFirst ? " AND e.id < :after" : " AND e.id > :after";
        String order = " ORDER BY e.id " + (newestFirst ? "DESC" : "ASC");
        List<Long> ids = handle.createQuery("SELECT e.id FROM enrollment e" + where + position + order
                        + " LIMIT :limit")
                .bind("state", state).bind("after", afterId).bind("limit", limit).mapTo(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery(ENROLLMENT_LINE + " WHERE e.id IN (<ids>)" + order).bindList("ids", ids)
                .map((rs, ctx) -> line(rs)).list();
    }

    /** The line of enrollment {@code id}, if it exists. */
    public Optional<EnrollmentLine> line(Handle handle, long id) {
        return handle.createQuery(ENROLLMENT_LINE + " WHERE e.id = :id").bind("id", id)
                .map((rs, ctx) -> line(rs)).findOne();
    }

    private static EnrollmentLine line(java.sql.ResultSet rs) throws java.sql.SQLException {
        long due = rs.getLong("next_due_at");
        boolean noDue = rs.wasNull();
        long resume = rs.getLong("resume_at");
        boolean noResume = rs.wasNull();
        return new EnrollmentLine(rs.getLong("id"), rs.getLong("contact_id"), rs.getString("email"),
                rs.getInt("tier"), rs.getString("name"), rs.getString("state"), rs.getInt("next_step"),
                rs.getInt("step_count"), noDue ? null : Instant.ofEpochMilli(due), rs.getString("stop_reason"),
                Instant.ofEpochMilli(rs.getLong("enrolled_at")), noResume ? null : Instant.ofEpochMilli(resume),
                rs.getString("owner_email"));
    }
}
