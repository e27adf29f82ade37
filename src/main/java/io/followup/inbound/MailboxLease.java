package io.followup.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A database lease on a mailbox, so that with several daemons on one database exactly one watches each mailbox.
 * The holder renews it while it watches; another node takes it only once it expired. Leases run on wall-clock
 * time, whatever the business clock does. Thread-safe.
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
    public boolean acquire(long mailboxId, Duration ttl) {
        Instant now = wallClock.instant();
        Instant expires = now.plus(ttl);
        boolean renewed = jdbi.inTransaction(handle -> handle.createUpdate("""
                UPDATE mailbox_lease SET node_id = :node, expires_at = :expires
                WHERE mailbox_id = :mailbox AND (node_id = :node OR expires_at < :now)""")
                .bind("node", nodeId).bind("expires", expires).bind("mailbox", mailboxId).bind("now", now)
                .execute() == 1);
        if (renewed) {
            return true;
        }
        try {
            return jdbi.inTransaction(handle -> {
                boolean exists = handle.createQuery("SELECT COUNT(*) FROM mailbox_lease WHERE mailbox_id = :mailbox")
                        .bind("mailbox", mailboxId).mapTo(Integer.class).one() > 0;
                if (exists) {
                    return false;
                }
                handle.createUpdate("""
                        INSERT INTO mailbox_lease (mailbox_id, node_id, expires_at)
                        VALUES (:mailbox, :node, :expires)""")
                        .bind("mailbox", mailboxId).bind("node", nodeId).bind("expires", expires).execute();
                return true;
            });
        } catch (UnableToExecuteStatementException raced) {
            return false;
        }
    }

    /** Gives the lease up (when this node stops watching), so another node can take over at once. */
    public void release(long mailboxId) {
        jdbi.useTransaction(handle -> handle.createUpdate(
                        "DELETE FROM mailbox_lease WHERE mailbox_id = :mailbox AND node_id = :node")
                .bind("mailbox", mailboxId).bind("node", nodeId).execute());
    }

    /** The node holding an unexpired lease on the mailbox, if any. */
    public java.util.Optional<String> holder(long mailboxId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT node_id FROM mailbox_lease WHERE mailbox_id = :mailbox AND expires_at >= :now")
                .bind("mailbox", mailboxId).bind("now", wallClock.instant()).mapTo(String.class).findOne());
    }
}
