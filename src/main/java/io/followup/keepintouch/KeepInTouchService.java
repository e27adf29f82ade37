package io.followup.keepintouch;

import io.followup.contact.Contact;
import io.followup.contact.ContactException;
import io.followup.contact.ContactStore;
import io.followup.response.CheckIns;
import io.followup.sequence.timing.Cadence;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sets, clears and lists contacts' keep-in-touch cadences, and restarts a contact's clock when mail from them
 * comes in. Periods run in the contact's time zone (the default zone when the contact has none). Thread-safe.
 */
public final class KeepInTouchService implements CheckIns {

    /** A cadence with the contact it belongs to. */
    public record Listed(Contact contact, KeepInTouch keepInTouch) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ContactStore contacts;
    private final KeepInTouchStore store;
    private final EventLog events;
    private final ZoneId defaultZone;

    public KeepInTouchService(Jdbi jdbi, Clock clock, ContactStore contacts, KeepInTouchStore store, EventLog events,
                              ZoneId defaultZone) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.contacts = contacts;
        this.store = store;
        this.events = events;
        this.defaultZone = defaultZone;
    }

    /**
     * Puts an existing contact on a cadence (replacing any other); the first check-in is due one period from now.
     *
     * @throws ContactException when no contact has this address
     */
    public KeepInTouch set(String email, Cadence cadence, String cause) {
        return jdbi.inTransaction(handle -> {
            Contact contact = existing(handle, email);
            set(handle, contact, cadence, clock.instant(), cause, null);
            return store.find(handle, contact.id()).orElseThrow();
        });
    }

    @Override
    public Instant set(Handle handle, Contact contact, Cadence cadence, Instant now, String cause, Long enrollmentId) {
        Instant due = cadence.next(now, zone(contact));
        store.set(handle, contact.id(), cadence, due, now);
        EventLog.Event event = EventLog.Event.of(EventKind.KEEP_IN_TOUCH_SET, cause).contact(contact.id())
                .detail(cadence + "; first check-in due " + due.truncatedTo(ChronoUnit.SECONDS));
        events.append(handle, now, enrollmentId == null ? event : event.enrollment(enrollmentId));
        return due;
    }

    /**
     * Takes a contact off its cadence; returns false when it had none.
     *
     * @throws ContactException when no contact has this address
     */
    public boolean clear(String email, String cause) {
        return jdbi.inTransaction(handle -> {
            Contact contact = existing(handle, email);
            boolean cleared = store.clear(handle, contact.id());
            if (cleared) {
                events.append(handle, clock.instant(), EventLog.Event.of(EventKind.KEEP_IN_TOUCH_CLEARED, cause)
                        .contact(contact.id()));
            }
            return cleared;
        });
    }

    /** Every cadence with its contact, soonest due first. */
    public List<Listed> list(int limit) {
        return jdbi.withHandle(handle -> store.list(handle, limit).stream()
                .map(row -> new Listed(contacts.byId(handle, row.contactId()), row)).toList());
    }

    /**
     * Mail from the contact came in at {@code now}: if the contact has a cadence, its clock restarts (next check-in
     * one period from now). Call inside the transaction that records the message.
     */
    public void contactWrote(Handle handle, long contactId, long inboundId, Instant now) {
        store.find(handle, contactId).ifPresent(row -> {
            Contact contact = contacts.byId(handle, contactId);
            Instant next = row.cadence().next(now, zone(contact));
            if (store.touched(handle, contactId, now, next)) {
                events.append(handle, now, EventLog.Event.of(EventKind.KEEP_IN_TOUCH_RESET, "inbound #" + inboundId)
                        .contact(contactId).inbound(inboundId)
                        .detail(row.cadence() + "; next check-in due " + next.truncatedTo(ChronoUnit.SECONDS)));
            }
        });
    }

    ZoneId zone(Contact contact) {
        return contact.timeZone() != null ? ZoneId.of(contact.timeZone()) : defaultZone;
    }

    private Contact existing(Handle handle, String email) {
        String address = ContactStore.normalizeAddress(email);
        return contacts.findByEmail(handle, address)
                .orElseThrow(() -> new ContactException("no contact with address " + address));
    }
}
