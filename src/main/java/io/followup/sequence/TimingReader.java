package io.followup.sequence;

import io.followup.config.Node;
import io.followup.sequence.timing.BusinessCalendar;
import io.followup.sequence.timing.SendWindow;
import io.followup.sequence.timing.SequenceTiming;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * Reads a sequence file's timing keys: {@code send_window: {days: mon-fri, start: "09:00", end: "17:00"}},
 * {@code calendar: default} and {@code jitter: true}, each defaulting to {@link SequenceTiming#DEFAULT}.
 * Stateless and thread-safe.
 */
final class TimingReader {

    private final Set<String> calendarNames;

    TimingReader(Set<String> calendarNames) {
        this.calendarNames = calendarNames;
    }

    SequenceTiming timing(Node root) {
        SendWindow window = root.get("send_window").map(TimingReader::window).orElse(SendWindow.DEFAULT);
        String calendar = root.get("calendar").map(this::calendar).orElse(BusinessCalendar.DEFAULT_NAME);
        boolean jitter = root.get("jitter").map(Node::bool).orElse(SequenceTiming.DEFAULT.jitter());
        return new SequenceTiming(window, calendar, jitter);
    }

    private String calendar(Node node) {
        String name = node.nonBlank("a calendar name");
        if (!calendarNames.contains(name)) {
            throw node.expected("one of the configured calendars (" + String.join(", ", calendarNames) + ")");
        }
        return name;
    }

    private static SendWindow window(Node node) {
        node.mapping("a send window (days, start, end)", "days", "start", "end");
        Set<DayOfWeek> days = node.get("days").map(TimingReader::days).orElse(SendWindow.DEFAULT.days());
        LocalTime start = node.get("start").map(value -> time(value, false)).orElse(SendWindow.DEFAULT.start());
        LocalTime end = node.get("end").map(value -> time(value, true)).orElse(SendWindow.DEFAULT.end());
        try {
            return new SendWindow(days, start, end);
        } catch (IllegalArgumentException invalid) {
            throw node.fail(invalid.getMessage());
        }
    }

    private static Set<DayOfWeek> days(Node node) {
        String text = node.nonBlank("days such as mon-fri");
        try {
            return SendWindow.parseDays(text);
        } catch (IllegalArgumentException invalid) {
            throw node.expected("days such as mon-fri or mon,wed,fri");
        }
    }

    private static LocalTime time(Node node, boolean endOfDay) {
        String expectation = "a time such as \"09:00\"" + (endOfDay ? " (or \"24:00\")" : "");
        String text = node.nonBlank(expectation);
        try {
            return SendWindow.parseTime(text, endOfDay);
        } catch (IllegalArgumentException invalid) {
            throw node.expected(expectation);
        }
    }
}
