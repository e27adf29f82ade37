package io.followup.digest;

import io.followup.store.EventKind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Reads the outcomes of one ISO week (Monday 00:00 to Monday 00:00 in the owner's time zone), or of any period, for
 * the mailboxes of one owner from the outbox, the inbound messages and the event log. Per A/B variant
 * ({@code step_variant}) the same numbers are kept for the steps that have variants. Definitions, all over the half-open week
 * {@code [from, to)}:
 * <ul>
 *   <li><b>sent</b>: sequence steps ({@code kind = 'step'}) with {@code sent_at} in the week.</li>
 *   <li><b>replies</b>: inbound messages of kind {@code human_reply} matched to an enrollment, received in the
 *       week; <b>interested / not interested / referrals</b> are those replies by intent; a reply whose intent is
 *       {@code unsubscribe} counts as an <b>unsubscribe</b>, as does a one-click {@code unsubscribed} event.</li>
 *   <li>A reply, bounce or complaint is <b>attributed</b> to the step it answers: the matched outbound message when
 *       that is a step, else the enrollment's last step sent before it arrived. Its step and template groups are
 *       that step's.</li>
 *   <li><b>reply rate</b> = steps sent in the week that got at least one human reply received in the week ÷ steps
 *       sent in the week (a Friday message answered on Monday counts in neither week's numerator).</li>
 *   <li><b>median time to first reply</b>: per enrollment, its first human reply minus its first sent step; the
 *       median (mean of the two middle values for an even count) over enrollments whose first human reply ever
 *       was received in the week; grouped by the step that first reply answers.</li>
 *   <li><b>hard / soft bounces</b>: inbound bounces received in the week; soft when the response policy handled
 *       it as soft ({@code soft_bounce} event, or a stop "bounced (soft, retries exhausted)"), hard otherwise.</li>
 *   <li><b>auto-replies</b>, <b>complaints</b>: inbound messages of those kinds received in the week.</li>
 *   <li><b>escalations</b> / <b>completed without a response</b>: {@code escalated} / {@code completed} events in
 *       the week (per sequence only: they belong to no one step).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Outcomes {

    private record Attribution(String sequence, Integer step, String template, Long outboundId, String variant) {

        Attribution(String sequence, Integer step, String template, Long outboundId) {
            this(sequence, step, template, outboundId, null);
        }
    }

    /** Adds to the total and to the groups of one attribution. */
    private static final class Groups {
        final Tally total = new Tally();
        final Map<String, Tally> sequences = new TreeMap<>();
        final Map<String, Tally> steps = new TreeMap<>();
        final Map<String, Tally> templates = new TreeMap<>();
        final Map<String, Tally> variants = new TreeMap<>();
        final Map<String, OutcomeGroup> keys = new java.util.HashMap<>();

        List<Tally> of(Attribution at) {
            List<Tally> tallies = new ArrayList<>(List.of(total, sequences.computeIfAbsent(at.sequence, k -> new Tally())));
            if (at.step != null) {
                String stepKey = at.sequence + "\u0000" + String.format("%04d", at.step);
                keys.putIfAbsent("s" + stepKey, new OutcomeGroup(at.sequence, at.step, null, null));
                tallies.add(steps.computeIfAbsent(stepKey, k -> new Tally()));
            }
            if (at.template != null) {
                tallies.add(templates.computeIfAbsent(at.template, k -> new Tally()));
            }
            if (at.step != null && at.variant != null) {
                String variantKey = at.sequence + "\u0000" + String.format("%04d", at.step) + "\u0000" + at.variant;
                keys.putIfAbsent("v" + variantKey, new OutcomeGroup(at.sequence, at.step, at.variant, null));
                tallies.add(variants.computeIfAbsent(variantKey, k -> new Tally()));
            }
            return tallies;
        }

        void add(Attribution at, java.util.function.Consumer<Tally> change) {
            of(at).forEach(change);
        }
    }

    /**
     * The outcomes of {@code week} in {@code zone} for messages of the mailboxes {@code mailboxIds}.
     */
    public WeekOutcomes read(Handle handle, Collection<Long> mailboxIds, IsoWeek week, ZoneId zone) {
        return read(handle, mailboxIds, week, week.start(zone), week.end(zone), zone);
    }

    /**
     * The same numbers over any half-open period {@code [from, to)} (the web UI's Sequences page); the result's
     * {@code week} is null and its replies per day count by day of week.
     */
    public WeekOutcomes read(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, ZoneId zone) {
        return read(handle, mailboxIds, null, from, to, zone);
    }

    private WeekOutcomes read(Handle handle, Collection<Long> mailboxIds, IsoWeek week, Instant from, Instant to,
                              ZoneId zone) {
        Groups groups = new Groups();
        int[] perDay = new int[7];
        if (!mailboxIds.isEmpty()) {
            sent(handle, mailboxIds, from, to, groups);
            inbound(handle, mailboxIds, from, to, zone, groups, perDay);
            firstReplies(handle, mailboxIds, from, to, groups);
            events(handle, mailboxIds, from, to, groups);
        }
        List<Integer> days = new ArrayList<>();
        for (int count : perDay) {
            days.add(count);
        }
        return new WeekOutcomes(week, zone, from, to, groups.total.counts(),
                list(groups.sequences, key -> new OutcomeGroup(key, null, null, null)),
                list(groups.steps, key -> groups.keys.get("s" + key)),
                list(groups.templates, key -> new OutcomeGroup(null, null, key, null)), days,
                list(groups.variants, key -> groups.keys.get("v" + key)));
    }

    private static List<OutcomeGroup> list(Map<String, Tally> tallies, Function<String, OutcomeGroup> group) {
        List<OutcomeGroup> groups = new ArrayList<>();
        tallies.forEach((key, tally) -> {
            OutcomeGroup named = group.apply(key);
            groups.add(new OutcomeGroup(named.sequence(), named.step(), named.template(), tally.counts()));
        });
        return groups;
    }

    /** The week's sent steps, counted in SQL per sequence, step, template and variant. */
    private static void sent(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups) {
        handle.createQuery("""
                SELECT s.name AS sequence_name, o.step_no, o.template, v.template AS variant, COUNT(*) AS sent
                FROM outbound_message o
                JOIN enrollment e ON e.id = o.enrollment_id JOIN sequence_def s ON s.id = e.sequence_id
                LEFT JOIN step_variant v ON v.enrollment_id = o.enrollment_id AND v.step_no = o.step_no
                WHERE o.kind = 'step' AND o.sent_at >= :from AND o.sent_at < :to AND o.mailbox_id IN (<mailboxes>)
                GROUP BY s.name, o.step_no, o.template, v.template""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .map((rs, ctx) -> Map.entry(new Attribution(rs.getString("sequence_name"), rs.getInt("step_no"),
                        rs.getString("template"), null, rs.getString("variant")), rs.getInt("sent")))
                .forEach(sent -> groups.add(sent.getKey(), tally -> tally.sent += sent.getValue()));
    }

    /**
     * Wraps a query of rows that name an {@code enrollment_id}, a {@code matched_outbound_id} and an {@code at} so
     * that each row also carries the id of the step it is attributed to ({@code attributed_id}): the matched message
     * when it is a step, else the enrollment's last step sent at or before {@code at}. {@link #steps} then reads
     * those steps in batches: a few queries for all rows instead of one or two per row.
     */
    private static String attributed(String rows, String order) {
        return """
                SELECT q.*, COALESCE(
                        (SELECT m.id FROM outbound_message m WHERE m.id = q.matched_outbound_id AND m.kind = 'step'),
                        (SELECT o.id FROM outbound_message o WHERE o.enrollment_id = q.enrollment_id AND o.kind = 'step'
                           AND o.sent_at IS NOT NULL AND o.sent_at <= q.at
                         ORDER BY o.sent_at DESC, o.id DESC LIMIT 1)) AS attributed_id
                FROM (%s) q
                ORDER BY %s""".formatted(rows, order);
    }

    /** A row's attributed step id from {@link #attributed}, as a partial attribution (null id: none). */
    private static Attribution attribution(java.sql.ResultSet rs, String sequence) throws java.sql.SQLException {
        long id = rs.getLong("attributed_id");
        return new Attribution(sequence, null, null, rs.wasNull() ? null : id);
    }

    /** A step message an outcome is attributed to. */
    private record Step(int step, String template, String variant, Long sentAt) {
    }

    private static final int STEPS_AT_ONCE = 1000;

    /** The steps of these attributions, read 1,000 at a time, by id. */
    private static Map<Long, Step> steps(Handle handle, Collection<Attribution> partial) {
        List<Long> ids = partial.stream().map(Attribution::outboundId).filter(java.util.Objects::nonNull).distinct()
                .sorted().toList();
        Map<Long, Step> steps = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += STEPS_AT_ONCE) {
            handle.createQuery("""
                            SELECT o.id, o.step_no, o.template, o.sent_at, v.template AS variant FROM outbound_message o
                            LEFT JOIN step_variant v ON v.enrollment_id = o.enrollment_id AND v.step_no = o.step_no
                            WHERE o.id IN (<ids>)""")
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + STEPS_AT_ONCE)))
                    .map((rs, ctx) -> {
                        long sentAt = rs.getLong("sent_at");
                        Long sent = rs.wasNull() ? null : sentAt;
                        return Map.entry(rs.getLong("id"), new Step(rs.getInt("step_no"), rs.getString("template"),
                                rs.getString("variant"), sent));
                    })
                    .forEach(step -> steps.put(step.getKey(), step.getValue()));
        }
        return steps;
    }

    /** The full attribution of a partial one. */
    private static Attribution complete(Attribution partial, Map<Long, Step> steps) {
        Step step = partial.outboundId == null ? null : steps.get(partial.outboundId);
        return step == null ? new Attribution(partial.sequence, null, null, null)
                : new Attribution(partial.sequence, step.step, step.template, partial.outboundId, step.variant);
    }

    private record Inbound(String kind, String intent, Instant receivedAt, Attribution at, boolean soft) {
    }

    private void inbound(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, ZoneId zone,
                         Groups groups, int[] perDay) {
        List<Inbound> rows = handle.createQuery(attributed("""
                SELECT i.id, i.kind, i.intent, i.received_at AS at, i.enrollment_id, i.matched_outbound_id,
                       s.name AS sequence_name,
                       CASE WHEN EXISTS (SELECT 1 FROM event_log l WHERE l.inbound_id = i.id
                                         AND l.event IN (<softBounces>))
                            THEN 1 ELSE 0 END AS soft
                FROM inbound_message i JOIN enrollment e ON e.id = i.enrollment_id
                JOIN sequence_def s ON s.id = e.sequence_id
                WHERE e.mailbox_id IN (<mailboxes>) AND i.received_at >= :from AND i.received_at < :to
                  AND i.kind IN ('human_reply', 'auto_reply', 'bounce', 'complaint')""", "q.at, q.id"))
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .bindList("softBounces", EventKind.texts(EventKind.SOFT_BOUNCE, EventKind.SOFT_BOUNCE_EXHAUSTED))
                .map((rs, ctx) -> new Inbound(rs.getString("kind"), rs.getString("intent"),
                        Instant.ofEpochMilli(rs.getLong("at")), attribution(rs, rs.getString("sequence_name")),
                        rs.getInt("soft") == 1))
                .list();
        Map<Long, Step> steps = steps(handle, rows.stream().map(Inbound::at).toList());
        Set<Long> replied = new HashSet<>();
        for (Inbound row : rows) {
            Attribution at = complete(row.at, steps);
            switch (row.kind) {
                case "human_reply" -> {
                    perDay[row.receivedAt.atZone(zone).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()]++;
                    Long sentAt = at.outboundId == null ? null : steps.get(at.outboundId).sentAt;
                    boolean sentInPeriod = sentAt != null && sentAt >= from.toEpochMilli() && sentAt < to.toEpochMilli();
                    boolean firstForMessage = at.outboundId != null && sentInPeriod && replied.add(at.outboundId);
                    String intent = row.intent == null ? "" : row.intent;
                    groups.add(at, tally -> {
                        tally.replies++;
                        if (firstForMessage) {
                            tally.repliedMessages++;
                        }
                        switch (intent) {
                            case "interested" -> tally.interested++;
                            case "not_interested" -> tally.notInterested++;
                            case "referral" -> tally.referrals++;
                            case "unsubscribe" -> tally.unsubscribes++;
                            default -> { }
                        }
                    });
                }
                case "auto_reply" -> groups.add(at, tally -> tally.autoReplies++);
                case "bounce" -> groups.add(at, tally -> {
                    if (row.soft) {
                        tally.softBounces++;
                    } else {
                        tally.hardBounces++;
                    }
                });
                case "complaint" -> groups.add(at, tally -> tally.complaints++);
                default -> { }
            }
        }
    }

    /**
     * Per enrollment whose first human reply ever came in the period: that reply (the earliest, the lowest id among
     * equal times), its enrollment's first sent step and the step it is attributed to, in one query.
     */
    private void firstReplies(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups) {
        List<Map.Entry<Attribution, Duration>> firsts = handle.createQuery(attributed("""
                SELECT i.id, i.enrollment_id, i.matched_outbound_id, i.received_at AS at, s.name AS sequence_name,
                       (SELECT MIN(f.sent_at) FROM outbound_message f WHERE f.enrollment_id = i.enrollment_id
                          AND f.kind = 'step' AND f.sent_at IS NOT NULL) AS first_sent
                FROM inbound_message i JOIN enrollment e ON e.id = i.enrollment_id
                JOIN sequence_def s ON s.id = e.sequence_id
                WHERE i.kind = 'human_reply' AND e.mailbox_id IN (<mailboxes>)
                  AND i.received_at >= :from AND i.received_at < :to
                  AND NOT EXISTS (SELECT 1 FROM inbound_message p WHERE p.enrollment_id = i.enrollment_id
                                  AND p.kind = 'human_reply'
                                  AND (p.received_at < i.received_at OR (p.received_at = i.received_at AND p.id < i.id)))""",
                        "q.enrollment_id"))
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .map((rs, ctx) -> {
                    long firstSent = rs.getLong("first_sent");
                    return rs.wasNull() ? Optional.<Map.Entry<Attribution, Duration>>empty()
                            : Optional.of(Map.entry(attribution(rs, rs.getString("sequence_name")),
                            Duration.ofMillis(rs.getLong("at") - firstSent)));
                })
                .list().stream().flatMap(Optional::stream).toList();
        Map<Long, Step> steps = steps(handle, firsts.stream().map(Map.Entry::getKey).toList());
        firsts.forEach(first -> groups.add(complete(first.getKey(), steps),
                tally -> tally.firstReplies.add(first.getValue())));
    }

    private void events(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups) {
        List<Map.Entry<EventKind, Attribution>> rows = handle.createQuery(attributed("""
                SELECT l.id, l.event, l.enrollment_id, l.at, NULL AS matched_outbound_id,
                       s.name AS sequence_name
                FROM event_log l
                JOIN enrollment e ON e.id = l.enrollment_id JOIN sequence_def s ON s.id = e.sequence_id
                WHERE l.event IN (<kinds>) AND l.at >= :from AND l.at < :to
                  AND e.mailbox_id IN (<mailboxes>)""", "q.id"))
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .bindList("kinds", EventKind.texts(EventKind.ESCALATED, EventKind.COMPLETED, EventKind.UNSUBSCRIBED))
                .map((rs, ctx) -> Map.entry(EventKind.fromText(rs.getString("event")),
                        attribution(rs, rs.getString("sequence_name"))))
                .list();
        Map<Long, Step> steps = steps(handle, rows.stream().map(Map.Entry::getValue).toList());
        for (Map.Entry<EventKind, Attribution> row : rows) {
            Attribution sequenceOnly = new Attribution(row.getValue().sequence, null, null, null);
            switch (row.getKey()) {
                case ESCALATED -> groups.add(sequenceOnly, tally -> tally.escalations++);
                case COMPLETED -> groups.add(sequenceOnly, tally -> tally.completed++);
                default -> groups.add(complete(row.getValue(), steps), tally -> tally.unsubscribes++);
            }
        }
    }
}
