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
            Set<Long> sentIds = new HashSet<>();
            sent(handle, mailboxIds, from, to, groups, sentIds);
            inbound(handle, mailboxIds, from, to, zone, groups, sentIds, perDay);
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

    private static void sent(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups,
                             Set<Long> sentIds) {
        handle.createQuery("""
                SELECT o.id, o.step_no, o.template, s.name AS sequence_name, v.template AS variant
                FROM outbound_message o
                JOIN enrollment e ON e.id = o.enrollment_id JOIN sequence_def s ON s.id = e.sequence_id
                LEFT JOIN step_variant v ON v.enrollment_id = o.enrollment_id AND v.step_no = o.step_no
                WHERE o.kind = 'step' AND o.sent_at >= :from AND o.sent_at < :to AND o.mailbox_id IN (<mailboxes>)""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .map((rs, ctx) -> new Attribution(rs.getString("sequence_name"), rs.getInt("step_no"),
                        rs.getString("template"), rs.getLong("id"), rs.getString("variant")))
                .forEach(at -> {
                    sentIds.add(at.outboundId);
                    groups.add(at, tally -> tally.sent++);
                });
    }

    private record Inbound(long id, String kind, String intent, Instant receivedAt, long enrollmentId,
                           Long matchedOutboundId, String sequence, boolean soft) {
    }

    private void inbound(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, ZoneId zone,
                         Groups groups, Set<Long> sentIds, int[] perDay) {
        List<Inbound> rows = handle.createQuery("""
                SELECT i.id, i.kind, i.intent, i.received_at, i.enrollment_id, i.matched_outbound_id,
                       s.name AS sequence_name,
                       CASE WHEN EXISTS (SELECT 1 FROM event_log l WHERE l.inbound_id = i.id
                                         AND l.event IN (<softBounces>))
                            THEN 1 ELSE 0 END AS soft
                FROM inbound_message i JOIN enrollment e ON e.id = i.enrollment_id
                JOIN sequence_def s ON s.id = e.sequence_id
                WHERE e.mailbox_id IN (<mailboxes>) AND i.received_at >= :from AND i.received_at < :to
                  AND i.kind IN ('human_reply', 'auto_reply', 'bounce', 'complaint')
                ORDER BY i.received_at, i.id""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .bindList("softBounces", EventKind.texts(EventKind.SOFT_BOUNCE, EventKind.SOFT_BOUNCE_EXHAUSTED))
                .map((rs, ctx) -> new Inbound(rs.getLong("id"), rs.getString("kind"), rs.getString("intent"),
                        Instant.ofEpochMilli(rs.getLong("received_at")), rs.getLong("enrollment_id"),
                        (Long) rs.getObject("matched_outbound_id", Long.class), rs.getString("sequence_name"),
                        rs.getInt("soft") == 1))
                .list();
        Set<Long> replied = new HashSet<>();
        for (Inbound row : rows) {
            Attribution at = attribute(handle, row.sequence, row.enrollmentId, row.matchedOutboundId, row.receivedAt);
            switch (row.kind) {
                case "human_reply" -> {
                    perDay[row.receivedAt.atZone(zone).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()]++;
                    boolean firstForMessage = at.outboundId != null && sentIds.contains(at.outboundId)
                            && replied.add(at.outboundId);
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

    /** The step an inbound message (or an event) answers: the matched step, else the last step sent before. */
    private static Attribution attribute(Handle handle, String sequence, long enrollmentId, Long matchedOutboundId,
                                         Instant at) {
        Optional<Attribution> matched = matchedOutboundId == null ? Optional.empty() : handle.createQuery("""
                        SELECT o.id, o.step_no, o.template, v.template AS variant FROM outbound_message o
                        LEFT JOIN step_variant v ON v.enrollment_id = o.enrollment_id AND v.step_no = o.step_no
                        WHERE o.id = :id AND o.kind = 'step'""")
                .bind("id", matchedOutboundId)
                .map((rs, ctx) -> new Attribution(sequence, rs.getInt("step_no"), rs.getString("template"),
                        rs.getLong("id"), rs.getString("variant")))
                .findOne();
        return matched.orElseGet(() -> handle.createQuery("""
                        SELECT o.id, o.step_no, o.template, v.template AS variant FROM outbound_message o
                        LEFT JOIN step_variant v ON v.enrollment_id = o.enrollment_id AND v.step_no = o.step_no
                        WHERE o.enrollment_id = :enrollment AND o.kind = 'step' AND o.sent_at IS NOT NULL
                          AND o.sent_at <= :at
                        ORDER BY o.sent_at DESC, o.id DESC LIMIT 1""")
                .bind("enrollment", enrollmentId).bind("at", at)
                .map((rs, ctx) -> new Attribution(sequence, rs.getInt("step_no"), rs.getString("template"),
                        rs.getLong("id"), rs.getString("variant")))
                .findOne()
                .orElse(new Attribution(sequence, null, null, null)));
    }

    private void firstReplies(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups) {
        record First(long enrollmentId, String sequence, Instant firstReply) {
        }
        List<First> firsts = handle.createQuery("""
                SELECT i.enrollment_id, s.name AS sequence_name, MIN(i.received_at) AS first_reply
                FROM inbound_message i JOIN enrollment e ON e.id = i.enrollment_id
                JOIN sequence_def s ON s.id = e.sequence_id
                WHERE i.kind = 'human_reply' AND e.mailbox_id IN (<mailboxes>)
                GROUP BY i.enrollment_id, s.name
                HAVING MIN(i.received_at) >= :from AND MIN(i.received_at) < :to""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .map((rs, ctx) -> new First(rs.getLong("enrollment_id"), rs.getString("sequence_name"),
                        Instant.ofEpochMilli(rs.getLong("first_reply"))))
                .list();
        for (First first : firsts) {
            Optional<Long> firstSent = handle.createQuery("""
                            SELECT MIN(sent_at) FROM outbound_message
                            WHERE enrollment_id = :enrollment AND kind = 'step' AND sent_at IS NOT NULL""")
                    .bind("enrollment", first.enrollmentId).mapTo(Long.class).findOne();
            if (firstSent.isEmpty() || firstSent.get() == null) {
                continue;
            }
            Duration took = Duration.ofMillis(first.firstReply.toEpochMilli() - firstSent.get());
            Long matched = handle.createQuery("""
                            SELECT matched_outbound_id FROM inbound_message
                            WHERE enrollment_id = :enrollment AND kind = 'human_reply' AND received_at = :at
                            ORDER BY id LIMIT 1""")
                    .bind("enrollment", first.enrollmentId).bind("at", first.firstReply)
                    .mapTo(Long.class).findOne().orElse(null);
            Attribution at = attribute(handle, first.sequence, first.enrollmentId, matched, first.firstReply);
            groups.add(at, tally -> tally.firstReplies.add(took));
        }
    }

    private void events(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups) {
        record Row(EventKind event, long enrollmentId, String sequence, Instant at) {
        }
        List<Row> rows = handle.createQuery("""
                SELECT l.event, l.enrollment_id, l.at, s.name AS sequence_name FROM event_log l
                JOIN enrollment e ON e.id = l.enrollment_id JOIN sequence_def s ON s.id = e.sequence_id
                WHERE l.event IN (<kinds>) AND l.at >= :from AND l.at < :to
                  AND e.mailbox_id IN (<mailboxes>)
                ORDER BY l.id""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .bindList("kinds", EventKind.texts(EventKind.ESCALATED, EventKind.COMPLETED, EventKind.UNSUBSCRIBED))
                .map((rs, ctx) -> new Row(EventKind.fromText(rs.getString("event")), rs.getLong("enrollment_id"),
                        rs.getString("sequence_name"), Instant.ofEpochMilli(rs.getLong("at"))))
                .list();
        for (Row row : rows) {
            switch (row.event) {
                case ESCALATED -> groups.add(new Attribution(row.sequence, null, null, null),
                        tally -> tally.escalations++);
                case COMPLETED -> groups.add(new Attribution(row.sequence, null, null, null),
                        tally -> tally.completed++);
                default -> groups.add(attribute(handle, row.sequence, row.enrollmentId, null, row.at),
                        tally -> tally.unsubscribes++);
            }
        }
    }
}
