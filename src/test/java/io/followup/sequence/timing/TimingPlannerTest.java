package io.followup.sequence.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimingPlannerTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final SequenceTiming OFFICE_HOURS = new SequenceTiming(SendWindow.DEFAULT, "default", false);
    private static final SequenceTiming NINE_TO_FIVE_EVERY_DAY = new SequenceTiming(new SendWindow(
            EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(17, 0)), "default", false);

    private final TimingPlanner planner = new TimingPlanner(Map.of(), new Random(7));

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }

    @Test
    void aTimeInsideTheWindowStaysWhereItIs() {
        Instant tuesdayMorning = at("2026-03-10T10:15:00-04:00");
        assertThat(planner.sendTime(OFFICE_HOURS, tuesdayMorning, NEW_YORK, false)).isEqualTo(tuesdayMorning);
    }

    @Test
    void aFridayEveningMovesToMondayAtNineLocalTime() {
        Instant fridayEvening = at("2026-03-06T18:00:00-05:00");
        assertThat(local(planner.sendTime(OFFICE_HOURS, fridayEvening, NEW_YORK, false), NEW_YORK))
                .isEqualTo("2026-03-09T09:00-04:00");
    }

    @Test
    void newYorkSpringForwardDayKeepsTheWindowAtNineToFiveLocal() {
        // 2026-03-08 is the spring-forward Sunday; a window open on Sundays opens at 09:00 EDT, not 09:00 EST.
        Instant earlySunday = at("2026-03-08T00:30:00-05:00");
        assertThat(local(planner.sendTime(NINE_TO_FIVE_EVERY_DAY, earlySunday, NEW_YORK, false), NEW_YORK))
                .isEqualTo("2026-03-08T09:00-04:00");
        assertThat(planner.isOpen(NINE_TO_FIVE_EVERY_DAY, at("2026-03-08T16:59:00-04:00"), NEW_YORK)).isTrue();
        assertThat(planner.isOpen(NINE_TO_FIVE_EVERY_DAY, at("2026-03-08T17:00:00-04:00"), NEW_YORK)).isFalse();
    }

    @Test
    void newYorkFallBackDayKeepsTheWindowAtNineToFiveLocal() {
        Instant earlySunday = at("2026-11-01T00:30:00-04:00");
        assertThat(local(planner.sendTime(NINE_TO_FIVE_EVERY_DAY, earlySunday, NEW_YORK, false), NEW_YORK))
                .isEqualTo("2026-11-01T09:00-05:00");
        assertThat(planner.isOpen(NINE_TO_FIVE_EVERY_DAY, at("2026-11-01T17:30:00-04:00"), NEW_YORK))
                .as("16:30 EST is inside").isTrue();
    }

    @Test
    void aStartThatDoesNotExistLocallyOpensRightAfterTheGap() {
        SequenceTiming earlyWindow = new SequenceTiming(new SendWindow(EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(2, 30), LocalTime.of(6, 0)), "default", false);
        Instant saturdayNight = at("2026-03-08T00:10:00-05:00");
        Instant open = planner.sendTime(earlyWindow, saturdayNight, NEW_YORK, false);
        assertThat(local(open, NEW_YORK)).isEqualTo("2026-03-08T03:30-04:00");
        assertThat(planner.isOpen(earlyWindow, open, NEW_YORK)).isTrue();
    }

    @Test
    void calendarDaysKeepTheLocalTimeAcrossBerlinsSpringForward() {
        Instant saturdayTen = at("2026-03-28T10:00:00+01:00");
        Instant end = planner.waitEnd(new Wait(2, Wait.Unit.DAYS), saturdayTen, BERLIN, "default");
        assertThat(local(end, BERLIN)).isEqualTo("2026-03-30T10:00+02:00");
    }

    @Test
    void businessDaysAcrossSydneysAutumnChangeKeepTheLocalTime() {
        // Sydney leaves daylight saving on Sunday 2026-04-05 at 03:00 (+11:00 -> +10:00).
        Instant fridayEleven = at("2026-04-03T11:00:00+11:00");
        Instant due = planner.due(OFFICE_HOURS, new Wait(1, Wait.Unit.BUSINESS_DAYS), fridayEleven, SYDNEY);
        assertThat(local(due, SYDNEY)).isEqualTo("2026-04-06T11:00+10:00");
    }

    @Test
    void businessDaysSkipListedHolidays() {
        BusinessCalendar christmas = new BusinessCalendar("uk", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28)), null);
        TimingPlanner withHolidays = new TimingPlanner(Map.of("uk", christmas), new Random(1));
        SequenceTiming timing = new SequenceTiming(SendWindow.DEFAULT, "uk", false);
        Instant thursday = at("2026-12-24T10:00:00Z");
        Instant due = withHolidays.due(timing, new Wait(2, Wait.Unit.BUSINESS_DAYS), thursday, ZoneId.of("UTC"));
        assertThat(due).isEqualTo(at("2026-12-30T10:00:00Z"));
    }

    @Test
    void theWindowDoesNotOpenOnAHolidayEvenOnAWindowDay() {
        BusinessCalendar newYear = new BusinessCalendar("x", Set.of(), Set.of(LocalDate.of(2027, 1, 1)), null);
        TimingPlanner withHoliday = new TimingPlanner(Map.of("x", newYear), new Random(1));
        SequenceTiming timing = new SequenceTiming(SendWindow.DEFAULT, "x", false);
        Instant thursdayEvening = at("2026-12-31T18:00:00Z");
        assertThat(withHoliday.sendTime(timing, thursdayEvening, ZoneId.of("UTC"), false))
                .isEqualTo(at("2027-01-04T09:00:00Z"));
    }

    @Test
    void countryHolidaysComeFromTheHolidayLibrary() {
        BusinessCalendar germany = new BusinessCalendar("de", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                Set.of(), CountryHolidays.of("DE", null));
        assertThat(germany.isBusinessDay(LocalDate.of(2026, 10, 3))).isFalse();
        assertThat(germany.isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
        assertThat(germany.isHoliday(LocalDate.of(2026, 4, 6))).as("Easter Monday 2026").isTrue();
        assertThat(germany.isBusinessDay(LocalDate.of(2026, 4, 7))).isTrue();
        BusinessCalendar bavaria = new BusinessCalendar("by", Set.of(), Set.of(), CountryHolidays.of("de", "by"));
        assertThat(bavaria.isHoliday(LocalDate.of(2026, 1, 6))).as("Epiphany in Bavaria").isTrue();
        assertThat(germany.isHoliday(LocalDate.of(2026, 1, 6))).as("not nationwide").isFalse();
    }

    @Test
    void aHolidayMovedOffAWeekendCountsOnItsObservedDay() {
        CountryHolidays england = CountryHolidays.of("GB", "eng");
        assertThat(england.isHoliday(LocalDate.of(2026, 12, 28))).as("Boxing Day 2026 is a Saturday").isTrue();
        CountryHolidays unitedStates = CountryHolidays.of("US", null);
        assertThat(unitedStates.isHoliday(LocalDate.of(2026, 7, 3))).as("July 4th 2026 is a Saturday").isTrue();
        assertThat(unitedStates.isHoliday(LocalDate.of(2026, 7, 2))).isFalse();
    }

    @Test
    void anUnknownCountryIsRefused() {
        assertThatThrownBy(() -> CountryHolidays.of("QQ", null)).isInstanceOf(TimingException.class)
                .hasMessage("no holiday calendar for country \"QQ\"");
        assertThatThrownBy(() -> CountryHolidays.of("DE", "zz")).isInstanceOf(TimingException.class)
                .hasMessage("no holiday calendar for region \"zz\" of country \"DE\"");
    }

    @Test
    void jitterStaysInsideTheWindowAndVaries() {
        SequenceTiming jittered = new SequenceTiming(SendWindow.DEFAULT, "default", true);
        Instant sundayNight = at("2026-03-08T22:00:00-04:00");
        Instant opening = at("2026-03-09T09:00:00-04:00");
        List<Instant> times = new Random(3).ints(50).mapToObj(seed -> new TimingPlanner(Map.of(), new Random(seed))
                .sendTime(jittered, sundayNight, NEW_YORK, true)).toList();
        assertThat(times).allSatisfy(time -> assertThat(time).isAfterOrEqualTo(opening)
                .isBefore(opening.plus(TimingPlanner.MAX_JITTER)));
        assertThat(times.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void jitterNearTheWindowsEndNeverPassesIt() {
        SequenceTiming jittered = new SequenceTiming(SendWindow.DEFAULT, "default", true);
        Instant lateAfternoon = at("2026-03-10T16:55:00-04:00");
        for (int seed = 0; seed < 200; seed++) {
            Instant time = new TimingPlanner(Map.of(), new Random(seed)).sendTime(jittered, lateAfternoon, NEW_YORK,
                    true);
            assertThat(time).isBefore(at("2026-03-10T17:00:00-04:00")).isAfterOrEqualTo(lateAfternoon);
        }
    }

    @Test
    void aWindowThatNeverOpensIsAnErrorNotALoop() {
        BusinessCalendar weekdaysOff = new BusinessCalendar("odd", Set.of(), Set.of(), date ->
                date.getDayOfWeek().getValue() <= 5);
        TimingPlanner odd = new TimingPlanner(Map.of("odd", weekdaysOff), new Random(1));
        SequenceTiming timing = new SequenceTiming(SendWindow.DEFAULT, "odd", false);
        assertThatThrownBy(() -> odd.sendTime(timing, at("2026-03-10T10:00:00Z"), ZoneId.of("UTC"), false))
                .isInstanceOf(TimingException.class).hasMessageContaining("does not open within");
    }

    @Test
    void everyPlannedInstantIsInsideTheWindowInLocalTime() {
        Random random = new Random(20260308);
        List<ZoneId> zones = List.of(NEW_YORK, BERLIN, SYDNEY, ZoneId.of("America/Santiago"),
                ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"), ZoneId.of("America/Havana"),
                ZoneId.of("Europe/London"), ZoneId.of("UTC"), ZoneId.of("Pacific/Apia"));
        List<SendWindow> windows = List.of(SendWindow.DEFAULT,
                new SendWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(0, 0),
                        LocalTime.of(3, 0)),
                new SendWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(1, 30), LocalTime.of(2, 45)),
                new SendWindow(EnumSet.of(DayOfWeek.WEDNESDAY), LocalTime.of(22, 0), LocalTime.MIDNIGHT));
        List<Wait> waits = List.of(Wait.NONE, new Wait(3, Wait.Unit.BUSINESS_DAYS), new Wait(2, Wait.Unit.DAYS),
                new Wait(5, Wait.Unit.HOURS), new Wait(45, Wait.Unit.MINUTES));
        BusinessCalendar holidays = new BusinessCalendar("h", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                Set.of(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 4, 6)), null);
        Instant from = at("2026-01-01T00:00:00Z");
        long range = at("2027-12-31T00:00:00Z").getEpochSecond() - from.getEpochSecond();
        TimingPlanner randomPlanner = new TimingPlanner(Map.of("h", holidays), new Random(11));
        for (int i = 0; i < 20_000; i++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            SendWindow window = windows.get(random.nextInt(windows.size()));
            SequenceTiming timing = new SequenceTiming(window, random.nextBoolean() ? "h" : "default",
                    random.nextBoolean());
            Instant start = from.plusSeconds((long) (random.nextDouble() * range));
            Instant due = randomPlanner.due(timing, waits.get(random.nextInt(waits.size())), start, zone);
            ZonedDateTime local = due.atZone(zone);
            assertThat(window.contains(local.toLocalDateTime()))
                    .as("%s in %s (window %s) from %s", local, zone, window, start).isTrue();
            assertThat(randomPlanner.calendar(timing.calendar()).isHoliday(local.toLocalDate())).isFalse();
            assertThat(due).isAfterOrEqualTo(start);
        }
    }
}
