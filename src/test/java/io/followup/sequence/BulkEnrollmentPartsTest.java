package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkEnrollmentPartsTest {

    @Test
    void theNewContactsAreSplitIntoConsecutivePartsThatCoverTheRangeOnce() {
        List<long[]> parts = BulkEnrollment.parts(100, 20_101, 2, 5_000);

        assertThat(parts).extracting(part -> part[0] + ".." + part[1]).containsExactly("100..10100", "10100..20101");
    }

    @Test
    void fewerContactsThanTwoPartsOfTheMinimumAreOnePart() {
        assertThat(BulkEnrollment.parts(0, 9_999, 2, 5_000)).extracting(part -> part[0] + ".." + part[1])
                .containsExactly("0..9999");
        assertThat(BulkEnrollment.parts(7, 7, 2, 5_000)).extracting(part -> part[0] + ".." + part[1])
                .containsExactly("7..7");
    }

    @Test
    void aPartIsNeverSmallerThanTheMinimumAndThereAreAtMostAsManyAsAsked() {
        assertThat(BulkEnrollment.parts(0, 1_000_000, 2, 5_000)).hasSize(2);
        assertThat(BulkEnrollment.parts(0, 14_999, 3, 5_000)).hasSize(2);
        assertThat(BulkEnrollment.parts(0, 15_000, 3, 5_000)).extracting(part -> part[1] - part[0])
                .containsExactly(5_000L, 5_000L, 5_000L);
    }
}
