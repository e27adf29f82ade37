package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnrollmentProgressTest {

    private static final Instant PAST = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-09T09:00:00Z");
    private static final Function<Instant, String> TIME = Instant::toString;

    @Test
    void aPausedEnrollmentIsNeverShownAsDue() {
        assertThat(EnrollmentProgress.next("paused", 2, 3, PAST, null, TIME)).isEqualTo("paused until resumed by hand");
        assertThat(EnrollmentProgress.next("paused", 2, 3, PAST, LATER, TIME))
                .isEqualTo("paused until 2026-03-09T09:00:00Z");
    }

    @Test
    void aCompletedEnrollmentIsNotStepFourOfThree() {
        assertThat(EnrollmentProgress.step(4, 3)).isEqualTo("all 3 sent");
        assertThat(EnrollmentProgress.next("completed", 4, 3, null, null, TIME)).isEqualTo("ended");
    }

    @Test
    void anActiveEnrollmentIsDueOrCompletesAfterTheLastStep() {
        assertThat(EnrollmentProgress.step(2, 3)).isEqualTo("2 of 3");
        assertThat(EnrollmentProgress.next("active", 2, 3, LATER, null, TIME)).isEqualTo("due 2026-03-09T09:00:00Z");
        assertThat(EnrollmentProgress.next("active", 4, 3, LATER, null, TIME))
                .isEqualTo("completes 2026-03-09T09:00:00Z without a reply");
        assertThat(EnrollmentProgress.next("held", 2, 3, PAST, null, TIME)).isEqualTo("held: waits for a decision");
    }
}
