package io.followup.sequence;

import io.followup.config.MailboxConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Enrolls contacts in sequences. The first step falls due at once (or after its configured wait), moved into the
 * sequence's send window in the contact's time zone: the promise is a first touch within 24 hours (or the next
 * open window). Thread-safe.
 */
public final class EnrollmentService {

    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final EventLog events;
    private final TimingPlanner timing;

    public EnrollmentService(Jdbi jdbi, Clock clock, SequenceCatalog catalog, ContactStore contacts,
                             EnrollmentStore enrollments, EventLog events) {
        this(jdbi, clock, catalog, contacts, enrollments, events, TimingPlanner.withDefaults());
    }

    /** With {@code timing} moving the first step into the sequence's send window. */
    public EnrollmentService(Jdbi jdbi, Clock clock, SequenceCatalog catalog, ContactStore contacts,
                             EnrollmentStore enrollments, EventLog events, TimingPlanner timing) {
        this.timing = timing;
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.events = events;
    }

    /**
     * Creates or updates the contact and enrolls it in the named sequence.
     *
     * @param cause who asked, for the event log (e.g. {@code "cli enroll"}, {@code "csv people.csv:4"})
     * @throws EnrollmentException when the sequence is unknown or the contact is already enrolled in it
     * @throws io.followup.contact.ContactException when the contact data is invalid
     */
    public Enrollment enroll(ContactSpec spec, String sequenceName, String cause) {
        long sequenceId = catalog.sequenceId(sequenceName).orElseThrow(() -> new EnrollmentException(
                "unknown sequence \"" + sequenceName + "\"; configured: " + String.join(", ", catalog.sequenceNames())));
        return jdbi.inTransaction(handle -> enroll(handle, spec, sequenceId, cause));
    }

    private Enrollment enroll(Handle handle, ContactSpec spec, long sequenceId, String cause) {
        Instant now = clock.instant();
        Contact contact = contacts.upsert(handle, spec, now);
        SequenceDefinition sequence = catalog.sequence(sequenceId);
        enrollments.findLive(handle, contact.id(), sequenceId).ifPresent(live -> {
            throw new EnrollmentException(contact.email() + " is already enrolled in " + sequence.name()
                    + " (enrollment #" + live.id() + ", " + live.state().db() + ")");
        });
        long mailboxId = sequence.mailbox() == null
                ? catalog.mailboxes().keySet().iterator().next()
                : catalog.mailboxId(sequence.mailbox());
        MailboxConfig mailbox = catalog.mailbox(mailboxId);
        ZoneId zone = contact.timeZone() != null ? ZoneId.of(contact.timeZone()) : mailbox.timeZone();
        Instant due = timing.due(sequence.timing(), sequence.steps().get(0).delay(), now, zone);
        long id = enrollments.insert(handle, contact.id(), sequenceId, mailboxId, due, now);
        events.append(handle, now, EventLog.Event.of("enrolled", cause).enrollment(id).contact(contact.id())
                .detail("in " + sequence.name() + "; step 1 due " + due.truncatedTo(ChronoUnit.SECONDS)));
        return enrollments.byId(handle, id);
    }
}
