package io.followup.sequence.timing;

import java.time.LocalDate;

/** Days off that come from somewhere other than the configured list, such as a country's public holidays. */
@FunctionalInterface
public interface HolidaySource {

    /** Whether {@code date} is a holiday. Implementations must be thread-safe. */
    boolean isHoliday(LocalDate date);
}
