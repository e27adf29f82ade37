package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented rule for running enrollments when their sequence's steps change. */
class StepRemapTest {

    private static StepRemap remap(List<String> before, List<String> after, int nextStep) {
        return StepRemap.of(before, after, StepIdentity.match(before, after,
                after.stream().map(key -> key.substring(key.indexOf(':') + 1)).toList()), nextStep);
    }

    @Test
    void anEnrollmentGoesOnWithTheStepItWaitedForAtItsNewPosition() {
        StepRemap remap = remap(List.of("id:a", "id:b", "id:c"), List.of("id:a", "id:new", "id:b", "id:c"), 2);

        assertThat(remap.nextStep()).isEqualTo(3);
        assertThat(remap.skipped()).containsExactly("new step 2 (id new) comes before where the enrollment stands");
        assertThat(remap.renumbered()).isEqualTo(Map.of(1, 1, 2, 3));
        assertThat(remap.keepsDraft()).isTrue();
    }

    @Test
    void aRemovedStepIsSkippedAndTheNextOldStepFollows() {
        StepRemap remap = remap(List.of("id:a", "id:b", "id:c"), List.of("id:a", "id:c"), 2);

        assertThat(remap.nextStep()).isEqualTo(2);
        assertThat(remap.skipped()).containsExactly("step 2 (id b) was removed");
        assertThat(remap.keepsDraft()).isFalse();
        assertThat(remap.changes(2)).isTrue();
    }

    @Test
    void removingTheLastRemainingStepsLeavesTheEnrollmentPastTheEnd() {
        StepRemap remap = remap(List.of("id:a", "id:b"), List.of("id:a"), 2);

        assertThat(remap.nextStep()).isEqualTo(2);
        assertThat(remap.skipped()).containsExactly("step 2 (id b) was removed");
    }

    @Test
    void aSentStepIsNeverSentAgainWhenAReorderPutsItLater() {
        StepRemap remap = remap(List.of("id:a", "id:b", "id:c"), List.of("id:b", "id:a", "id:c"), 2);

        assertThat(remap.nextStep()).isEqualTo(3);
        assertThat(remap.skipped()).containsExactly("step 2 (id b) moved before an already sent step");
        assertThat(remap.keepsDraft()).isFalse();
    }

    @Test
    void removingASentStepRenumbersTheHistoryAndKeepsTheWaitingStep() {
        StepRemap remap = remap(List.of("id:a", "id:b", "id:c"), List.of("id:b", "id:c"), 2);

        assertThat(remap.nextStep()).isEqualTo(1);
        assertThat(remap.skipped()).isEmpty();
        assertThat(remap.renumbered()).isEqualTo(Map.of(2, 1));
        assertThat(StepNumbers.plan(java.util.Set.of(1, 2), remap.renumbered())).isEqualTo(Map.of(1, -1, 2, 1));
    }

    @Test
    void stepsWithoutIdsAreTheirTemplatesAndGivingThemIdsKeepsThem() {
        List<String> before = StepIdentity.stored(java.util.Arrays.asList(null, null), List.of("intro/first",
                "intro/first"));
        assertThat(before).containsExactly("label:intro/first", "label:intro/first#2");

        int[] matched = StepIdentity.match(before, List.of("id:hello", "id:again"),
                List.of("intro/first", "intro/first"));

        assertThat(matched).containsExactly(1, 2);
    }

    @Test
    void nothingChangesWhenOnlyAStepAfterTheEnrollmentIsAdded() {
        StepRemap remap = remap(List.of("id:a", "id:b"), List.of("id:a", "id:b", "id:c"), 2);

        assertThat(remap.changes(2)).isFalse();
    }
}
