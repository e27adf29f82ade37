package io.followup.digest;

import io.followup.sequence.FirstTouchPlan;
import io.followup.sequence.FirstTouchPromise;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * How the first-touch promise ({@code first_touch_within}) went in a period: of the enrolments whose deadline fell
 * in it (and has passed), how many got their first message in time, and each that did not, with the cause. One
 * query over {@code enrollment} and its step-1 messages. Immutable.
 *
 * @param met    first messages sent by their deadline
 * @param broken the others, oldest deadline first
 */
public record FirstTouches(int met, List<Broken> broken) {

    /** No enrolment made a promise in the period. */
    public static final FirstTouches NONE = new FirstTouches(0, List.of());

    /** One broken promise: who, when they were enrolled, the deadline, when the first message went (or null). */
    public record Broken(long enrollmentId, String email, String name, Instant enrolledAt, Instant deadline,
                         Instant sentAt, String cause) {
    }

    public FirstTouches {
        broken = List.copyOf(broken);
    }

    public int total() {
        return met + broken.size();
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private record Row(long id, String email, String name, Instant enrolledAt, Instant deadline, String plan,
                       String reason, String state, String stateReason, Instant sentAt, String stepState) {
    }

    /**
     * Reads the promises of the mailboxes {@code mailboxIds} whose deadline lies in [{@code from}, {@code to}) and
     * not after {@code now}; causes name times in {@code zone}.
     */
    public static FirstTouches read(Handle handle, List<Long> mailboxIds, Instant from, Instant to, Instant now,
                                    ZoneId zone) {
        if (mailboxIds.isEmpty()) {
            return NONE;
        }
        List<Row> rows = handle.createQuery("""
                        SELECT e.id, c.email, c.name, e.enrolled_at, e.first_touch_by, e.first_touch_plan,
                               e.first_touch_reason, e.state, e.stop_reason,
                               (SELECT MIN(o.sent_at) FROM outbound_message o WHERE o.enrollment_id = e.id
                                  AND o.kind = 'step' AND o.step_no = 1 AND o.state = 'sent') AS sent_at,
                               (SELECT o.state FROM outbound_message o WHERE o.enrollment_id = e.id
                                  AND o.kind = 'step' AND o.step_no = 1 ORDER BY o.id DESC LIMIT 1) AS step_state
                        FROM enrollment e JOIN contact c ON c.id = e.contact_id
                        WHERE e.first_touch_by >= :from AND e.first_touch_by < :to AND e.first_touch_by <= :now
                          AND e.mailbox_id IN (<mailboxes>)
                        ORDER BY e.first_touch_by, e.id""")
                .bind("from", from).bind("to", to).bind("now", now)
                .bindList("mailboxes", List.copyOf(mailboxIds))
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("enrolled_at")),
                        Instant.ofEpochMilli(rs.getLong("first_touch_by")), rs.getString("first_touch_plan"),
                        rs.getString("first_touch_reason"), rs.getString("state"), rs.getString("stop_reason"),
                        rs.getObject("sent_at") == null ? null : Instant.ofEpochMilli(rs.getLong("sent_at")),
                        rs.getString("step_state")))
                .list();
        int met = 0;
        List<Broken> broken = new ArrayList<>();
        for (Row row : rows) {
            if (row.sentAt() != null && !row.sentAt().isAfter(row.deadline())) {
                met++;
            } else {
                broken.add(new Broken(row.id(), row.email(), row.name(), row.enrolledAt(), row.deadline(),
                        row.sentAt(), cause(row, zone)));
            }
        }
        return new FirstTouches(met, broken);
    }

    private static String cause(Row row, ZoneId zone) {
        boolean approval = FirstTouchPlan.Mode.fromDb(row.plan()) == FirstTouchPlan.Mode.APPROVAL;
        String planned = row.reason() == null ? "" : " (" + row.reason() + ")";
        if (row.sentAt() != null) {
            String sent = "sent " + LOCAL.format(row.sentAt().atZone(zone)) + ", "
                    + FirstTouchPromise.hours(Duration.between(row.enrolledAt(), row.sentAt())
                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS)) + " after enrolment";
            return approval ? sent + ": it waited for your approval" + planned
                    : sent + ": held back after it fell due (the sending caps or the stop switch)" + planned;
        }
        if (row.stepState() == null) {
            return "never drafted: the enrolment is " + row.state()
                    + (row.stateReason() == null ? "" : " (" + row.stateReason() + ")");
        }
        return switch (row.stepState()) {
            case "pending_approval" -> "still waits for your approval" + planned;
            case "held" -> "the draft is held" + planned;
            case "cancelled", "failed", "rejected", "in_doubt" -> "not sent: " + row.stepState() + planned;
            default -> "still " + row.stepState() + ": held back (the sending caps, the stop switch or the send "
                    + "window)" + planned;
        };
    }
}
