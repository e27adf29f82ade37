package io.followup.sequence.timing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which days are working days: every day except the weekend days, the listed holidays and, when a country is
 * configured, its public holidays. Business-day waits count only working days; send windows skip holidays.
 * Immutable and thread-safe.
 */
public final class BusinessCalendar {

    /** The calendar sequences use when they name none; present even when not configured. */
    public static final String DEFAULT_NAME = "default";

    private final String name;
    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;
    private final HolidaySource country;

    /**
     * @param weekend  days that are never working days (may be empty, not all seven)
     * @param holidays dates that are not working days
     * @param country  more holidays (e.g. {@link CountryHolidays}), or null
     */
    public BusinessCalendar(String name, Set<DayOfWeek> weekend, Set<LocalDate> holidays, HolidaySource country) {
        this.name = Objects.requireNonNull(name, "name");
        this.weekend = weekend.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(weekend));
        if (this.weekend.size() == DayOfWeek.values().length) {
            throw new IllegalArgumentException("a calendar needs at least one working day in the week");
        }
        this.holidays = Set.copyOf(holidays);
        this.country = country;
    }

    /** Saturdays and Sundays off, no holidays. */
    public static BusinessCalendar weekendsOnly(String name) {
        return new BusinessCalendar(name, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), null);
    }

    public String name() {
        return name;
    }

    /** Whether {@code date} is a listed or country holiday (whatever day of the week it is). */
    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date) || (country != null && country.isHoliday(date));
    }

    /** Whether {@code date} is neither a weekend day nor a holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return !weekend.contains(date.getDayOfWeek()) && !isHoliday(date);
    }

    /** The date {@code days} working days after {@code date} (the start date itself is not counted). */
    public LocalDate plusBusinessDays(LocalDate date, long days) {
        LocalDate current = date;
        long left = days;
        int guard = 0;
        while (left > 0) {
            current = current.plusDays(1);
            if (isBusinessDay(current)) {
                left--;
                guard = 0;
            } else if (++guard > 366) {
                throw new TimingException("calendar " + name + " has no working day in a year after " + current);
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return "calendar " + name + " (weekend " + weekend + ", " + holidays.size() + " listed holidays"
                + (country == null ? "" : ", country " + country) + ")";
    }
}
