package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.timing.BusinessCalendar;
import io.followup.sequence.timing.SendWindow;
import io.followup.sequence.timing.SequenceTiming;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CalendarConfigTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture().templates("s/one");

    private ConfigFixture sequence(String timingLines) {
        return fixture.write("config/sequences/s.yaml", "name: s\n" + timingLines
                + "steps:\n  - template: s/one\n    wait: 0\n");
    }

    private void assertFails(String config, String message) {
        fixture.config(config);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void calendarsAreReadWithWeekendListedHolidaysAndCountry() {
        fixture.config(VALID + """
                calendars:
                  default:
                    weekend: [sat, sun]
                    holidays: [2026-12-24, 2026-12-31]
                  middle-east:
                    weekend: [fri, sat]
                  bavaria:
                    country: DE
                    region: by
                """);
        AppConfig config = fixture.load();
        BusinessCalendar standard = config.calendars().get("default");
        assertThat(standard.isBusinessDay(LocalDate.of(2026, 12, 24))).isFalse();
        assertThat(standard.isBusinessDay(LocalDate.of(2026, 12, 23))).isTrue();
        assertThat(config.calendars().get("middle-east").isBusinessDay(LocalDate.of(2026, 11, 22))).as("Sunday")
                .isTrue();
        assertThat(config.calendars().get("bavaria").isBusinessDay(LocalDate.of(2026, 1, 6))).isFalse();
    }

    @Test
    void withoutCalendarsTheDefaultCalendarHasWeekendsOff() {
        fixture.config(VALID);
        BusinessCalendar standard = fixture.load().calendars().get("default");
        assertThat(standard.isBusinessDay(LocalDate.of(2026, 11, 21))).isFalse();
        assertThat(standard.isBusinessDay(LocalDate.of(2026, 12, 25))).isTrue();
    }

    @Test
    void aSequenceWithoutTimingKeysGetsOfficeHoursAndJitter() {
        sequence("");
        fixture.config(VALID);
        assertThat(fixture.sequence("s").map(SequenceDefinition::timing)).contains(SequenceTiming.DEFAULT);
    }

    @Test
    void aSequenceReadsItsSendWindowCalendarAndJitter() {
        sequence("""
                send_window: {days: "sun-thu", start: "08:30", end: "24:00"}
                calendar: middle-east
                jitter: false
                """);
        fixture.config(VALID + "calendars:\n  middle-east:\n    weekend: [fri, sat]\n");
        SequenceTiming timing = fixture.sequence("s").orElseThrow().timing();
        assertThat(timing).isEqualTo(new SequenceTiming(new SendWindow(EnumSet.of(DayOfWeek.SUNDAY,
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                LocalTime.of(8, 30), LocalTime.MIDNIGHT), "middle-east", false));
    }

    @Test
    void unquotedTimesAreReadAsTimes() {
        sequence("send_window:\n  start: 09:15\n  end: 16:45\n");
        fixture.config(VALID);
        SendWindow window = fixture.sequence("s").orElseThrow().timing().window();
        assertThat(window.start()).isEqualTo(LocalTime.of(9, 15));
        assertThat(window.end()).isEqualTo(LocalTime.of(16, 45));
    }

    @Test
    void anUnknownCalendarInASequenceNamesTheConfiguredOnes() {
        sequence("calendar: us\n");
        assertFails(VALID, "config/sequences/s.yaml:2: calendar: expected one of the configured calendars"
                + " (default), got \"us\"");
    }

    @Test
    void aBadSendWindowDayIsAnError() {
        sequence("send_window:\n  days: monday-fry\n");
        assertFails(VALID, "config/sequences/s.yaml:3: send_window.days: expected days such as mon-fri or"
                + " mon,wed,fri, got \"monday-fry\"");
    }

    @Test
    void aSendWindowEndingBeforeItStartsIsAnError() {
        sequence("send_window:\n  start: \"17:00\"\n  end: \"09:00\"\n");
        assertFails(VALID, "config/sequences/s.yaml:2: send_window: the window must start before it ends:"
                + " 17:00-09:00");
    }

    @Test
    void aTimeOutOfRangeIsAnError() {
        sequence("send_window:\n  start: \"25:00\"\n");
        assertFails(VALID, "config/sequences/s.yaml:3: send_window.start: expected a time such as \"09:00\","
                + " got \"25:00\"");
    }

    @Test
    void anUnknownSendWindowKeyIsAnError() {
        sequence("send_window:\n  from: \"09:00\"\n");
        assertFails(VALID, "config/sequences/s.yaml:3: send_window.from: unknown key; expected one of days, start,"
                + " end");
    }

    @Test
    void aHolidayThatIsNotADateIsAnError() {
        assertFails(VALID + "calendars:\n  default:\n    holidays: [2026-12-25, christmas]\n",
                "config/followup.yaml:22: calendars.default.holidays[1]: expected a date such as 2026-12-25,"
                        + " got \"christmas\"");
    }

    @Test
    void anUnknownCountryIsAnError() {
        assertFails(VALID + "calendars:\n  default:\n    country: XX\n",
                "config/followup.yaml:22: calendars.default.country: no holiday calendar for country \"XX\"");
    }

    @Test
    void aWeekOfWeekendDaysIsAnError() {
        assertFails(VALID + "calendars:\n  default:\n    weekend: [mon, tue, wed, thu, fri, sat, sun]\n",
                "config/followup.yaml:22: calendars.default.weekend: a calendar needs at least one working day"
                        + " in the week");
    }

    @Test
    void anUnknownCalendarKeyIsAnError() {
        assertFails(VALID + "calendars:\n  default:\n    holiday: [2026-12-25]\n",
                "config/followup.yaml:22: calendars.default.holiday: unknown key; expected one of weekend,"
                        + " holidays, country, region");
    }
}
