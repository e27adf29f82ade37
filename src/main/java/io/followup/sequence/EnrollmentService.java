package io.followup.sequence;

import io.followup.config.MailboxConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.contact.SuppressionList;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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
    private final OptOutStore optOuts = new OptOutStore();
    private final SuppressionList suppressions;
    private final TimingPlanner timing;
    private final BulkEnrollment bulk;

    /**
     * @param suppressions refuses suppressed addresses and domains (null: no check)
     * @param timing       moves the first step into the sequence's send window
     */
    public EnrollmentService(Jdbi jdbi, Clock clock, SequenceCatalog catalog, ContactStore contacts,
                             EnrollmentStore enrollments, EventLog events, SuppressionList suppressions,
                             TimingPlanner timing) {
        this.suppressions = suppressions;
        this.timing = timing;
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.events = events;
        this.bulk = new BulkEnrollment(jdbi, clock, catalog, suppressions, timing);
    }

    /**
     * Enrolls every row of a CSV file in the named sequence, all or nothing (see {@link BulkEnrollment}).
     *
     * @throws EnrollmentException when the sequence is unknown
     * @throws io.followup.contact.ContactException when the file cannot be read or has no header row
     */
    public io.followup.contact.CsvImport.Report importCsv(java.nio.file.Path file, String sequenceName,
                                                          boolean skipBadRows) {
        return bulk.run(file, sequenceName, skipBadRows);
    }

    /**
     * Creates or updates the contact and enrolls it in the named sequence.
     *
     * @param cause who asked, for the event log (e.g. {@code "cli enroll"}, {@code "csv people.csv:4"})
     * @throws EnrollmentException when the sequence is unknown, the contact is already enrolled in it, or its
     *                             address or domain is suppressed ({@code "x@y is suppressed (domain y, reason
     *                             ...)"})
     * @throws io.followup.contact.ContactException when the contact data is invalid
     */
    public Enrollment enroll(ContactSpec spec, String sequenceName, String cause) {
        long sequenceId = catalog.sequenceId(sequenceName).orElseThrow(() -> new EnrollmentException(
                "unknown sequence \"" + sequenceName + "\"; configured: " + String.join(", ", catalog.sequenceNames())));
        return jdbi.inTransaction(handle -> enroll(handle, spec, sequenceId, cause));
    }

    /** A refusal is decided before the contact is written: a refused enrollment changes nothing. */
    private void refuseIfOptedOutOrLive(Handle handle, Contact contact, SequenceDefinition sequence,
                                        long sequenceId) {
        if (optOuts.isOptedOut(handle, contact.id(), sequenceId)) {
            throw new EnrollmentException(contact.email() + " declined " + sequence.name()
                    + " earlier (not interested); not enrolled again");
        }
        enrollments.findLive(handle, contact.id(), sequenceId).ifPresent(live -> {
            throw new EnrollmentException(contact.email() + " is already enrolled in " + sequence.name()
                    + " (enrollment #" + live.id() + ", " + live.state().db() + ")");
        });
    }

    /** The live enrollment of the contact with this address in the named sequence, if there is one. */
    public Optional<Enrollment> liveEnrollment(String email, String sequenceName) {
        Optional<Long> sequenceId = catalog.sequenceId(sequenceName);
        if (sequenceId.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> contacts.findByEmail(handle, email)
                .flatMap(contact -> enrollments.findLive(handle, contact.id(), sequenceId.get())));
    }

    /** Like {@link #enroll(ContactSpec, String, String)}, inside the caller's transaction. */
    public Enrollment enroll(Handle handle, ContactSpec spec, long sequenceId, String cause) {
        Instant now = clock.instant();
        if (suppressions != null) {
            String address = ContactStore.normalizeAddress(spec.email());
            suppressions.match(handle, address).ifPresent(suppression -> {
                throw new EnrollmentException(address + " is suppressed (" + suppression.describe() + ")");
            });
        }
        SequenceDefinition sequence = catalog.sequence(sequenceId);
        Optional<Contact> known = contacts.findByEmail(handle, ContactStore.normalizeAddress(spec.email()));
        if (known.isPresent()) {
            refuseIfOptedOutOrLive(handle, known.get(), sequence, sequenceId);
        }
        Contact contact = contacts.upsert(handle, spec, now);
        long mailboxId = sequence.mailbox() == null
                ? catalog.mailboxes().keySet().iterator().next()
                : catalog.mailboxId(sequence.mailbox());
        MailboxConfig mailbox = catalog.mailbox(mailboxId);
        ZoneId zone = contact.timeZone() != null ? ZoneId.of(contact.timeZone()) : mailbox.timeZone();
        FirstTouchPlan plan = FirstTouchPlan.of(sequence, sequence.steps().get(0).delay(), now, zone, timing);
        Instant due = plan.due();
        long id = enrollments.insert(handle, contact.id(), sequenceId, mailboxId, due, now);
        enrollments.recordFirstTouch(handle, id, plan);
        events.append(handle, now, EventLog.Event.of(EventKind.ENROLLED, cause).enrollment(id).contact(contact.id())
                .detail("in " + sequence.name() + "; step 1 due " + due.truncatedTo(ChronoUnit.SECONDS)));
        if (plan.reason() != null) {
            events.append(handle, now, EventLog.Event.of(EventKind.of("first_touch_", plan.mode()
                    .db()), "first_touch_within")
                    .enrollment(id).contact(contact.id()).detail(plan.reason()));
        }
        return enrollments.byId(handle, id);
    }
}
