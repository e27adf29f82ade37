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
                String stepKey = at.sequence + "\u0000" + padded(at.step);
                keys.putIfAbsent("s" + stepKey, new OutcomeGroup(at.sequence, at.step, null, null));
                tallies.add(steps.computeIfAbsent(stepKey, k -> new Tally()));
            }
            if (at.template != null) {
                tallies.add(templates.computeIfAbsent(at.template, k -> new Tally()));
            }
            if (at.step != null && at.variant != null) {
                String variantKey = at.sequence + "\u0000" + padded(at.step) + "\u0000" + at.variant;
                keys.putIfAbsent("v" + variantKey, new OutcomeGroup(at.sequence, at.step, at.variant, null));
                tallies.add(variants.computeIfAbsent(variantKey, k -> new Tally()));
            }
            return tallies;
        }

        /** The step number with four digits, so that keys sort by number (String.format cost 1 s at 100k). */
        private static String padded(int step) {
            String digits = Integer.toString(step);
            return digits.length() >= 4 ? digits : "0000".substring(digits.length()) + digits;
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

    /** A sent or matched step message an outcome may be attributed to. */
    private record Step(long id, long enrollmentId, int step, String template, String variant, Long sentAt) {
    }

    private static final int AT_ONCE = 1000;

    private static Step step(java.sql.ResultSet rs) throws java.sql.SQLException {
        long sentAt = rs.getLong("sent_at");
        Long sent = rs.wasNull() ? null : sentAt;
        return new Step(rs.getLong("id"), rs.getLong("enrollment_id"), rs.getInt("step_no"), rs.getString("template"),
                rs.getString("variant"), sent);
    }

    /**
     * The step messages of some enrollments, read in batches (1,000 enrollments or ids a query) instead of a
     * subquery per outcome: each enrollment's sent steps in sent order, and the matched steps that are not among
     * them (not sent, or another enrollment's).
     */
    private static final class StepsOf {
        private final Map<Long, List<Step>> sent = new java.util.HashMap<>();
        private final Map<Long, Step> byId = new java.util.HashMap<>();

        StepsOf(Handle handle, Collection<Long> enrollmentIds, Collection<Long> matchedIds) {
            List<Long> enrollments = enrollmentIds.stream().distinct().sorted().toList();
            for (int from = 0; from < enrollments.size(); from += AT_ONCE) {
                handle.createQuery("""
                                SELECT o.id, o.enrollment_id, o.step_no, o.template, o.sent_at, v.template AS variant
                                FROM outbound_message o
                                LEFT JOIN step_variant v ON v.enrollment_id = o.enrollment_id AND v.step_no = o.step_no
                                WHERE o.enrollment_id IN (<ids>) AND o.kind = 'step' AND o.sent_at IS NOT NULL
                                ORDER BY o.enrollment_id, o.sent_at, o.id""")
                        .bindList("ids", enrollments.subList(from, Math.min(enrollments.size(), from + AT_ONCE)))
                        .map((rs, ctx) -> step(rs))
                        .forEach(step -> {
                            sent.computeIfAbsent(step.enrollmentId(), k -> new ArrayList<>()).add(step);
                            byId.put(step.id(), step);
                        });
            }
            List<Long> missing = matchedIds.stream().filter(java.util.Objects::nonNull)
                    .filter(id -> !byId.containsKey(id)).distinct().sorted().toList();
            for (int from = 0; from < missing.size(); from += AT_ONCE) {
                handle.createQuery("""
                                SELECT o.id, o.enrollment_id, o.step_no, o.template, o.sent_at, v.template AS variant
                                FROM outbound_message o
                                LEFT JOIN step_variant v ON v.enrollment_id = o.enrollment_id AND v.step_no = o.step_no
                                WHERE o.id IN (<ids>) AND o.kind = 'step'""")
                        .bindList("ids", missing.subList(from, Math.min(missing.size(), from + AT_ONCE)))
                        .map((rs, ctx) -> step(rs))
                        .forEach(step -> byId.put(step.id(), step));
            }
        }

        /**
         * The step an outcome is attributed to: the matched message when it is a step, else the enrollment's last
         * step sent at or before {@code at} (the latest, the highest id among equal times); null for none.
         */
        Step attributed(long enrollmentId, Long matchedId, long at) {
            Step matched = matchedId == null ? null : byId.get(matchedId);
            if (matched != null) {
                return matched;
            }
            Step last = null;
            for (Step step : sent.getOrDefault(enrollmentId, List.of())) {
                if (step.sentAt() <= at) {
                    last = step;
                }
            }
            return last;
        }

        /** The enrollment's first sent step's time, or null when it has none. */
        Long firstSent(long enrollmentId) {
            List<Step> steps = sent.get(enrollmentId);
            return steps == null ? null : steps.get(0).sentAt();
        }
    }

    /** The attribution of an outcome of {@code sequence} to {@code step} (null: to the sequence only). */
    private static Attribution attribution(String sequence, Step step) {
        return step == null ? new Attribution(sequence, null, null, null)
                : new Attribution(sequence, step.step(), step.template(), step.id(), step.variant());
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** A received message or event of an enrollment, before its attribution. */
    private record Outcome(long id, String kind, String intent, long at, long enrollmentId, Long matchedId,
                           String sequence, boolean soft) {
    }

    private void inbound(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, ZoneId zone,
                         Groups groups, int[] perDay) {
        List<Outcome> rows = handle.createQuery("""
                SELECT i.id, i.kind, i.intent, i.received_at, i.enrollment_id, i.matched_outbound_id,
                       s.name AS sequence_name,
                       CASE WHEN i.kind = 'bounce' AND EXISTS (SELECT 1 FROM event_log l WHERE l.inbound_id = i.id
                                                              AND l.event IN (<softBounces>))
                            THEN 1 ELSE 0 END AS soft
                FROM inbound_message i JOIN enrollment e ON e.id = i.enrollment_id
                JOIN sequence_def s ON s.id = e.sequence_id
                WHERE e.mailbox_id IN (<mailboxes>) AND i.received_at >= :from AND i.received_at < :to
                  AND i.kind IN ('human_reply', 'auto_reply', 'bounce', 'complaint')
                ORDER BY i.received_at, i.id""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .bindList("softBounces", EventKind.texts(EventKind.SOFT_BOUNCE, EventKind.SOFT_BOUNCE_EXHAUSTED))
                .map((rs, ctx) -> new Outcome(rs.getLong("id"), rs.getString("kind"), rs.getString("intent"),
                        rs.getLong("received_at"), rs.getLong("enrollment_id"),
                        nullableLong(rs, "matched_outbound_id"), rs.getString("sequence_name"),
                        rs.getInt("soft") == 1))
                .list();
        StepsOf steps = new StepsOf(handle, rows.stream().map(Outcome::enrollmentId).toList(),
                rows.stream().map(Outcome::matchedId).toList());
        Set<Long> replied = new HashSet<>();
        for (Outcome row : rows) {
            Step step = steps.attributed(row.enrollmentId(), row.matchedId(), row.at());
            Attribution at = attribution(row.sequence(), step);
            switch (row.kind()) {
                case "human_reply" -> {
                    perDay[Instant.ofEpochMilli(row.at()).atZone(zone).getDayOfWeek().getValue()
                            - DayOfWeek.MONDAY.getValue()]++;
                    Long sentAt = step == null ? null : step.sentAt();
                    boolean sentInPeriod = sentAt != null && sentAt >= from.toEpochMilli() && sentAt < to.toEpochMilli();
                    boolean firstForMessage = step != null && sentInPeriod && replied.add(step.id());
                    String intent = row.intent() == null ? "" : row.intent();
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
                    if (row.soft()) {
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
     * equal times), the time since its enrollment's first sent step, grouped by the step it is attributed to.
     */
    private void firstReplies(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups) {
        List<Outcome> firsts = handle.createQuery("""
                SELECT i.id, i.enrollment_id, i.matched_outbound_id, i.received_at, s.name AS sequence_name
                FROM inbound_message i JOIN enrollment e ON e.id = i.enrollment_id
                JOIN sequence_def s ON s.id = e.sequence_id
                WHERE i.kind = 'human_reply' AND e.mailbox_id IN (<mailboxes>)
                  AND i.received_at >= :from AND i.received_at < :to
                  AND NOT EXISTS (SELECT 1 FROM inbound_message p WHERE p.enrollment_id = i.enrollment_id
                                  AND p.kind = 'human_reply'
                                  AND (p.received_at < i.received_at OR (p.received_at = i.received_at AND p.id < i.id)))
                ORDER BY i.enrollment_id""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .map((rs, ctx) -> new Outcome(rs.getLong("id"), "human_reply", null, rs.getLong("received_at"),
                        rs.getLong("enrollment_id"), nullableLong(rs, "matched_outbound_id"),
                        rs.getString("sequence_name"), false))
                .list();
        StepsOf steps = new StepsOf(handle, firsts.stream().map(Outcome::enrollmentId).toList(),
                firsts.stream().map(Outcome::matchedId).toList());
        for (Outcome first : firsts) {
            Long firstSent = steps.firstSent(first.enrollmentId());
            if (firstSent != null) {
                Duration wait = Duration.ofMillis(first.at() - firstSent);
                groups.add(attribution(first.sequence(), steps.attributed(first.enrollmentId(), first.matchedId(),
                        first.at())), tally -> tally.firstReplies.add(wait));
            }
        }
    }

    private void events(Handle handle, Collection<Long> mailboxIds, Instant from, Instant to, Groups groups) {
        List<Outcome> rows = handle.createQuery("""
                SELECT l.id, l.event, l.enrollment_id, l.at, s.name AS sequence_name
                FROM event_log l
                JOIN enrollment e ON e.id = l.enrollment_id JOIN sequence_def s ON s.id = e.sequence_id
                WHERE l.event IN (<kinds>) AND l.at >= :from AND l.at < :to
                  AND e.mailbox_id IN (<mailboxes>)
                ORDER BY l.id""")
                .bind("from", from).bind("to", to).bindList("mailboxes", List.copyOf(mailboxIds))
                .bindList("kinds", EventKind.texts(EventKind.ESCALATED, EventKind.COMPLETED, EventKind.UNSUBSCRIBED))
                .map((rs, ctx) -> new Outcome(rs.getLong("id"), rs.getString("event"), null, rs.getLong("at"),
                        rs.getLong("enrollment_id"), null, rs.getString("sequence_name"), false))
                .list();
        List<Outcome> unsubscribes = rows.stream()
                .filter(row -> EventKind.fromText(row.kind()) == EventKind.UNSUBSCRIBED).toList();
        StepsOf steps = new StepsOf(handle, unsubscribes.stream().map(Outcome::enrollmentId).toList(), List.of());
        for (Outcome row : rows) {
            Attribution sequenceOnly = new Attribution(row.sequence(), null, null, null);
            switch (EventKind.fromText(row.kind())) {
                case ESCALATED -> groups.add(sequenceOnly, tally -> tally.escalations++);
                case COMPLETED -> groups.add(sequenceOnly, tally -> tally.completed++);
                default -> groups.add(attribution(row.sequence(), steps.attributed(row.enrollmentId(), null,
                        row.at())), tally -> tally.unsubscribes++);
            }
        }
    }
}
