package io.followup.inbound;

import io.followup.store.UniqueKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A database lease on one folder of a mailbox, so that with several daemons on one database exactly one watches each
 * folder (the folders of one mailbox may be watched by different nodes). The holder renews it while it watches;
 * another node takes it only once it expired. Leases run on wall-clock time, whatever the business clock does.
 * Thread-safe.
 */
public final class MailboxLease {

    private final Jdbi jdbi;
    private final Clock wallClock;
    private final String nodeId;

    public MailboxLease(Jdbi jdbi, Clock wallClock, String nodeId) {
        this.jdbi = jdbi;
        this.wallClock = wallClock;
        this.nodeId = nodeId;
    }

    /** Takes or renews the lease for {@code ttl}; false when another node holds a lease that has not expired. */
    public boolean acquire(long mailboxId, String folder, Duration ttl) {
        Instant now = wallClock.instant();
        Instant expires = now.plus(ttl);
        boolean renewed = jdbi.inTransaction(handle -> handle.createUpdate("""
                UPDATE mailbox_folder_lease SET node_id = :node, expires_at = :expires
                WHERE mailbox_id = :mailbox AND folder = :folder AND (node_id = :node OR expires_at < :now)""")
                .bind("node", nodeId).bind("expires", expires).bind("mailbox", mailboxId).bind("folder", folder)
                .bind("now", now).execute() == 1);
        if (renewed) {
            return true;
        }
        // false too when another node inserted the lease between our look and our INSERT
        return UniqueKey.inserted(() -> jdbi.inTransaction(handle -> {
                boolean exists = handle.createQuery("""
                                SELECT COUNT(*) FROM mailbox_folder_lease WHERE mailbox_id = :mailbox
                                AND folder = :folder""")
                        .bind("mailbox", mailboxId).bind("folder", folder).mapTo(Integer.class).one() > 0;
                if (exists) {
                    return false;
                }
                handle.createUpdate("""
                        INSERT INTO mailbox_folder_lease (mailbox_id, folder, node_id, expires_at)
                        VALUES (:mailbox, :folder, :node, :expires)""")
                        .bind("mailbox", mailboxId).bind("folder", folder).bind("node", nodeId)
                        .bind("expires", expires).execute();
                return true;
            }));
    }

    /** Gives the lease up (when this node stops watching the folder), so another node can take over at once. */
    public void release(long mailboxId, String folder) {
        jdbi.useTransaction(handle -> handle.createUpdate("""
                        DELETE FROM mailbox_folder_lease WHERE mailbox_id = :mailbox AND folder = :folder
                        AND node_id = :node""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("node", nodeId).execute());
    }

    /** The node holding an unexpired lease on the folder, if any. */
    public Optional<String> holder(long mailboxId, String folder) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT node_id FROM mailbox_folder_lease WHERE mailbox_id = :mailbox AND folder = :folder
                        AND expires_at >= :now""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("now", wallClock.instant())
                .mapTo(String.class).findOne());
    }
}
