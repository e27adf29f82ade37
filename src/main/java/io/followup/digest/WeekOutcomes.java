package io.followup.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What happened in one ISO week (or, with {@code week} null, any period) for one owner: the totals, the same numbers
 * per sequence, per step, per template and per A/B variant (each sorted by name; a variant group has sequence,
 * step and the variant's template), and the human replies per day of week (Monday first). Immutable and
 * thread-safe.
 */
public record WeekOutcomes(IsoWeek week, ZoneId zone, Instant from, Instant to, OutcomeCounts total,
                           List<OutcomeGroup> bySequence, List<OutcomeGroup> byStep, List<OutcomeGroup> byTemplate,
                           List<Integer> repliesPerDay, List<OutcomeGroup> byVariant) {

    public WeekOutcomes {
        bySequence = List.copyOf(bySequence);
        byStep = List.copyOf(byStep);
        byTemplate = List.copyOf(byTemplate);
        byVariant = List.copyOf(byVariant);
        repliesPerDay = List.copyOf(repliesPerDay);
        if (repliesPerDay.size() != 7) {
            throw new IllegalArgumentException("replies per day: expected 7 days, got " + repliesPerDay.size());
        }
    }

    /** Without variants. */
    public WeekOutcomes(IsoWeek week, ZoneId zone, Instant from, Instant to, OutcomeCounts total,
                        List<OutcomeGroup> bySequence, List<OutcomeGroup> byStep, List<OutcomeGroup> byTemplate,
                        List<Integer> repliesPerDay) {
        this(week, zone, from, to, total, bySequence, byStep, byTemplate, repliesPerDay, List.of());
    }
}
