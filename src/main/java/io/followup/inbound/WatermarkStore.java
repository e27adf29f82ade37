package io.followup.inbound;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The UID watermark per mailbox and folder. Stateless and thread-safe; call inside a transaction. */
public final class WatermarkStore {

    public Optional<Watermark> find(Handle handle, long mailboxId, String folder) {
        return handle.createQuery("""
                SELECT uid_validity, last_uid FROM mailbox_watermark WHERE mailbox_id = :mailbox AND folder = :folder""")
                .bind("mailbox", mailboxId).bind("folder", folder)
                .map((rs, ctx) -> new Watermark(rs.getLong("uid_validity"), rs.getLong("last_uid"))).findOne();
    }

    /**
     * Sets the watermark; it only moves forward within one UIDVALIDITY. One statement when it moves (the common case:
     * a new message read), a read more when it does not or the folder has no watermark yet.
     */
    public void advance(Handle handle, long mailboxId, String folder, Watermark watermark, Instant now) {
        int moved = handle.createUpdate("""
                UPDATE mailbox_watermark SET uid_validity = :validity, last_uid = :uid, updated_at = :now
                WHERE mailbox_id = :mailbox AND folder = :folder
                  AND (uid_validity <> :validity OR last_uid < :uid)""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", watermark.uidValidity())
                .bind("uid", watermark.lastUid()).bind("now", now).execute();
        if (moved == 0 && find(handle, mailboxId, folder).isEmpty()) {
            handle.createUpdate("""
                    INSERT INTO mailbox_watermark (mailbox_id, folder, uid_validity, last_uid, updated_at)
                    VALUES (:mailbox, :folder, :validity, :uid, :now)""")
                    .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", watermark.uidValidity())
                    .bind("uid", watermark.lastUid()).bind("now", now).execute();
        }
    }
}
