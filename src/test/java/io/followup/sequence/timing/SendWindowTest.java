package io.followup.sequence.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    @Test
    void printsAsWrittenInASequenceFileAndReadsBackTheSame() {
        assertThat(SendWindow.DEFAULT).hasToString("mon-fri 09:00-17:00");
        assertThat(SendWindow.ALWAYS).hasToString("mon-sun 00:00-24:00");
        SendWindow some = new SendWindow(SendWindow.parseDays("mon,wed,thu,sun"), LocalTime.of(10, 30),
                LocalTime.MIDNIGHT);
        assertThat(some).hasToString("mon,wed,thu,sun 10:30-24:00");
        assertThat(SendWindow.parseDays(some.toString().split(" ")[0])).isEqualTo(some.days());
        assertThat(new SendWindow(SendWindow.parseDays("sun-tue"), LocalTime.of(8, 0), LocalTime.of(12, 0)))
                .hasToString("mon,tue,sun 08:00-12:00");
    }

    @Test
    void dayRangesListsAndRangesThatWrapOverSundayAreRead() {
        assertThat(SendWindow.parseDays("mon-fri")).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(SendWindow.parseDays("Mon, wed,FRI")).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.FRIDAY);
        assertThat(SendWindow.parseDays("sat-mon")).containsExactly(DayOfWeek.MONDAY, DayOfWeek.SATURDAY,
                DayOfWeek.SUNDAY);
        assertThat(SendWindow.parseDays("tuesday")).containsExactly(DayOfWeek.TUESDAY);
    }

    @Test
    void unknownDaysAreRefused() {
        for (String text : new String[] {"mon-", "monk", "tues", "", "mon-fri-sun", "1-5", "mon,"}) {
            assertThatThrownBy(() -> SendWindow.parseDays(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expected days such as");
        }
    }

    @Test
    void twentyFourHundredIsTheEndOfTheDayOnlyForAnEnd() {
        assertThat(SendWindow.parseTime("24:00", true)).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(SendWindow.parseTime("9:30", false)).isEqualTo(LocalTime.of(9, 30));
        assertThatThrownBy(() -> SendWindow.parseTime("24:00", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendWindow.parseTime("12:60", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendWindow.parseTime("noon", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStartIsInsideAndTheEndIsOutside() {
        SendWindow window = SendWindow.DEFAULT;
        assertThat(window.contains(LocalDateTime.of(2026, 3, 9, 9, 0))).isTrue();
        assertThat(window.contains(LocalDateTime.of(2026, 3, 9, 8, 59, 59))).isFalse();
        assertThat(window.contains(LocalDateTime.of(2026, 3, 9, 16, 59, 59))).isTrue();
        assertThat(window.contains(LocalDateTime.of(2026, 3, 9, 17, 0))).isFalse();
        assertThat(window.contains(LocalDateTime.of(2026, 3, 8, 12, 0))).as("Sunday").isFalse();
    }

    @Test
    void aWindowToMidnightIncludesTheLastMinuteOfTheDay() {
        SendWindow evening = new SendWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(20, 0), LocalTime.MIDNIGHT);
        assertThat(evening.contains(LocalDateTime.of(2026, 3, 9, 23, 59))).isTrue();
        assertThat(evening.contains(LocalDateTime.of(2026, 3, 10, 0, 0))).isFalse();
    }

    @Test
    void anEmptyOrBackwardWindowIsRefused() {
        assertThatThrownBy(() -> new SendWindow(EnumSet.noneOf(DayOfWeek.class), LocalTime.NOON,
                LocalTime.MIDNIGHT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
