package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.sequence.timing.Wait;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantChooserTest {

    private final StepDefinition step = StepDefinition.withVariants(2, Wait.NONE, false, false, List.of(
            new StepDefinition.Variant("a", 70), new StepDefinition.Variant("b", 30)));

    @Test
    void theSameEnrollmentAndStepAlwaysGetTheSameVariant() {
        for (long id = 1; id < 200; id++) {
            assertThat(VariantChooser.pick(step, id)).isEqualTo(VariantChooser.pick(step, id));
        }
    }

    @Test
    void consecutiveEnrollmentsAreSplitByTheWeights() {
        int a = 0;
        for (long id = 1; id <= 10_000; id++) {
            if (VariantChooser.pick(step, id).equals("a")) {
                a++;
            }
        }
        assertThat(a).isBetween(6_700, 7_300);
    }
}
