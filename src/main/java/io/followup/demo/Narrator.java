package io.followup.demo;

import java.io.PrintWriter;
import java.time.Instant;
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
    private static final Map<String, String> SHOWN = Map.ofEntries(
            Map.entry("enrolled", "enrolled"), Map.entry("sent", "sent"), Map.entry("reply", "REPLY"),
            Map.entry("stopped", "stopped"), Map.entry("paused", "paused"), Map.entry("resumed", "resumed"),
            Map.entry("bounce", "BOUNCE"), Map.entry("soft_bounce", "soft bounce"),
            Map.entry("draft_held", "HELD"), Map.entry("completed", "completed"),
            Map.entry("auto_reply", "auto-reply"), Map.entry("send_failed", "send failed"),
            Map.entry("complaint", "complaint"), Map.entry("in_doubt", "in doubt"),
            Map.entry("escalated", "ESCALATED"), Map.entry("check_in_drafted", "check-in"),
            Map.entry("thank_you_drafted", "thank-you"),
            Map.entry("introducer_acknowledgement_drafted", "intro acknowledged"),
            Map.entry("introducer_connected_drafted", "intro connected"), Map.entry("digest_sent", "DIGEST"),
            Map.entry("task_created", "TASK"), Map.entry("task_done", "task done"),
            Map.entry("task_closed", "task closed"), Map.entry("task_step_released", "continues"));

    private final Jdbi jdbi;
    private final PrintWriter out;
    private final ZoneId zone;
    private long lastId;
    private volatile boolean running;
    private Thread thread;

    Narrator(Jdbi jdbi, PrintWriter out, ZoneId zone) {
        this.jdbi = jdbi;
        this.out = out;
        this.zone = zone;
    }

    void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                flush();
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "demo-narrator");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2_000);
        }
        flush();
    }

    synchronized void flush() {
        List<Map<String, Object>> rows = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT e.id, e.at, e.event, e.detail, c.email
                FROM event_log e
                LEFT JOIN enrollment n ON n.id = e.enrollment_id
                LEFT JOIN contact c ON c.id = COALESCE(e.contact_id, n.contact_id)
                WHERE e.id > :last ORDER BY e.id""").bind("last", lastId).mapToMap().list());
        for (Map<String, Object> row : rows) {
            lastId = ((Number) row.get("id")).longValue();
            String label = SHOWN.get(String.valueOf(row.get("event")));
            if (label == null) {
                continue;
            }
            Instant at = Instant.ofEpochMilli(((Number) row.get("at")).longValue());
            Object email = row.get("email");
            Object detail = row.get("detail");
            out.printf("  %s  %-11s %-28s %s%n", TIME.format(at.atZone(zone)), label, email == null ? "" : email,
                    detail == null ? "" : shorten(String.valueOf(detail)));
        }
        out.flush();
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 90 ? line : line.substring(0, 89) + "…";
    }
}
