package io.followup.response;

import io.followup.contact.Contact;
import io.followup.sequence.timing.Cadence;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Puts a contact on a keep-in-touch cadence, for an escalation that says so. Owned by {@code response} so that it
 * does not reach up into {@code keepintouch}; {@code keepintouch.KeepInTouchService} implements it.
 */
public interface CheckIns {

    /**
     * Puts a contact on a cadence inside the caller's transaction, with an event row.
     *
     * @param enrollmentId the enrollment that led to it (an escalation), or null
     * @return when the first check-in is due
     */
    Instant set(Handle handle, Contact contact, Cadence cadence, Instant now, String cause, Long enrollmentId);
}
