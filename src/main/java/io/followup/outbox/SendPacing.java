package io.followup.outbox;

import io.followup.config.CapsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A mailbox's sending caps (rolling 24 hours, rolling hour) and random spacing, enforced where a message is claimed:
 * the claim transaction first locks the mailbox's {@code mailbox_pacing} row ({@code SELECT ... FOR UPDATE}), then
 * counts the sends of the last hour and day, and only then claims the message and sets the earliest time of the
 * next send. Two daemons on one database therefore never both claim the last free send. A send counts from the
 * moment it is claimed ({@code sending_at}) whatever became of it later ({@code sent}, {@code in_doubt},
 * {@code failed}); a passing failure that went back to the queue does not count. Thread-safe.
 */
public final class SendPacing {

    private static final String COUNTED = "('sending', 'sent', 'in_doubt', 'failed')";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);

    private final Random random;
    private final Set<Long> knownRows = ConcurrentHashMap.newKeySet();

    /** Spacing drawn from {@code random} (a {@link Random} is thread-safe). */
    public SendPacing(Random random) {
        this.random = random;
    }

    public SendPacing() {
        this(new Random());
    }

    /** The outcome of {@link #claim}. */
    public record Claim(boolean claimed, Instant blockedUntil) {

        static final Claim CLAIMED = new Claim(true, null);
        static final Claim LOST = new Claim(false, null);

        /** Whether a cap or the spacing held the mailbox back (then {@link #blockedUntil} says until when). */
        public boolean blocked() {
            return blockedUntil != null;
        }
    }

    /** Creates the mailbox's pacing row if it does not exist yet (in its own transaction; idempotent). */
    public void ensureRow(Jdbi jdbi, long mailboxId, Instant now) {
        if (knownRows.contains(mailboxId)) {
            return;
        }
        try {
            jdbi.useTransaction(handle -> {
                if (!rowExists(handle, mailboxId)) {
                    handle.createUpdate("INSERT INTO mailbox_pacing (mailbox_id, next_send_at, updated_at) "
                            + "VALUES (:mailbox, NULL, :now)").bind("mailbox", mailboxId).bind("now", now).execute();
                }
            });
        } catch (JdbiException raced) {
            if (!jdbi.withHandle(handle -> rowExists(handle, mailboxId))) {
                throw raced;
            }
        }
        knownRows.add(mailboxId);
    }

    /**
     * Claims {@code message} for sending unless a cap or the spacing holds its mailbox back. Call inside a
     * READ COMMITTED transaction after {@link #ensureRow}; the lock is held until that transaction ends, so keep
     * it short (never around SMTP).
     */
    public Claim claim(Handle handle, OutboxStore outbox, OutboundMessage message, CapsConfig caps, String node,
                       Instant now) {
        List<Long> locked = handle.createQuery(
                        "SELECT next_send_at FROM mailbox_pacing WHERE mailbox_id = :mailbox FOR UPDATE")
                .bind("mailbox", message.mailboxId()).mapTo(Long.class).list();
        if (locked.isEmpty()) {
            throw new IllegalStateException("no pacing row for mailbox #" + message.mailboxId());
        }
        Instant available = availableAt(handle, message.mailboxId(), caps, now);
        if (available != null) {
            return new Claim(false, available);
        }
        if (!outbox.claimForSending(handle, message.id(), node, now)) {
            return Claim.LOST;
        }
        handle.createUpdate("UPDATE mailbox_pacing SET next_send_at = :next, updated_at = :now "
                        + "WHERE mailbox_id = :mailbox")
                .bind("next", now.plus(spacing(caps))).bind("now", now).bind("mailbox", message.mailboxId())
                .execute();
        return Claim.CLAIMED;
    }

    /**
     * When the mailbox may send next: null when it may send now, else the first instant at which the daily cap,
     * the hourly cap and the spacing all allow a send. Reads without locking (exact only inside {@link #claim}).
     */
    public Instant availableAt(Handle handle, long mailboxId, CapsConfig caps, Instant now) {
        Instant available = null;
        available = later(available, capFreeAt(handle, mailboxId, caps.perDay(), DAY, now));
        available = later(available, capFreeAt(handle, mailboxId, caps.perHour(), HOUR, now));
        Long nextSend = handle.createQuery("SELECT next_send_at FROM mailbox_pacing WHERE mailbox_id = :mailbox")
                .bind("mailbox", mailboxId).mapTo(Long.class).findOne().orElse(null);
        if (nextSend != null && nextSend > now.toEpochMilli()) {
            available = later(available, Instant.ofEpochMilli(nextSend));
        }
        return available;
    }

    /** Sends of the mailbox claimed in {@code (now - window, now]}. */
    public int sendsWithin(Handle handle, long mailboxId, Duration window, Instant now) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE mailbox_id = :mailbox "
                        + "AND sending_at > :since AND state IN " + COUNTED)
                .bind("mailbox", mailboxId).bind("since", now.minus(window)).mapTo(Integer.class).one();
    }

    private Instant capFreeAt(Handle handle, long mailboxId, int cap, Duration window, Instant now) {
        if (cap == Integer.MAX_VALUE) {
            return null;
        }
        int count = sendsWithin(handle, mailboxId, window, now);
        if (count < cap) {
            return null;
        }
        long oldestToExpire = handle.createQuery("SELECT sending_at FROM outbound_message WHERE mailbox_id = :mailbox "
                        + "AND sending_at > :since AND state IN " + COUNTED
                        + " ORDER BY sending_at LIMIT 1 OFFSET :skip")
                .bind("mailbox", mailboxId).bind("since", now.minus(window)).bind("skip", count - cap)
                .mapTo(Long.class).one();
        return Instant.ofEpochMilli(oldestToExpire).plus(window);
    }

    private Duration spacing(CapsConfig caps) {
        long min = caps.minSpacing().toMillis();
        long max = caps.maxSpacing().toMillis();
        return Duration.ofMillis(max <= min ? min : min + (long) (random.nextDouble() * (max - min + 1)));
    }

    private static boolean rowExists(Handle handle, long mailboxId) {
        return handle.createQuery("SELECT COUNT(*) FROM mailbox_pacing WHERE mailbox_id = :mailbox")
                .bind("mailbox", mailboxId).mapTo(Integer.class).one() > 0;
    }

    private static Instant later(Instant first, Instant second) {
        if (first == null) {
            return second;
        }
        return second == null || first.isAfter(second) ? first : second;
    }
}
