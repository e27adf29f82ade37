package io.followup.sequence.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WaitTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void parsesTheConfigurationForms() {
        assertThat(Wait.parse("0")).isEqualTo(new Wait(0, Wait.Unit.HOURS));
        assertThat(Wait.parse("90 minutes")).isEqualTo(new Wait(90, Wait.Unit.MINUTES));
        assertThat(Wait.parse("24 hours")).isEqualTo(new Wait(24, Wait.Unit.HOURS));
        assertThat(Wait.parse("2 days")).isEqualTo(new Wait(2, Wait.Unit.DAYS));
        assertThat(Wait.parse("3 Business Days")).isEqualTo(new Wait(3, Wait.Unit.BUSINESS_DAYS));
        assertThat(Wait.parse("1 business day")).isEqualTo(new Wait(1, Wait.Unit.BUSINESS_DAYS));
    }

    @Test
    void rejectsWhatIsNotAWaitNamingTheText() {
        assertThatThrownBy(() -> Wait.parse("soon")).hasMessageContaining("\"soon\"");
        assertThatThrownBy(() -> Wait.parse("3")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Wait.parse("-1 days")).hasMessageContaining("\"-1 days\"");
        assertThatThrownBy(() -> Wait.parse(" ")).hasMessageContaining("got nothing");
    }

    @Test
    void businessDaysSkipTheWeekendAndKeepTheLocalTime() {
        Instant fridayMorning = Instant.parse("2026-03-06T14:00:00Z");
        assertThat(new Wait(1, Wait.Unit.BUSINESS_DAYS).after(fridayMorning, NEW_YORK))
                .isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void calendarDaysKeepTheWallClockAcrossDaylightSavingWhileHoursDoNot() {
        Instant saturdayNineAm = Instant.parse("2026-03-07T14:00:00Z");
        assertThat(new Wait(1, Wait.Unit.DAYS).after(saturdayNineAm, NEW_YORK))
                .isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
        assertThat(new Wait(24, Wait.Unit.HOURS).after(saturdayNineAm, NEW_YORK))
                .isEqualTo(Instant.parse("2026-03-08T14:00:00Z"));
    }
}
