package io.followup.outbox;

import io.followup.config.CapsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Random random;
    private final Set<Long> knownRows = ConcurrentHashMap.newKeySet();
    private final OutboxStore outbox = new OutboxStore();

    /** Spacing drawn from {@code random} (a {@link Random} is thread-safe). */
    public SendPacing(Random random) {
        this.random = random;
    }

    public SendPacing() {
        this(new Random());
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

    /** The outcome of {@link #claimBatch}: the messages claimed (in the order given) and, when a cap or the
     * spacing held the mailbox back before the end of the list, until when. */
    public record Batch(List<OutboundMessage> claimed, Instant blockedUntil) {

        public boolean blocked() {
            return blockedUntil != null;
        }
    }

    /**
     * Claims as many of {@code messages} (all of the mailbox {@code mailboxId}, in sending order) as the caps and
     * the spacing allow now, in one transaction under the mailbox's pacing row lock: like a one-message claim for each,
     * without counting a day of sends for each. {@code cancelled} is asked about the messages before any is claimed
     * (the vetoes, in the same transaction: the ids it cancelled); a cancelled message and one no longer queued are
     * skipped; the others are claimed with one statement (the pacing row lock keeps other claimers out). With a spacing above
     * zero only one message is claimed. Call inside a READ COMMITTED transaction after {@link #ensureRow}; never
     * around SMTP.
     */
    public Batch claimBatch(Handle handle, OutboxStore outbox, long mailboxId, List<OutboundMessage> messages,
                            CapsConfig caps, String node, Instant now, Function<List<OutboundMessage>, Set<Long>> cancelled) {
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
        long allowed = allowed(handle, mailboxId, caps, messages.size(), now);
        if (allowed <= 0) {
            return new Batch(List.of(), blockedAt(handle, mailboxId, caps, now));
        }
        Set<Long> vetoed = cancelled.apply(messages);
        List<Long> wanted = new ArrayList<>();
        Instant next = null;
        boolean spaced = false;
        for (OutboundMessage message : messages) {
            if (wanted.size() >= allowed || spaced) {
                break;
            }
            if (vetoed.contains(message.id())) {
                continue;
            }
            wanted.add(message.id());
            Duration spacing = spacing(caps);
            next = now.plus(spacing);
            spaced = !spacing.isZero();
        }
        Set<Long> taken = outbox.claimQueued(handle, wanted, node, now);
        List<OutboundMessage> claimed = messages.stream().filter(message -> taken.contains(message.id())).toList();
        if (claimed.isEmpty()) {
            return new Batch(claimed, null);
        }
        if (spaced) {
            // without spacing the next send may go at once, as the row (at most now) already says
            handle.createUpdate("UPDATE mailbox_pacing SET next_send_at = :next, updated_at = :now "
                            + "WHERE mailbox_id = :mailbox")
                    .bind("next", next).bind("now", now).bind("mailbox", mailboxId).execute();
        }
        countAll(handle, mailboxId, claimed.size(), now);
        boolean rest = claimed.size() < messages.size();
        Instant blocked = !rest ? null : spaced ? next
                : claimed.size() >= allowed ? blockedAt(handle, mailboxId, caps, now) : null;
        return new Batch(claimed, blocked);
    }

    /**
     * How many more sends the caps allow now (at least {@code wanted} when they do not bind): the running counts of
     * the day (hour buckets) and of the hour (minute buckets) read with one query, the exact count only when they
     * come near a cap.
     */
    private long allowed(Handle handle, long mailboxId, CapsConfig caps, int wanted, Instant now) {
        if (caps.perDay() == Integer.MAX_VALUE && caps.perHour() == Integer.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long[] upperBounds = handle.createQuery("""
                        SELECT COALESCE(SUM(CASE WHEN span_ms = :hour THEN sends ELSE 0 END), 0),
                               COALESCE(SUM(CASE WHEN span_ms = :minute THEN sends ELSE 0 END), 0)
                        FROM mailbox_send_count
                        WHERE mailbox_id = :mailbox AND ((span_ms = :hour AND bucket_start > :daySince)
                                                      OR (span_ms = :minute AND bucket_start > :hourSince))""")
                .bind("mailbox", mailboxId).bind("hour", HOUR.toMillis()).bind("minute", MINUTE.toMillis())
                .bind("daySince", now.minus(DAY).minus(HOUR).toEpochMilli())
                .bind("hourSince", now.minus(HOUR).minus(MINUTE).toEpochMilli())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        return Math.min(headroom(handle, mailboxId, caps.perDay(), DAY, upperBounds[0], wanted, now),
                headroom(handle, mailboxId, caps.perHour(), HOUR, upperBounds[1], wanted, now));
    }

    private long headroom(Handle handle, long mailboxId, int cap, Duration window, long upperBound, int wanted,
                          Instant now) {
        if (cap == Integer.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
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

    /**
     * Adds {@code sends} claims at {@code now} to the mailbox's running counts (minute and hour buckets) with one
     * statement; a bucket that does not exist yet (once a minute) is created, and the expired ones removed.
     */
    private static void countAll(Handle handle, long mailboxId, int sends, Instant now) {
        long minuteStart = bucketStart(now, MINUTE);
        long hourStart = bucketStart(now, HOUR);
        int updated = handle.createUpdate("""
                        UPDATE mailbox_send_count SET sends = sends + :sends
                        WHERE mailbox_id = :mailbox AND ((span_ms = :minute AND bucket_start = :minuteStart)
                                                      OR (span_ms = :hour AND bucket_start = :hourStart))""")
                .bind("sends", sends).bind("mailbox", mailboxId).bind("minute", MINUTE.toMillis())
                .bind("minuteStart", minuteStart).bind("hour", HOUR.toMillis()).bind("hourStart", hourStart)
                .execute();
        if (updated == 2) {
            return;
        }
        Set<Long> counted = new HashSet<>(handle.createQuery("""
                        SELECT span_ms FROM mailbox_send_count
                        WHERE mailbox_id = :mailbox AND ((span_ms = :minute AND bucket_start = :minuteStart)
                                                      OR (span_ms = :hour AND bucket_start = :hourStart))""")
                .bind("mailbox", mailboxId).bind("minute", MINUTE.toMillis()).bind("minuteStart", minuteStart)
                .bind("hour", HOUR.toMillis()).bind("hourStart", hourStart).mapTo(Long.class).list());
        for (Duration span : List.of(MINUTE, HOUR)) {
            if (counted.contains(span.toMillis())) {
                continue;
            }
            handle.createUpdate("DELETE FROM mailbox_send_count WHERE mailbox_id = :mailbox AND span_ms = :span "
                            + "AND bucket_start < :expired")
                    .bind("mailbox", mailboxId).bind("span", span.toMillis())
                    .bind("expired", now.minus(DAY).minus(HOUR).toEpochMilli()).execute();
            handle.createUpdate("INSERT INTO mailbox_send_count (mailbox_id, span_ms, bucket_start, sends) "
                            + "VALUES (:mailbox, :span, :start, :sends)")
                    .bind("mailbox", mailboxId).bind("span", span.toMillis()).bind("start", bucketStart(now, span))
                    .bind("sends", sends).execute();
        }
    }

    private static long bucketStart(Instant now, Duration span) {
        return now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), span.toMillis());
    }

    /**
     * When the mailbox may send next: null when it may send now, else the first instant at which the daily cap,
     * the hourly cap and the spacing all allow a send. Reads without locking (exact only inside {@link #claimBatch}).
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
        return outbox.claimedSince(handle, mailboxId, now.minus(window));
    }

    private Instant capFreeAt(Handle handle, long mailboxId, int cap, Duration window, Instant now) {
        if (cap == Integer.MAX_VALUE) {
            return null;
        }
        int count = sendsWithin(handle, mailboxId, window, now);
        if (count < cap) {
            return null;
        }
        return outbox.claimedAt(handle, mailboxId, now.minus(window), count - cap).plus(window);
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
