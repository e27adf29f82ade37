package io.followup.demo;

import io.followup.contact.ContactStory;
import io.followup.store.EventKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Prints the demo's progress: each event of the event log as one line, in simulated time. Polls the log from
 * its own thread; {@link #flush()} prints what is left.
 */
final class Narrator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ENGLISH);
    private static final Map<EventKind, String> SHOWN = Map.ofEntries(
            Map.entry(EventKind.ENROLLED, "enrolled"), Map.entry(EventKind.SENT, "sent"),
            Map.entry(EventKind.REPLY, "REPLY"), Map.entry(EventKind.STOPPED, "stopped"),
            Map.entry(EventKind.PAUSED, "paused"), Map.entry(EventKind.RESUMED, "resumed"),
            Map.entry(EventKind.BOUNCE, "BOUNCE"), Map.entry(EventKind.SOFT_BOUNCE, "soft bounce"),
            Map.entry(EventKind.SOFT_BOUNCE_EXHAUSTED, "SOFT BOUNCE"), Map.entry(EventKind.DRAFT_HELD, "HELD"),
            Map.entry(EventKind.COMPLETED, "completed"), Map.entry(EventKind.AUTO_REPLY, "auto-reply"),
            Map.entry(EventKind.SEND_FAILED, "send failed"), Map.entry(EventKind.COMPLAINT, "complaint"),
            Map.entry(EventKind.IN_DOUBT, "in doubt"), Map.entry(EventKind.ESCALATED, "ESCALATED"),
            Map.entry(EventKind.CHECK_IN_DRAFTED, "check-in"), Map.entry(EventKind.THANK_YOU_DRAFTED, "thank-you"),
            Map.entry(EventKind.INTRODUCER_ACKNOWLEDGEMENT_DRAFTED, "intro acknowledged"),
            Map.entry(EventKind.INTRODUCER_CONNECTED_DRAFTED, "intro connected"),
            Map.entry(EventKind.DIGEST_SENT, "DIGEST"), Map.entry(EventKind.TASK_CREATED, "TASK"),
            Map.entry(EventKind.TASK_DONE, "task done"), Map.entry(EventKind.TASK_CLOSED, "task closed"),
            Map.entry(EventKind.TASK_STEP_RELEASED, "continues"));

    private final Jdbi jdbi;
    private final PrintWriter out;
    private final ZoneId zone;
    private final PollingLoop loop = new PollingLoop("demo-narrator", Duration.ofMillis(150), this::flush);
    private long lastId;

    Narrator(Jdbi jdbi, PrintWriter out, ZoneId zone) {
        this.jdbi = jdbi;
        this.out = out;
        this.zone = zone;
    }

    void start() {
        loop.start();
    }

    void stop() throws InterruptedException {
        loop.stop(Duration.ofSeconds(2));
        flush();
    }

    synchronized void flush() {
        List<ContactStory.EventOfContact> rows = jdbi.withHandle(handle -> ContactStory.eventsAfter(handle, lastId));
        for (ContactStory.EventOfContact row : rows) {
            lastId = row.event().id();
            String label = EventKind.find(row.event().event()).map(SHOWN::get).orElse(null);
            if (label == null) {
                continue;
            }
            String email = row.contactEmail();
            String detail = row.event().detail();
            out.printf("  %s  %-11s %-28s %s%n", TIME.format(row.event().at().atZone(zone)), label,
                    email == null ? "" : email, detail == null ? "" : shorten(detail));
        }
        out.flush();
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 90 ? line : line.substring(0, 89) + "…";
    }
}
