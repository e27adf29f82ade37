package io.followup.sequence;

import io.followup.contact.ContactStore;
import io.followup.sequence.timing.BusinessCalendar;
import io.followup.sequence.timing.TimingPlanner;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;

/**
 * When an enrollment paused by an out-of-office resumes: the first working day after the return date, in the
 * sequence's business calendar, at the opening of its send window (09:00 for a window open all day) in the
 * recipient's time zone. Stateless and
 * thread-safe.
 */
public final class AutoReplyReturn {

    private static final LocalTime MORNING = LocalTime.of(9, 0);

    private final SequenceCatalog catalog;
    private final ContactStore contacts;
    private final TimingPlanner timing;

    public AutoReplyReturn(SequenceCatalog catalog, ContactStore contacts,
                           TimingPlanner timing) {
        this.catalog = catalog;
        this.contacts = contacts;
        this.timing = timing;
    }

    /** The resume time of {@code enrollment} for a recipient back on {@code until}. */
    public Instant resumeAt(Handle handle, Enrollment enrollment, LocalDate until) {
        SequenceDefinition sequence = catalog.sequence(enrollment.sequenceId());
        ZoneId zone = catalog.zoneOf(contacts.byId(handle, enrollment.contactId()), enrollment.mailboxId());
        BusinessCalendar calendar = timing.calendar(sequence.timing().calendar());
        LocalDate day = calendar.plusBusinessDays(until, 1);
        LocalTime windowStart = sequence.timing().window().start();
        LocalTime start = windowStart.equals(LocalTime.MIDNIGHT) ? MORNING : windowStart;
        return timing.nextOpen(sequence.timing(), day.atTime(start).atZone(zone).toInstant(), zone);
    }
}
