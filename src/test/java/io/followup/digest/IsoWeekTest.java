package io.followup.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class IsoWeekTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aWeekIsParsedAndPrintedAsYearDashWeek() {
        IsoWeek week = IsoWeek.parse("2026-W47");

        assertThat(week).isEqualTo(new IsoWeek(2026, 47));
        assertThat(week.toString()).isEqualTo("2026-W47");
        assertThat(week.monday()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(IsoWeek.parse("2026-W01").monday()).isEqualTo(LocalDate.of(2025, 12, 29));
    }

    @Test
    void aWeekRunsFromMondayMidnightToMondayMidnightInTheOwnersZone() {
        IsoWeek week = IsoWeek.parse("2026-W47");

        assertThat(week.start(LONDON)).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(week.end(NEW_YORK)).isEqualTo(Instant.parse("2026-11-23T05:00:00Z"));
        Instant sundayNightInNewYork = Instant.parse("2026-11-23T03:00:00Z");
        assertThat(IsoWeek.containing(sundayNightInNewYork, NEW_YORK)).isEqualTo(week);
        assertThat(IsoWeek.containing(sundayNightInNewYork, LONDON)).isEqualTo(week.next());
    }

    @Test
    void theWeekOfTheSpringClockChangeIsAnHourShorter() {
        IsoWeek week = IsoWeek.containing(Instant.parse("2026-03-29T12:00:00Z"), LONDON);

        assertThat(week.toString()).isEqualTo("2026-W13");
        assertThat(Duration.between(week.start(LONDON), week.end(LONDON))).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void weeksStepAcrossTheYearAndOnlyExistingWeeksAreAccepted() {
        assertThat(IsoWeek.parse("2026-W53").next()).isEqualTo(IsoWeek.parse("2027-W01"));
        assertThat(IsoWeek.parse("2027-W01").previous()).isEqualTo(IsoWeek.parse("2026-W53"));
        assertThatThrownBy(() -> IsoWeek.parse("2025-W53")).isInstanceOf(DigestException.class)
                .hasMessage("week 53 does not exist in 2025 (1-52)");
        assertThatThrownBy(() -> IsoWeek.parse("2026-47")).isInstanceOf(DigestException.class)
                .hasMessage("expected a week such as 2026-W47, got \"2026-47\"");
        assertThat(IsoWeek.parse("2026-W09")).isLessThan(IsoWeek.parse("2026-W10"));
    }
}
