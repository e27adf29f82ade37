package io.followup.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantComparisonTest {

    /** The comparison of one step's variants. */
    private static VariantComparison.Step step(OutcomeGroup... variants) {
        return new VariantComparison().compare(List.of(variants)).get(0);
    }

    private static OutcomeGroup variant(String template, int sent, int replied) {
        return new OutcomeGroup("s", 1, template, new OutcomeCounts(sent, replied, replied, null, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0));
    }

    @Test
    void theWilsonIntervalMatchesThePublishedValues() {
        double[] interval = VariantComparison.wilson(10, 100);
        assertThat(interval[0]).isCloseTo(0.0552, within(0.0005));
        assertThat(interval[1]).isCloseTo(0.1744, within(0.0005));
        assertThat(VariantComparison.wilson(0, 0)).isNull();
        assertThat(VariantComparison.wilson(0, 5)[0]).isZero();
    }

    @Test
    void noWinnerIsClaimedBelowTheMinimumSampleHoweverLargeTheGap() {
        VariantComparison.Step step = step(variant("a", 29, 29), variant("b", 100, 0));
        assertThat(step.leader()).isNull();
        assertThat(step.verdict()).isEqualTo("too few to compare: every variant needs 30 sent (the smallest has 29)");
    }

    @Test
    void overlappingIntervalsAreNoClearDifference() {
        VariantComparison.Step step = step(variant("a", 50, 10), variant("b", 50, 14));
        assertThat(step.leader()).isNull();
        assertThat(step.verdict()).startsWith("no clear difference");
    }

    @Test
    void aVariantWhoseIntervalLiesAboveTheOthersLeads() {
        VariantComparison.Step step = step(variant("a", 100, 5), variant("b", 100, 40));
        assertThat(step.leader()).isEqualTo("b");
        assertThat(step.variants().get(1).rateText()).isEqualTo("40% (95% CI 31%–50%)");
    }
}
