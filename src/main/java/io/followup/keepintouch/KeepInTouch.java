package io.followup.keepintouch;

import io.followup.sequence.timing.Cadence;
import java.time.Instant;

/**
 * A contact's keep-in-touch cadence as stored.
 *
 * @param nextDueAt     when the next check-in draft is prepared
 * @param lastContactAt when mail from the contact last came in, or null
 */
public record KeepInTouch(long contactId, Cadence cadence, Instant nextDueAt, Instant lastContactAt) {

    static KeepInTouch read(java.sql.ResultSet rs) throws java.sql.SQLException {
        long last = rs.getLong("last_contact_at");
        Instant lastContact = rs.wasNull() ? null : Instant.ofEpochMilli(last);
        return new KeepInTouch(rs.getLong("contact_id"), new Cadence(rs.getString("period")),
                Instant.ofEpochMilli(rs.getLong("next_due_at")), lastContact);
    }
}
