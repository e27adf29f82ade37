package io.followup.keepintouch;

import io.followup.config.KeepInTouchConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.StandaloneOutbox;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.TemplateModel;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keep-in-touch chore: for each contact whose check-in is due, moves the clock one period on and prepares a
 * check-in draft from the configured template ({@code pending_approval} by default, {@code queued} when approval
 * is off, {@code held} when the template lacks a value). No draft is prepared while an earlier one still waits or
 * while the contact is in a live sequence (the clock moves on all the same). One contact's failure never stops the others. Thread-safe; several daemons may run it on one database
 * (each due time is claimed by a conditional update).
 */
public final class CheckInDrafter {

    private static final Logger log = LoggerFactory.getLogger(CheckInDrafter.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final KeepInTouchStore store;
    private final KeepInTouchService service;
    private final StandaloneOutbox outbox;
    private final KeepInTouchConfig config;
    private final EventLog events;

    public CheckInDrafter(Jdbi jdbi, Clock clock, SequenceCatalog catalog, List<OwnerConfig> owners,
                          ContactStore contacts, EnrollmentStore enrollments, KeepInTouchStore store,
                          KeepInTouchService service,
                          StandaloneOutbox outbox, KeepInTouchConfig config, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.store = store;
        this.service = service;
        this.outbox = outbox;
        this.config = config;
        this.events = events;
    }

    /** Prepares up to {@code limit} due check-ins; returns how many drafts were created. */
    public int prepareDue(int limit) {
        Instant now = clock.instant();
        List<KeepInTouch> due = jdbi.withHandle(handle -> store.due(handle, now, limit));
        int drafted = 0;
        for (KeepInTouch row : due) {
            try {
                if (jdbi.inTransaction(handle -> prepare(handle, row, now))) {
                    drafted++;
                }
            } catch (RuntimeException e) {
                log.error("contact #{}: check-in failed: {}", row.contactId(), e.getMessage(), e);
                jdbi.useTransaction(handle -> events.append(handle, now, EventLog.Event.of(EventKind.CHECK_IN_FAILED,
                        "keep-in-touch").contact(row.contactId()).detail(e.toString())));
            }
        }
        if (!due.isEmpty()) {
            log.debug("keep-in-touch: {} of {} due check-in(s) drafted", drafted, due.size());
        }
        return drafted;
    }

    private boolean prepare(Handle handle, KeepInTouch row, Instant now) {
        Contact contact = contacts.byId(handle, row.contactId());
        Instant next = row.cadence().next(now, service.zone(contact));
        if (!store.advance(handle, contact.id(), row.nextDueAt(), next, now)) {
            return false;
        }
        String nextText = "next check-in due " + next.truncatedTo(ChronoUnit.SECONDS);
        String skipped = outbox.unsentExists(handle, OutboundKind.CHECK_IN, contact.email())
                ? "an earlier check-in still waits"
                : !enrollments.liveOfContact(handle, contact.id()).isEmpty() ? "a sequence is running" : null;
        if (skipped != null) {
            events.append(handle, now, EventLog.Event.of(EventKind.CHECK_IN_SKIPPED, "keep-in-touch " + row.cadence())
                    .contact(contact.id()).detail(skipped + "; " + nextText));
            return false;
        }
        long mailboxId = enrollments.lastMailboxOf(handle, contact.id())
                .filter(id -> catalog.mailboxes().containsKey(id))
                .orElseGet(() -> catalog.mailboxes().keySet().iterator().next());
        MailboxConfig mailbox = catalog.mailbox(mailboxId);
        Contact introducer = contact.introducedBy() == null ? null : contacts.byId(handle, contact.introducedBy());
        StandaloneOutbox.Request request = new StandaloneOutbox.Request(OutboundKind.CHECK_IN,
                "checkin:" + contact.id() + ":" + row.nextDueAt().toEpochMilli(), null, mailboxId, mailbox,
                contact.email(), contact.name(), config.template(),
                TemplateModel.of(contact, introducer, mailbox, OwnerConfig.ofMailbox(owners, mailbox).orElse(null), 1, 1),
                config.approval());
        Optional<StandaloneOutbox.Composed> composed = outbox.compose(handle, request, now);
        if (composed.isEmpty()) {
            return false;
        }
        StandaloneOutbox.Composed draft = composed.get();
        events.append(handle, now,
                EventLog.Event.of(draft.holdReason() == null ? EventKind.CHECK_IN_DRAFTED : EventKind.DRAFT_HELD,
                        "keep-in-touch " + row.cadence()).contact(contact.id()).outbound(draft.outboundId())
                .detail(draft.holdReason() == null ? draft.state().db() + "; " + nextText : draft.holdReason()));
        log.info("keep-in-touch: check-in for contact #{} drafted ({})", contact.id(), draft.state().db());
        return true;
    }
}
