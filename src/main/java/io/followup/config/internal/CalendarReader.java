package io.followup.config.internal;

import io.followup.config.Node;
import io.followup.sequence.timing.BusinessCalendar;
import io.followup.sequence.timing.CountryHolidays;
import io.followup.sequence.timing.SendWindow;
import io.followup.sequence.timing.TimingException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code calendars} section: per name, {@code weekend} days, listed {@code holidays} and an
 * optional {@code country} (with {@code region}) whose public holidays count too. A {@code default} calendar
 * (Saturday and Sunday off) exists even when not configured. Stateless and thread-safe.
 */
public final class CalendarReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final String DAYS = "a list of days such as [sat, sun]";

    /** The calendars of {@code root}, including {@code default}. */
    public Map<String, BusinessCalendar> calendars(Node root) {
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        root.get("calendars").ifPresent(section -> {
            if (!section.isMapping()) {
                throw section.expected("a mapping of calendar names to calendars");
            }
            for (String name : section.keys()) {
                Node node = section.require(name, "a calendar (weekend, holidays, country, region)");
                if (!NAME.matcher(name).matches()) {
                    throw node.fail("a calendar name is lower case letters, digits, - and _");
                }
                calendars.put(name, calendar(name, node));
            }
        });
        calendars.putIfAbsent(BusinessCalendar.DEFAULT_NAME,
                BusinessCalendar.weekendsOnly(BusinessCalendar.DEFAULT_NAME));
        return calendars;
    }

    private static BusinessCalendar calendar(String name, Node node) {
        node.mapping("a calendar (weekend, holidays, country, region)", "weekend", "holidays", "country", "region");
        Set<DayOfWeek> weekend = node.get("weekend").map(CalendarReader::weekend)
                .orElse(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        Set<LocalDate> holidays = new LinkedHashSet<>();
        node.get("holidays").ifPresent(list -> list.items("a list of dates such as [2026-12-25, 2026-12-26]")
                .forEach(item -> holidays.add(date(item))));
        CountryHolidays country = null;
        if (node.get("country").isPresent()) {
            Node countryNode = node.get("country").get();
            String code = countryNode.nonBlank("a country code such as DE or US");
            String region = node.get("region").map(regionNode -> regionNode.nonBlank("a region code such as by"))
                    .orElse(null);
            try {
                country = CountryHolidays.of(code, region);
            } catch (TimingException unknown) {
                throw (region == null ? countryNode : node.get("region").get()).fail(unknown.getMessage());
            }
        } else if (node.get("region").isPresent()) {
            throw node.get("region").get().fail("a region needs a country");
        }
        return new BusinessCalendar(name, weekend, holidays, country);
    }

    private static Set<DayOfWeek> weekend(Node node) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Node item : node.items(DAYS)) {
            try {
                days.add(SendWindow.day(item.nonBlank("a day such as sat"), item.text("a day such as sat")));
            } catch (IllegalArgumentException invalid) {
                throw item.expected("a day such as sat or sun");
            }
        }
        if (days.size() == DayOfWeek.values().length) {
            throw node.fail("a calendar needs at least one working day in the week");
        }
        return days;
    }

    private static LocalDate date(Node node) {
        try {
            return LocalDate.parse(node.nonBlank("a date such as 2026-12-25"));
        } catch (DateTimeParseException invalid) {
            throw node.expected("a date such as 2026-12-25");
        }
    }
}
