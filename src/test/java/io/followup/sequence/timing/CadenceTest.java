package io.followup.sequence.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CadenceTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void namedCadencesAreNormalizedAndCustomPeriodsAreWrittenAsWaits() {
        assertThat(Cadence.parse(" Monthly ").text()).isEqualTo("monthly");
        assertThat(Cadence.parse("weekly").text()).isEqualTo("weekly");
        assertThat(Cadence.parse("QUARTERLY").text()).isEqualTo("quarterly");
        assertThat(Cadence.parse("45 days").text()).isEqualTo("45 days");
        assertThat(Cadence.parse("10  business days").text()).isEqualTo("10 business days");
        assertThat(Cadence.parse("48 hours").text()).isEqualTo("48 hours");
    }

    @Test
    void aMonthKeepsTheLocalWallClockTimeAcrossADaylightSavingChange() {
        Instant winter = Instant.parse("2026-03-02T09:00:00Z");

        assertThat(Cadence.parse("monthly").next(winter, LONDON)).isEqualTo(Instant.parse("2026-04-02T08:00:00Z"));
        assertThat(Cadence.parse("quarterly").next(winter, LONDON)).isEqualTo(Instant.parse("2026-06-02T08:00:00Z"));
        assertThat(Cadence.parse("weekly").next(winter, LONDON)).isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));
        assertThat(Cadence.parse("45 days").next(winter, ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-04-16T09:00:00Z"));
    }

    @Test
    void aStoredCadenceComputesTheSameAsAParsedOne() {
        Instant from = Instant.parse("2026-01-31T12:00:00Z");
        Cadence parsed = Cadence.parse("3 business days");

        assertThat(new Cadence(parsed.text()).next(from, LONDON)).isEqualTo(parsed.next(from, LONDON))
                .isEqualTo(Instant.parse("2026-02-04T12:00:00Z"));
    }

    @Test
    void somethingThatIsNotACadenceNamesWhatWasExpected() {
        assertThatThrownBy(() -> Cadence.parse("fortnightly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected weekly, monthly, quarterly or a period such as \"45 days\", got \"fortnightly\"");
        assertThatThrownBy(() -> Cadence.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected weekly, monthly, quarterly or a period such as \"45 days\", got \"\"");
    }

    @Test
    void aPeriodShorterThanADayIsRefused() {
        assertThatThrownBy(() -> Cadence.parse("90 minutes")).hasMessage(
                "a keep-in-touch period must be at least a day, got \"90 minutes\"");
        assertThatThrownBy(() -> Cadence.parse("12 hours")).hasMessage(
                "a keep-in-touch period must be at least a day, got \"12 hours\"");
        assertThatThrownBy(() -> Cadence.parse("0")).hasMessage(
                "a keep-in-touch period must be at least a day, got \"0\"");
    }
}
