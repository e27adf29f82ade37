package io.followup.digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the A/B variants of each step honestly: per variant its sent, replies, positive (interested) replies,
 * bounces and reply rate with a 95% Wilson score interval; a step names a leading variant only when every variant
 * was sent at least {@link #MIN_SAMPLE} times and the leader's interval lies wholly above each other variant's.
 * Otherwise it says why it does not. Used by the digest and the web UI's Sequences page on the same
 * {@link Outcomes}. Stateless and thread-safe.
 */
public final class VariantComparison {

    /** The fewest sends per variant before a step's variants are compared at all. */
    public static final int MIN_SAMPLE = 30;
    private static final double Z = 1.959964;

    /** One variant's numbers. Rates are 0..1; the interval is null when nothing was sent. */
    public record Variant(String template, int sent, int replies, int positive, int bounces, Double replyRate,
                          Double low, Double high) {

        /** E.g. {@code 12% (95% CI 6–21%)}, or {@code –} when nothing was sent. */
        public String rateText() {
            return replyRate == null ? "–" : percent(replyRate) + " (95% CI " + percent(low) + "–" + percent(high)
                    + ")";
        }
    }

    /** The variants of one step and the verdict on them. */
    public record Step(String sequence, int step, List<Variant> variants, String verdict, String leader) {

        public Step {
            variants = List.copyOf(variants);
        }

        /** E.g. {@code met-at-event step 1}. */
        public String label() {
            return sequence + " step " + step;
        }
    }

    /** The steps with variants among {@code byVariant} ({@link WeekOutcomes#byVariant()}), in its order. */
    public List<Step> compare(List<OutcomeGroup> byVariant) {
        Map<String, List<OutcomeGroup>> steps = new LinkedHashMap<>();
        for (OutcomeGroup group : byVariant) {
            steps.computeIfAbsent(group.sequence() + "\u0000" + group.step(), key -> new ArrayList<>()).add(group);
        }
        List<Step> result = new ArrayList<>();
        steps.values().forEach(groups -> result.add(step(groups)));
        return result;
    }

    private static Step step(List<OutcomeGroup> groups) {
        List<Variant> variants = groups.stream().map(VariantComparison::variant).toList();
        OutcomeGroup first = groups.get(0);
        int fewest = variants.stream().mapToInt(Variant::sent).min().orElse(0);
        if (variants.size() < 2) {
            return new Step(first.sequence(), first.step(), variants,
                    "only one variant was sent in this period: nothing to compare", null);
        }
        if (fewest < MIN_SAMPLE) {
            return new Step(first.sequence(), first.step(), variants, "too few to compare: every variant needs "
                    + MIN_SAMPLE + " sent (the smallest has " + fewest + ")", null);
        }
        for (Variant candidate : variants) {
            boolean clear = variants.stream().filter(other -> other != candidate)
                    .allMatch(other -> candidate.low() > other.high());
            if (clear) {
                return new Step(first.sequence(), first.step(), variants, candidate.template()
                        + " leads: its reply-rate interval lies above every other variant's", candidate.template());
            }
        }
        return new Step(first.sequence(), first.step(), variants,
                "no clear difference: the reply-rate intervals overlap", null);
    }

    private static Variant variant(OutcomeGroup group) {
        OutcomeCounts counts = group.counts();
        double[] interval = wilson(counts.repliedMessages(), counts.sent());
        return new Variant(group.template(), counts.sent(), counts.replies(), counts.interested(), counts.bounces(),
                counts.replyRate(), interval == null ? null : interval[0], interval == null ? null : interval[1]);
    }

    /** The 95% Wilson score interval of {@code successes} out of {@code trials}; null for no trials. */
    static double[] wilson(int successes, int trials) {
        if (trials == 0) {
            return null;
        }
        double n = trials;
        double p = Math.min(1.0, (double) successes / n);
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + "%";
    }
}
