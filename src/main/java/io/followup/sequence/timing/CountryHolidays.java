package io.followup.sequence.timing;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public holidays (not bank holidays or observances) of a country (optionally one of its regions, e.g. {@code de} + {@code by} for Bavaria),
 * from the jollyday holiday library. A holiday counts on its date and, when it is moved (a substitute Monday for a
 * holiday on a weekend), on its observed date too. Each year's holidays are computed once and cached. Thread-safe.
 */
public final class CountryHolidays implements HolidaySource {

    private final String country;
    private final String[] region;
    private final HolidayManager manager;
    private final ConcurrentMap<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private CountryHolidays(String country, String[] region, HolidayManager manager) {
        this.country = country;
        this.region = region;
        this.manager = manager;
    }

    /**
     * The holidays of {@code country} (ISO 3166 code such as {@code DE}, {@code US}), and of {@code region} within
     * it when not null (jollyday's subdivision code, such as {@code by} or {@code ny}).
     *
     * @throws TimingException when the library knows no such country or region
     */
    public static CountryHolidays of(String country, String region) {
        String code = country.strip().toLowerCase(Locale.ROOT);
        HolidayManager manager;
        try {
            manager = HolidayManager.getInstance(ManagerParameters.create(code));
        } catch (RuntimeException unknown) {
            throw new TimingException("no holiday calendar for country \"" + country + "\"");
        }
        String[] subdivision = region == null ? new String[0]
                : region.strip().toLowerCase(Locale.ROOT).split("[-/]");
        if (region != null && !knowsRegion(manager, subdivision)) {
            throw new TimingException("no holiday calendar for region \"" + region + "\" of country \""
                    + country + "\"");
        }
        return new CountryHolidays(code, subdivision, manager);
    }

    private static boolean knowsRegion(HolidayManager manager, String[] subdivision) {
        var hierarchy = manager.getCalendarHierarchy();
        for (String part : subdivision) {
            hierarchy = hierarchy.getChildren().get(part);
            if (hierarchy == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return byYear.computeIfAbsent(date.getYear(), year -> manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, region).stream()
                .flatMap(holiday -> Stream.concat(Stream.of(holiday.getDate()), holiday.getObservedDate().stream()))
                .collect(Collectors.toUnmodifiableSet())).contains(date);
    }

    @Override
    public String toString() {
        return region.length == 0 ? country : country + "-" + String.join("-", region);
    }
}
