package io.followup.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What happened in one ISO week for one owner: the totals, the same numbers per sequence, per step and per
 * template (each sorted by name), and the human replies per day (Monday first). Immutable and thread-safe.
 */
public record WeekOutcomes(IsoWeek week, ZoneId zone, Instant from, Instant to, OutcomeCounts total,
                           List<OutcomeGroup> bySequence, List<OutcomeGroup> byStep, List<OutcomeGroup> byTemplate,
                           List<Integer> repliesPerDay) {

    public WeekOutcomes {
        bySequence = List.copyOf(bySequence);
        byStep = List.copyOf(byStep);
        byTemplate = List.copyOf(byTemplate);
        repliesPerDay = List.copyOf(repliesPerDay);
        if (repliesPerDay.size() != 7) {
            throw new IllegalArgumentException("replies per day: expected 7 days, got " + repliesPerDay.size());
        }
    }
}
