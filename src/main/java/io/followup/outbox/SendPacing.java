package io.followup.outbox;

import io.followup.config.CapsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A mailbox's sending caps (rolling 24 hours, rolling hour) and random spacing, enforced where a message is claimed:
 * the claim transaction first locks the mailbox's {@code mailbox_pacing} row ({@code SELECT ... FOR UPDATE}), then
 * counts the sends of the last hour and day, and only then claims the message and sets the earliest time of the
 * next send. Two daemons on one database therefore never both claim the last free send. A send counts from the
 * moment it is claimed ({@code sending_at}) whatever became of it later ({@code sent}, {@code in_doubt},
 * {@code failed}); a passing failure that went back to the queue does not count. The claims also keep running
 * counts per minute and hour ({@code mailbox_send_count}), an upper bound read instead of counting a day of sends
 * on every claim; the exact count decides only when that bound comes near a cap. Thread-safe.
 */
public final class SendPacing {

    private static final String COUNTED = "('sending', 'sent', 'in_doubt', 'failed')";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration MINUTE = Duration.ofMinutes(1);

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
        count(handle, message.mailboxId(), MINUTE, 1, now);
        count(handle, message.mailboxId(), HOUR, 1, now);
        handle.createUpdate("UPDATE mailbox_pacing SET next_send_at = :next, updated_at = :now "
                        + "WHERE mailbox_id = :mailbox")
                .bind("next", now.plus(spacing(caps))).bind("now", now).bind("mailbox", message.mailboxId())
                .execute();
        return Claim.CLAIMED;
    }

    /** The outcome of {@link #claimBatch}: the messages claimed (in the order given) and, when a cap or the
     * spacing held the mailbox back before the end of the list, until when. */
    public record Batch(List<OutboundMessage> claimed, Instant blockedUntil) {

        public boolean blocked() {
            return blockedUntil != null;
        }
    }

    /**
     * Claims as many of {@code messages} (all of the mailbox {@code mailboxId}, in sending order) as the caps and
     * the spacing allow now, in one transaction under the mailbox's pacing row lock: like {@link #claim} for each,
     * without counting a day of sends for each. {@code cancelled} is asked for each message before it is claimed
     * (a veto, in the same transaction); a cancelled or already claimed message is skipped. With a spacing above
     * zero only one message is claimed. Call inside a READ COMMITTED transaction after {@link #ensureRow}; never
     * around SMTP.
     */
    public Batch claimBatch(Handle handle, OutboxStore outbox, long mailboxId, List<OutboundMessage> messages,
                            CapsConfig caps, String node, Instant now, Predicate<OutboundMessage> cancelled) {
        List<Long> locked = handle.createQuery(
                        "SELECT next_send_at FROM mailbox_pacing WHERE mailbox_id = :mailbox FOR UPDATE")
                .bind("mailbox", mailboxId).mapTo(Long.class).list();
        if (locked.isEmpty()) {
            throw new IllegalStateException("no pacing row for mailbox #" + mailboxId);
        }
        Long nextSend = locked.get(0);
        if (nextSend != null && nextSend > now.toEpochMilli()) {
            return new Batch(List.of(), availableAt(handle, mailboxId, caps, now));
        }
        long allowed = Math.min(headroom(handle, mailboxId, caps.perDay(), DAY, messages.size(), now),
                headroom(handle, mailboxId, caps.perHour(), HOUR, messages.size(), now));
        if (allowed <= 0) {
            return new Batch(List.of(), blockedAt(handle, mailboxId, caps, now));
        }
        List<OutboundMessage> claimed = new ArrayList<>();
        Instant next = null;
        boolean spaced = false;
        for (OutboundMessage message : messages) {
            if (claimed.size() >= allowed || spaced) {
                break;
            }
            if (cancelled.test(message) || !outbox.claimForSending(handle, message.id(), node, now)) {
                continue;
            }
            claimed.add(message);
            Duration spacing = spacing(caps);
            next = now.plus(spacing);
            spaced = !spacing.isZero();
        }
        if (claimed.isEmpty()) {
            return new Batch(claimed, null);
        }
        handle.createUpdate("UPDATE mailbox_pacing SET next_send_at = :next, updated_at = :now "
                        + "WHERE mailbox_id = :mailbox")
                .bind("next", next).bind("now", now).bind("mailbox", mailboxId).execute();
        count(handle, mailboxId, MINUTE, claimed.size(), now);
        count(handle, mailboxId, HOUR, claimed.size(), now);
        boolean rest = claimed.size() < messages.size();
        Instant blocked = !rest ? null : spaced ? next
                : claimed.size() >= allowed ? blockedAt(handle, mailboxId, caps, now) : null;
        return new Batch(claimed, blocked);
    }

    /**
     * How many more sends {@code cap} allows in {@code window} (at least {@code wanted} when it does not bind):
     * the running counts first, the exact count only when they come near the cap.
     */
    private long headroom(Handle handle, long mailboxId, int cap, Duration window, int wanted, Instant now) {
        if (cap == Integer.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        Duration span = window.equals(DAY) ? HOUR : MINUTE;
        long upperBound = handle.createQuery("SELECT COALESCE(SUM(sends), 0) FROM mailbox_send_count "
                        + "WHERE mailbox_id = :mailbox AND span_ms = :span AND bucket_start > :since")
                .bind("mailbox", mailboxId).bind("span", span.toMillis())
                .bind("since", now.minus(window).minus(span).toEpochMilli()).mapTo(Long.class).one();
        if (upperBound + wanted <= cap) {
            return cap - upperBound;
        }
        return cap - (long) sendsWithin(handle, mailboxId, window, now);
    }

    /** When a mailbox whose caps are reached may send again (never null). */
    private Instant blockedAt(Handle handle, long mailboxId, CapsConfig caps, Instant now) {
        Instant available = availableAt(handle, mailboxId, caps, now);
        return available != null ? available : now.plus(MINUTE);
    }

    /** Adds {@code sends} claims at {@code now} to the mailbox's running count of bucket size {@code span}. */
    private static void count(Handle handle, long mailboxId, Duration span, int sends, Instant now) {
        long start = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), span.toMillis());
        int updated = handle.createUpdate("UPDATE mailbox_send_count SET sends = sends + :sends "
                        + "WHERE mailbox_id = :mailbox AND span_ms = :span AND bucket_start = :start")
                .bind("sends", sends).bind("mailbox", mailboxId).bind("span", span.toMillis()).bind("start", start)
                .execute();
        if (updated == 0) {
            handle.createUpdate("DELETE FROM mailbox_send_count WHERE mailbox_id = :mailbox AND span_ms = :span "
                            + "AND bucket_start < :expired")
                    .bind("mailbox", mailboxId).bind("span", span.toMillis())
                    .bind("expired", now.minus(DAY).minus(HOUR).toEpochMilli()).execute();
            handle.createUpdate("INSERT INTO mailbox_send_count (mailbox_id, span_ms, bucket_start, sends) "
                            + "VALUES (:mailbox, :span, :start, :sends)")
                    .bind("mailbox", mailboxId).bind("span", span.toMillis()).bind("start", start)
                    .bind("sends", sends).execute();
        }
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
