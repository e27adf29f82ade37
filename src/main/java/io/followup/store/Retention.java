package io.followup.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping chore: enforces {@code retention}. Inbound messages older than {@code inbound_bodies} lose their
 * text (subject, reply text, the kept raw message, the classifier's detail), erased by their owner ({@link AgedText});
 * the row, with its kind, proof and match, stays for the history. Event-log entries older than {@code events} are
 * deleted. Set-based statements in bounded batches, so a first run on a large database holds no lock for long.
 * Thread-safe.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 5000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AgedText inboundText;
    private final Duration inboundBodies;
    private final Duration events;
    private final EventLog eventLog = new EventLog();

    /**
     * @param inboundText   the owner of the inbound messages, which erases their text
     * @param inboundBodies how long the text of inbound messages is kept
     * @param events        how long event-log entries are kept
     */
    public Retention(Jdbi jdbi, Clock clock, AgedText inboundText, Duration inboundBodies, Duration events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.inboundText = inboundText;
        this.inboundBodies = inboundBodies;
        this.events = events;
    }

    /**
     * What one run removed.
     *
     * @param inboundBodies inbound messages whose text was erased
     * @param events        event-log rows deleted
     */
    public record Swept(int inboundBodies, int events) {

        /** Rows changed in all. */
        public int total() {
            return inboundBodies + events;
        }
    }

    /** Runs once: erases what is older than the retention periods. */
    public Swept sweep() {
        Instant now = clock.instant();
        Instant bodiesBefore = now.minus(inboundBodies);
        Instant eventsBefore = now.minus(events);
        int bodies = batches(handle -> inboundText.eraseTextBefore(handle, bodiesBefore, BATCH));
        int events = batches(handle -> eventLog.deleteBefore(handle, eventsBefore, BATCH));
        if (bodies > 0 || events > 0) {
            log.info("retention: erased the text of {} inbound message(s), deleted {} event(s)", bodies, events);
        }
        return new Swept(bodies, events);
    }

    private int batches(HandleCallback<Integer, RuntimeException> batch) {
        int total = 0;
        int rows;
        do {
            rows = jdbi.withHandle(batch);
            total += rows;
        } while (rows == BATCH);
        return total;
    }
}
