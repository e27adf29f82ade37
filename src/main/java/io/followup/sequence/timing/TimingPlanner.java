package io.followup.sequence.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Plans when steps go out: a wait counted in the sequence's business calendar, then moved into the next open send
 * window in the recipient's time zone, with optional random jitter inside the window. Every planned time is inside
 * the window in local time (checked, not assumed: a jittered time outside it falls back to the window's start).
 * Thread-safe when its random generator is (as {@link java.util.Random} is).
 */
public final class TimingPlanner {

    /** The most a send time is moved by jitter. */
    public static final Duration MAX_JITTER = Duration.ofHours(1);
    /** How far ahead a window opening is looked for before giving up. */
    static final int SEARCH_DAYS = 800;

    private final Map<String, BusinessCalendar> calendars;
    private final RandomGenerator random;

    /**
     * @param calendars the configured calendars by name; {@code default} (weekends only) is added when absent
     * @param random    the source of jitter (seed it in tests)
     */
    public TimingPlanner(Map<String, BusinessCalendar> calendars, RandomGenerator random) {
        Map<String, BusinessCalendar> all = new HashMap<>(calendars);
        all.putIfAbsent(BusinessCalendar.DEFAULT_NAME, BusinessCalendar.weekendsOnly(BusinessCalendar.DEFAULT_NAME));
        this.calendars = Map.copyOf(all);
        this.random = random;
    }

    /** Weekends-only default calendar, unseeded jitter. */
    public static TimingPlanner withDefaults() {
        return new TimingPlanner(Map.of(), new java.util.Random());
    }

    /** The calendar called {@code name}; the default calendar when it is not configured. */
    public BusinessCalendar calendar(String name) {
        BusinessCalendar calendar = calendars.get(name);
        return calendar != null ? calendar : calendars.get(BusinessCalendar.DEFAULT_NAME);
    }

    /**
     * When {@code wait} ends if it starts at {@code from}: like {@link Wait#after}, except that business days are
     * the working days of the named calendar (weekends and holidays skipped), keeping the local wall-clock time.
     */
    public Instant waitEnd(Wait wait, Instant from, ZoneId zone, String calendarName) {
        if (wait.unit() != Wait.Unit.BUSINESS_DAYS) {
            return wait.after(from, zone);
        }
        ZonedDateTime start = from.atZone(zone);
        LocalDate day = calendar(calendarName).plusBusinessDays(start.toLocalDate(), wait.amount());
        return ZonedDateTime.ofLocal(day.atTime(start.toLocalTime()), zone, start.getOffset()).toInstant();
    }

    /** Whether {@code at} is inside the window in local time of {@code zone}, on a day that is not a holiday. */
    public boolean isOpen(SequenceTiming timing, Instant at, ZoneId zone) {
        var local = at.atZone(zone).toLocalDateTime();
        return timing.window().contains(local) && !calendar(timing.calendar()).isHoliday(local.toLocalDate());
    }

    /**
     * The earliest instant at or after {@code from} inside the window: {@code from} itself when the window is open,
     * else the next opening.
     *
     * @throws TimingException when the window does not open within about two years
     */
    public Instant nextOpen(SequenceTiming timing, Instant from, ZoneId zone) {
        if (isOpen(timing, from, zone)) {
            return from;
        }
        BusinessCalendar calendar = calendar(timing.calendar());
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!timing.window().days().contains(day.getDayOfWeek()) || calendar.isHoliday(day)) {
                continue;
            }
            Instant opening = timing.window().opening(day, zone);
            if (opening.isAfter(from) && isOpen(timing, opening, zone)) {
                return opening;
            }
        }
        throw new TimingException("the send window " + timing.window() + " does not open within " + SEARCH_DAYS
                + " days after " + from + " in " + zone + " (" + calendar + ")");
    }

    /**
     * Whether {@code at} is inside the window stretched by {@code edge} at both ends (within the same local day), on
     * a day of the window that is not a holiday: where a first message may go to keep its 24-hour promise.
     */
    public boolean isOpenStretched(SequenceTiming timing, Instant at, ZoneId zone, Duration edge) {
        LocalDate day = at.atZone(zone).toLocalDate();
        if (!timing.window().days().contains(day.getDayOfWeek()) || calendar(timing.calendar()).isHoliday(day)) {
            return false;
        }
        return !at.isBefore(stretchedOpening(timing, day, zone, edge))
                && at.isBefore(stretchedClosing(timing, day, zone, edge));
    }

    /**
     * The earliest instant at or after {@code from} inside the stretched window ({@link #isOpenStretched}); null when
     * it does not open within a week.
     */
    public Instant nextOpenStretched(SequenceTiming timing, Instant from, ZoneId zone, Duration edge) {
        if (isOpenStretched(timing, from, zone, edge)) {
            return from;
        }
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < 8; i++, day = day.plusDays(1)) {
            Instant opening = stretchedOpening(timing, day, zone, edge);
            if (opening.isAfter(from) && isOpenStretched(timing, opening, zone, edge)) {
                return opening;
            }
        }
        return null;
    }

    private static Instant stretchedOpening(SequenceTiming timing, LocalDate day, ZoneId zone, Duration edge) {
        Instant opening = timing.window().opening(day, zone).minus(edge);
        Instant midnight = day.atStartOfDay(zone).toInstant();
        return opening.isBefore(midnight) ? midnight : opening;
    }

    private static Instant stretchedClosing(SequenceTiming timing, LocalDate day, ZoneId zone, Duration edge) {
        Instant closing = timing.window().closing(day, zone).plus(edge);
        Instant nextMidnight = day.plusDays(1).atStartOfDay(zone).toInstant();
        return closing.isAfter(nextMidnight) ? nextMidnight : closing;
    }

    /**
     * The send time for something allowed from {@code from}: the next open time, then (when {@code jitter}) a
     * random delay of up to {@link #MAX_JITTER}, never past the window's end that day. Truncated to seconds.
     */
    public Instant sendTime(SequenceTiming timing, Instant from, ZoneId zone, boolean jitter) {
        Instant open = nextOpen(timing, from, zone);
        if (!jitter) {
            return open;
        }
        Instant closing = timing.window().closing(open.atZone(zone).toLocalDate(), zone);
        long spanSeconds = Math.min(MAX_JITTER.toSeconds(), Duration.between(open, closing).toSeconds());
        if (spanSeconds <= 1) {
            return open;
        }
        Instant jittered = open.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1 + random.nextLong(spanSeconds - 1));
        return isOpen(timing, jittered, zone) ? jittered : open;
    }

    /** When a step waiting {@code wait} from {@code from} falls due: wait end, then {@link #sendTime}. */
    public Instant due(SequenceTiming timing, Wait wait, Instant from, ZoneId zone) {
        return sendTime(timing, waitEnd(wait, from, zone, timing.calendar()), zone, timing.jitter());
    }
}
