package io.followup.approval;

import io.followup.outbox.OutboundState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The approval queue as a person reads it (a read model, docs/architecture.md "Table ownership"): drafts with the
 * name of their sequence, which takes a join of {@code outbound_message}, {@code enrollment} and
 * {@code sequence_def}. Reads only; the decisions are {@link DraftQueue}'s. Thread-safe.
 */
final class DraftList {

    private final Jdbi jdbi;

    DraftList(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** See {@link DraftQueue#list}. */
    List<DraftSummary> list(Set<OutboundState> states, int limit) {
        List<String> names = states.stream().map(OutboundState::db).sorted().toList();
        return jdbi.withHandle(handle -> handle.createQuery(SUMMARY + """
                        WHERE o.state IN (<states>)
                        ORDER BY o.tier, o.queue_due, o.id LIMIT :limit""")
                .bindList("states", names).bind("limit", limit)
                .map((rs, ctx) -> summary(rs)).list());
    }

    private static final String SUMMARY = """
            SELECT o.id, o.state, o.tier, o.to_address,
                   CASE WHEN o.kind = 'step' THEN s.name ELSE REPLACE(o.kind, '_', '-') END AS sequence_name,
                   o.step_no, o.subject, o.queue_due AS due, o.hold_reason, o.last_error, o.snoozed_until
            FROM outbound_message o LEFT JOIN enrollment e ON e.id = o.enrollment_id
            LEFT JOIN sequence_def s ON s.id = e.sequence_id
            """;

    private static DraftSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DraftSummary(rs.getLong("id"), OutboundState.ofDb(rs.getString("state")), rs.getInt("tier"),
                rs.getString("to_address"), rs.getString("sequence_name"), rs.getInt("step_no"),
                rs.getString("subject"), Instant.ofEpochMilli(rs.getLong("due")),
                rs.getString("hold_reason") != null ? rs.getString("hold_reason") : rs.getString("last_error"),
                snoozedUntil(rs));
    }

    private static final String QUEUE_ORDER = "o.tier %1$s, o.queue_due %1$s, o.id %1$s";
    private static final java.util.Comparator<DraftSummary> BY_QUEUE_ORDER = java.util.Comparator
            .comparingInt(DraftSummary::tier).thenComparing(DraftSummary::due).thenComparingLong(DraftSummary::id);

    /** See {@link DraftQueue#page}. */
    List<DraftSummary> page(Set<OutboundState> states, Instant now, boolean snoozed, DraftQueue.QueuePosition after,
                            boolean backward, int limit) {
        String position = after == null ? "" : """
                 AND (o.tier %1$s :tier OR (o.tier = :tier
                      AND (o.queue_due %1$s :due OR (o.queue_due = :due AND o.id %1$s :id))))"""
                .formatted(backward ? "<" : ">");
        String order = " ORDER BY " + QUEUE_ORDER.formatted(backward ? "DESC" : "ASC") + " LIMIT :limit";
        List<List<String>> queries = snoozed ? List.of(states.stream().map(OutboundState::db).sorted().toList())
                : states.stream().map(OutboundState::db).sorted().map(List::of).toList();
        String snooze = snoozed ? "o.snoozed_until > :now" : "(o.snoozed_until IS NULL OR o.snoozed_until <= :now)";
        List<DraftSummary> found = new java.util.ArrayList<>();
        jdbi.useHandle(handle -> {
            for (List<String> names : queries) {
                found.addAll(handle.createQuery(SUMMARY + " WHERE o.state IN (<states>) AND " + snooze + position
                                + order)
                        .bindList("states", names).bind("now", now).bind("limit", limit)
                        .bind("tier", after == null ? 0 : after.tier()).bind("due", after == null ? now : after.due())
                        .bind("id", after == null ? 0 : after.id())
                        .map((rs, ctx) -> summary(rs)).list());
            }
        });
        found.sort(backward ? BY_QUEUE_ORDER.reversed() : BY_QUEUE_ORDER);
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    private static Instant snoozedUntil(java.sql.ResultSet rs) throws java.sql.SQLException {
        long millis = rs.getLong("snoozed_until");
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
