package io.followup.outbox;

import io.followup.config.MailboxConfig;
import io.followup.store.Deadlocks;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is queued. Messages are claimed ({@code queued -> sending}) a few at a time ({@link #CLAIM_BATCH}) in a
 * committed transaction, then handed to SMTP one after the other over the mailbox's open connection; the sent ones
 * are marked {@code sent} together in one transaction on a bookkeeping thread while the next batch goes over SMTP
 * (claimed ahead on another), so at most {@link #IN_FLIGHT} batches per mailbox are in {@code sending}. The sender's
 * rule ({@link SmtpMailer#send}): a failure before the final dot
 * of DATA puts the message back in the queue with a growing delay (bounded number of tries); a failure after it
 * without a verdict from the server marks it {@code in_doubt} (never sent again automatically); a 5xx marks it
 * {@code failed} at once (a 5xx at RCPT is also a hard bounce for the listener). The reply code, enhanced status and
 * stage are recorded on the row. A 4xx or 5xx for one message never stops the others; only a failure of the
 * mailbox's server (lost connection, refused at connect, 421) ends the mailbox's batch until the next run, and the
 * claims it did not get to go back to the queue. The claim also enforces the mailbox's caps and spacing
 * ({@link SendPacing}, under a row lock): when they hold a mailbox back, its remaining messages wait for a later run,
 * in the order {@link OutboxStore#sendable} gives. The gates (stop switch, send window) are asked once per two
 * claimed batches (read together, claimed one after the other; a message no longer queued at its claim is skipped).
 * A process killed in the middle of a batch leaves its claims in {@code sending}: at the next start
 * ({@link OutboxRecovery}) the node's {@link SendJournal} tells which the server accepted (recorded as sent), which
 * were never attempted (queued again) and which one was on the wire ({@code in_doubt}), never a duplicate. Several daemons may run it on one
 * database.
 */
public final class OutboxSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final int MAX_SEND_ATTEMPTS = 5;
    /** Messages claimed together (at most this many become in_doubt if the process is killed mid-batch). */
    static final int CLAIM_BATCH = 20;
    /**
     * Batches of one mailbox in {@code sending} at most: one being recorded, one on the wire, one claimed ahead (what
     * a killed process leaves there when its journal cannot be trusted, e.g. after a reboot: all {@code in_doubt}).
     */
    static final int IN_FLIGHT = 3;
    /** Mailboxes sending at the same time. */
    static final int PARALLEL_MAILBOXES = 4;

    private final Jdbi jdbi;
    private final Clock clock;
    private final String nodeId;
    private final OutboxStore outbox;
    private final EventLog events;
    private final LongFunction<MailboxConfig> mailboxes;
    private final MailerFactory mailers;
    private final SendListener listener;
    private volatile SendJournal journal = SendJournal.none();
    private final List<SendGate> gates;
    private final List<SendVeto> vetoes;
    private final SendPacing pacing;
    private final Map<Long, SmtpMailer> openMailers = new ConcurrentHashMap<>();
    private final Object executors = new Object();
    private ExecutorService pool;
    private ExecutorService books;

    /** Opens an SMTP mailer for a mailbox. */
    @FunctionalInterface
    public interface MailerFactory {
        SmtpMailer open(MailboxConfig mailbox);
    }

    public OutboxSender(Jdbi jdbi, Clock clock, String nodeId, OutboxStore outbox, EventLog events,
                        LongFunction<MailboxConfig> mailboxes, MailerFactory mailers, SendListener listener,
                        List<SendGate> gates) {
        this(jdbi, clock, nodeId, outbox, events, mailboxes, mailers, listener, gates, List.of(), new SendPacing());
    }

    /**
     * @param vetoes rules that cancel a message for good (a suppressed recipient), asked before each claim
     * @param pacing the caps and spacing enforced at claim time
     */
    public OutboxSender(Jdbi jdbi, Clock clock, String nodeId, OutboxStore outbox, EventLog events,
                        LongFunction<MailboxConfig> mailboxes, MailerFactory mailers, SendListener listener,
                        List<SendGate> gates, List<SendVeto> vetoes, SendPacing pacing) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.nodeId = nodeId;
        this.outbox = outbox;
        this.events = events;
        this.mailboxes = mailboxes;
        this.mailers = mailers;
        this.listener = listener;
        this.gates = List.copyOf(gates);
        this.vetoes = List.copyOf(vetoes);
        this.pacing = pacing;
    }

    /**
     * Writes each SMTP attempt to {@code journal} from now on, so that a killed process leaves only the message it
     * was transmitting in doubt ({@link OutboxRecovery}); call before the first send. Returns this sender.
     */
    public OutboxSender journal(SendJournal journal) {
        this.journal = journal;
        return this;
    }

    /**
     * Sends up to {@code limit} due messages; returns how many were sent. The mailboxes of the page go in parallel
     * (at most {@link #PARALLEL_MAILBOXES} at once), each over one SMTP connection; the connections stay open for
     * the next pass when this one was full ({@code limit} messages: more is due), else they are closed. One thread
     * at a time per instance (the method is synchronized).
     */
    public synchronized int sendDue(int limit) {
        return sendPage(limit, 0);
    }

    /**
     * Sends what is due page after page while there is some, for at most {@code budget} (the chore's pass: a large
     * queue drains at the rate SMTP allows, not {@code pageSize} per run); returns how many were sent. A mailbox's
     * pipeline is kept from one page to the next: when its batches run out, the thread that claims ahead reads the
     * next page while the last batch of the previous one is still on the wire, as long as the budget lasts and the
     * page holds no message of a mailbox that is not sending in this pass (those get their turn in the next one).
     */
    public synchronized int sendAvailable(int pageSize, Duration budget) {
        long end = System.nanoTime() + budget.toNanos();
        int total = 0;
        int sent;
        do {
            sent = sendPage(pageSize, end);
            total += sent;
        } while (sent > 0 && System.nanoTime() < end);
        return total;
    }

    /** One page of {@code limit}; its mailboxes read further pages until {@code end} (nano time; 0: none). */
    private int sendPage(int limit, long end) {
        List<OutboxStore.Due> due = jdbi.withHandle(handle -> outbox.sendablePage(handle, clock.instant(), limit));
        Map<Long, List<Long>> byMailbox = new LinkedHashMap<>();
        for (OutboxStore.Due message : due) {
            byMailbox.computeIfAbsent(message.mailboxId(), id -> new ArrayList<>()).add(message.id());
        }
        NextPages next = end == 0 || due.size() < limit ? null : new NextPages(byMailbox.keySet(), limit, end);
        int sent = 0;
        try {
            if (byMailbox.size() <= 1) {
                for (Map.Entry<Long, List<Long>> entry : byMailbox.entrySet()) {
                    sent += sendMailbox(entry.getKey(), entry.getValue(), next);
                }
            } else {
                sent = sendInParallel(byMailbox, next);
            }
        } finally {
            // a full page means more is due: the connections stay open for the next pass; else they are closed
            closeIdle(due.size() >= limit ? byMailbox.keySet() : java.util.Set.of());
        }
        if (!due.isEmpty()) {
            log.debug("outbox: {} of {} due message(s) sent", sent, due.size());
        }
        return sent;
    }

    /**
     * The pages after the first of a pass, for the mailboxes of the first ({@code mailboxes}): each mailbox's
     * pipeline asks for its next ids when its batches run out. A page that is not full, the end of the budget or a
     * message of another mailbox due in between ends the refills (of every mailbox of the pass), so a mailbox with a
     * large queue does not keep the others waiting past one page. Thread-safe.
     */
    private final class NextPages {

        private final java.util.Set<Long> mailboxes;
        private final int pageSize;
        private final long end;
        private volatile boolean over;

        NextPages(java.util.Set<Long> mailboxes, int pageSize, long end) {
            this.mailboxes = java.util.Set.copyOf(mailboxes);
            this.pageSize = pageSize;
            this.end = end;
        }

        /** Whether the pass reads no more pages. */
        boolean over() {
            return over || System.nanoTime() >= end;
        }

        /** The next due ids of {@code mailboxId}, in sending order; empty when the pass reads no more pages. */
        List<Long> of(long mailboxId) {
            if (over()) {
                return List.of();
            }
            List<OutboxStore.Due> due = jdbi.withHandle(handle -> outbox.sendablePage(handle, clock.instant(),
                    pageSize));
            if (due.size() < pageSize || due.stream().anyMatch(message -> !mailboxes.contains(message.mailboxId()))) {
                over = true;
            }
            return due.stream().filter(message -> message.mailboxId() == mailboxId).map(OutboxStore.Due::id)
                    .toList();
        }
    }

    private int sendInParallel(Map<Long, List<Long>> byMailbox, NextPages next) {
        ExecutorService pool = pool();
        List<Future<Integer>> running = new ArrayList<>();
        for (Map.Entry<Long, List<Long>> entry : byMailbox.entrySet()) {
            running.add(pool.submit(() -> sendMailbox(entry.getKey(), entry.getValue(), next)));
        }
        int sent = 0;
        RuntimeException failure = null;
        for (Future<Integer> task : running) {
            try {
                sent += task.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sent;
    }

    /** The claiming and recording threads: two per mailbox sending at once (a claim ahead, a batch's books). */
    private ExecutorService books() {
        synchronized (executors) {
            if (books == null) {
                AtomicInteger threads = new AtomicInteger();
                books = Executors.newFixedThreadPool(2 * PARALLEL_MAILBOXES, runnable -> {
                    Thread thread = new Thread(runnable, "outbox-books-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return books;
        }
    }

    private ExecutorService pool() {
        synchronized (executors) {
            if (pool == null) {
                AtomicInteger threads = new AtomicInteger();
                pool = Executors.newFixedThreadPool(PARALLEL_MAILBOXES, runnable -> {
                    Thread thread = new Thread(runnable, "outbox-send-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return pool;
        }
    }

    /**
     * One mailbox's messages of a page, {@link #CLAIM_BATCH} at a time, as a pipeline over three threads: while batch N
     * goes over SMTP on this thread, a bookkeeping thread records batch N-1's results (one transaction, batched
     * statements) and another reads batch N+1 (with N+2: once per two batches), asks the gates (stop switch, send
     * window) and claims it (caps, spacing, vetoes, one claiming statement; committed and written to the journal
     * before its first DATA). So the sender waits on the database only when the books are slower than SMTP. At most
     * {@link #IN_FLIGHT} batches of this mailbox are in {@code sending} at once (one being recorded, one on the wire,
     * one claimed ahead): the journal ({@link SendJournal}) tells after a kill which were accepted, which never begun
     * and which one was on the wire. Claims that never reached SMTP are given back.
     */
    private int sendMailbox(long mailboxId, List<Long> ids, NextPages next) {
        MailboxConfig mailbox = mailboxes.apply(mailboxId);
        pacing.ensureRow(jdbi, mailboxId, clock.instant());
        SmtpMailer mailer = openMailers.computeIfAbsent(mailboxId, id -> mailers.open(mailbox));
        Batches batches = new Batches(mailboxId, ids, next);
        CompletableFuture<Integer> recorded = CompletableFuture.completedFuture(0);
        CompletableFuture<Integer> recordedBefore = recorded;
        CompletableFuture<Claim> claiming = batches.mayHaveMore()
                ? CompletableFuture.completedFuture(readAndClaim(mailbox, mailboxId, batches)) : null;
        try {
            while (claiming != null) {
                Claim claim = await(claiming);
                claiming = null;
                if (claim == null) {
                    break;
                }
                if (!claim.batch().blocked() && batches.mayHaveMore()) {
                    claiming = CompletableFuture.supplyAsync(() -> readAndClaim(mailbox, mailboxId, batches),
                            books());
                }
                await(recordedBefore); // the books lag at most one batch behind the wire
                BatchResult result = sendClaimed(mailer, claim.batch().claimed(), claim.claimedAt());
                recordedBefore = recorded;
                recorded = recorded.thenApplyAsync(count -> count + recordSent(result.accepted()), books());
                if (claim.batch().blocked()) {
                    log.debug("mailbox {}: caps/spacing hold sending back until {}", mailbox.name(),
                            claim.batch().blockedUntil());
                    break;
                }
                if (result.connectionFailed()) {
                    break;
                }
            }
        } finally {
            if (claiming != null) {
                // claimed ahead when the mailbox stopped (lost connection, a failure): never attempted, given back
                Claim ahead = claiming.exceptionally(failure -> null).join();
                if (ahead != null) {
                    release(ahead.batch().claimed().stream().map(OutboundMessage::id).toList());
                }
            }
        }
        return await(recorded);
    }

    /**
     * A mailbox's ids of a pass cut into batches of {@link #CLAIM_BATCH}, with its next pages read when they run out
     * ({@code next}, null: the first page only). Two batches are read (and asked to the gates) at once, then claimed
     * one after the other: the reads of the second cost no round trip of their own. Used by one claiming thread at a
     * time (each claim starts after the previous one ended); {@link #mayHaveMore} is also read by the sending thread.
     */
    private static final class Batches {

        private final long mailboxId;
        private final NextPages next;
        private final java.util.ArrayDeque<Long> ids;
        /** Messages read and let through by the gates, not claimed yet (still queued: nothing to give back). */
        private final java.util.ArrayDeque<OutboundMessage> read = new java.util.ArrayDeque<>();
        private volatile boolean more;

        Batches(long mailboxId, List<Long> ids, NextPages next) {
            this.mailboxId = mailboxId;
            this.next = next;
            this.ids = new java.util.ArrayDeque<>(ids);
            this.more = !ids.isEmpty() || next != null;
        }

        /** Whether a further batch may come (false once the ids ran out and no page is left to read). */
        boolean mayHaveMore() {
            return more;
        }

        /**
         * The next batch to claim, as read by {@code reader} (messages still queued, minus those the gates hold
         * back; possibly empty); null when none is left. When none is read ahead, the next two batches' ids are
         * read with one call.
         */
        synchronized List<OutboundMessage> take(java.util.function.Function<List<Long>, List<OutboundMessage>> reader) {
            if (read.isEmpty()) {
                List<Long> batch = takeIds(2 * CLAIM_BATCH);
                if (batch.isEmpty()) {
                    more = false;
                    return null;
                }
                read.addAll(reader.apply(batch));
            }
            List<OutboundMessage> batch = new ArrayList<>(CLAIM_BATCH);
            while (batch.size() < CLAIM_BATCH && !read.isEmpty()) {
                batch.add(read.poll());
            }
            more = !read.isEmpty() || !ids.isEmpty() || (next != null && !next.over());
            return batch;
        }

        /** Up to {@code count} next ids (fewer at the end of a page: a page is never mixed with the next). */
        private List<Long> takeIds(int count) {
            if (ids.isEmpty() && next != null && more) {
                ids.addAll(next.of(mailboxId));
            }
            List<Long> batch = new ArrayList<>(count);
            while (batch.size() < count && !ids.isEmpty()) {
                batch.add(ids.poll());
            }
            return batch;
        }
    }

    /** Runs {@code future} to its end; a failure is rethrown as it was thrown (unchecked). */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    /** A claimed batch: what the claim gave and when it was made. */
    private record Claim(SendPacing.Batch batch, Instant claimedAt) {
    }

    /**
     * Reads the next batches until one has messages still queued and not held back by the gates, claims it in a
     * committed transaction and writes the claim to the journal; null when none is left.
     */
    private Claim readAndClaim(MailboxConfig mailbox, long mailboxId, Batches batches) {
        for (List<OutboundMessage> read = batches.take(this::readBatch); read != null;
             read = batches.take(this::readBatch)) {
            List<OutboundMessage> batch = read;
            if (batch.isEmpty()) {
                continue;
            }
            Instant claimedAt = clock.instant();
            // two nodes claiming the same mailbox may deadlock on its pacing rows (MariaDB): the loser is undone
            // whole, so it is tried again
            SendPacing.Batch claim = Deadlocks.retried(() -> jdbi.inTransaction(
                    TransactionIsolationLevel.READ_COMMITTED, handle -> pacing.claimBatch(handle, outbox, mailboxId,
                            batch, mailbox.caps(), nodeId, claimedAt, candidates -> vetoed(handle, candidates))));
            List<Long> claimed = claim.claimed().stream().map(OutboundMessage::id).toList();
            try {
                journal.claimed(claimed);
            } catch (RuntimeException unwritten) {
                release(claimed); // a claim the journal does not know must not reach SMTP
                throw unwritten;
            }
            return new Claim(claim, claimedAt);
        }
        return null;
    }

    /** The messages of {@code ids} still queued, minus those the gates hold back (deferred). */
    private List<OutboundMessage> readBatch(List<Long> ids) {
        return holdBack(jdbi.withHandle(handle -> outbox.queuedByIds(handle, ids)));
    }

    /** Asks the gates about a batch; defers the messages held back (one transaction) and returns the others. */
    private List<OutboundMessage> holdBack(List<OutboundMessage> batch) {
        Instant now = clock.instant();
        Map<Long, Instant> held = new LinkedHashMap<>();
        for (SendGate gate : gates) {
            List<OutboundMessage> asked = batch.stream().filter(message -> !held.containsKey(message.id())).toList();
            gate.notBefore(asked, now).forEach((id, allowedAt) -> {
                if (allowedAt != null && allowedAt.isAfter(now)) {
                    held.putIfAbsent(id, allowedAt);
                    log.debug("outbound #{} deferred to {} by {}", id, allowedAt, gate.getClass().getSimpleName());
                }
            });
        }
        if (held.isEmpty()) {
            return batch;
        }
        jdbi.useTransaction(handle -> held.forEach((id, allowedAt) -> outbox.deferQueued(handle, id, allowedAt, now)));
        return batch.stream().filter(message -> !held.containsKey(message.id())).toList();
    }

    /** Asks the vetoes about a batch (in the claiming transaction); the ids cancelled. */
    private java.util.Set<Long> vetoed(Handle handle, List<OutboundMessage> messages) {
        java.util.Set<Long> cancelled = new java.util.HashSet<>();
        for (SendVeto veto : vetoes) {
            List<OutboundMessage> asked = messages.stream().filter(message -> !cancelled.contains(message.id()))
                    .toList();
            for (long id : veto.vetoedAmong(handle, asked, clock.instant())) {
                log.info("outbound #{} cancelled by {}", id, veto.getClass().getSimpleName());
                cancelled.add(id);
            }
        }
        return cancelled;
    }

    private record BatchResult(List<Accepted> accepted, boolean connectionFailed) {
    }

    /** A message the server accepted (its reply to the final dot), not yet recorded. */
    private record Accepted(OutboundMessage message, SmtpReply reply, Instant at, Instant claimedAt) {
    }

    /**
     * Sends claimed messages one after the other over {@code mailer}. Each failure is recorded for its message at
     * once (retry, refused, in doubt); a lost connection ends the batch. The accepted messages are recorded as sent
     * afterwards (by the caller, one transaction; here at once when a failure escapes), and the claims the batch
     * never got to are given back, whatever happened.
     */
    private BatchResult sendClaimed(SmtpMailer mailer, List<OutboundMessage> claimed, Instant claimedAt) {
        List<Accepted> accepted = new ArrayList<>();
        int next = 0;
        boolean connectionFailed = false;
        boolean completed = false;
        try {
            while (next < claimed.size()) {
                OutboundMessage message = claimed.get(next);
                journal.beginning(message.id()); // if it cannot be written, this claim goes back with the rest
                next++;
                try {
                    SmtpReply reply = mailer.send(message);
                    Instant at = clock.instant();
                    journal.accepted(message.id(), reply, at);
                    accepted.add(new Accepted(message, reply, at, claimedAt));
                } catch (MailException e) {
                    if (recordFailure(message, e) == Result.CONNECTION_FAILED) {
                        connectionFailed = true;
                        break;
                    }
                } catch (RuntimeException e) {
                    // not an SMTP verdict: whether the server got it is unknown, so it is never sent again by itself
                    mailer.close();
                    recordUnexpected(message, e);
                }
            }
            completed = true;
        } finally {
            if (!completed) {
                recordSent(accepted);
                accepted.clear();
            }
            List<Long> untouched = claimed.subList(next, claimed.size()).stream().map(OutboundMessage::id).toList();
            release(untouched);
        }
        return new BatchResult(accepted, connectionFailed);
    }

    /** Gives claims that never reached SMTP back to the queue (no attempt counted). */
    private void release(List<Long> untouched) {
        if (!untouched.isEmpty()) {
            int released = jdbi.inTransaction(handle -> outbox.releaseClaims(handle, untouched, nodeId,
                    clock.instant()));
            log.debug("{} claimed message(s) not attempted went back to the queue", released);
        }
    }

    /**
     * Records accepted messages as sent: one transaction for all, with one batched statement per table; if that
     * fails, one transaction per message.
     */
    private int recordSent(List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return 0;
        }
        try {
            int sent = jdbi.inTransaction(handle -> recordSent(handle, accepted));
            accepted.forEach(OutboxSender::logSent);
            return sent;
        } catch (RuntimeException batchFailed) {
            log.warn("recording {} sent message(s) together failed ({}); recording them one by one",
                    accepted.size(), batchFailed.toString());
        }
        int sent = 0;
        for (Accepted message : accepted) {
            try {
                sent += jdbi.inTransaction(handle -> recordSent(handle, List.of(message)));
                logSent(message);
            } catch (RuntimeException e) {
                log.error("outbound #{} ({}) was accepted by the server but could not be recorded as sent ({}); it "
                        + "stays in sending and becomes in_doubt, never sent again", message.message().id(),
                        message.message().messageId(), e.toString());
            }
        }
        return sent;
    }

    /** Marks the messages still in {@code sending} sent, logs their events and tells the listener; how many. */
    private int recordSent(Handle handle, List<Accepted> accepted) {
        Map<Long, Integer> marked = outbox.markSentAll(handle, accepted.stream()
                .map(message -> new OutboxStore.SentMark(message.message().id(), message.reply(), message.at()))
                .toList());
        List<Accepted> recorded = current(handle, accepted.stream()
                .filter(message -> marked.containsKey(message.message().id())).toList(), marked);
        events.appendAll(handle, recorded.stream().map(sent -> new EventLog.Entry(sent.at(),
                EventLog.Event.of(EventKind.SENT, "outbox").outbound(sent.message().id())
                        .enrollment(sent.message().enrollmentId())
                        .detail((sent.message().isStep() ? "step " + sent.message().stepNo()
                                : sent.message().kind().db()) + ": " + sent.message().subject()))).toList());
        listener.sentAll(handle, recorded.stream().map(sent -> new SendListener.Sent(sent.message(), sent.at(),
                sent.claimedAt(), sent.reply())).toList());
        return recorded.size();
    }

    /**
     * {@code accepted} with each message as stored now: a sequence reload during the SMTP transaction may have filed
     * a message under another step number ({@code steps}, as marking them read them; a message is read again only
     * when it moved).
     */
    private List<Accepted> current(Handle handle, List<Accepted> accepted, Map<Long, Integer> steps) {
        return accepted.stream().map(sent -> {
            Integer step = steps.get(sent.message().id());
            return step == null || step == sent.message().stepNo() ? sent : new Accepted(
                    outbox.byId(handle, sent.message().id()), sent.reply(), sent.at(), sent.claimedAt());
        }).toList();
    }

    private static void logSent(Accepted accepted) {
        OutboundMessage message = accepted.message();
        if (message.isStep()) {
            log.info("sent step {} of enrollment #{} to {} ({})", message.stepNo(), message.enrollmentId(),
                    message.toAddress(), message.messageId());
        } else {
            log.info("sent {} #{} to {} ({})", message.kind().db().replace('_', ' '), message.id(),
                    message.toAddress(), message.messageId());
        }
    }

    /** A failure that is no SMTP verdict (a bug, a broken message): in doubt, never re-sent by itself. */
    private void recordUnexpected(OutboundMessage message, RuntimeException failure) {
        log.error("outbound #{} ({}): sending failed unexpectedly; marked in_doubt, not re-sent", message.id(),
                message.messageId(), failure);
        try {
            jdbi.useTransaction(handle -> {
                Instant now = clock.instant();
                if (outbox.transition(handle, message.id(), OutboundState.SENDING, OutboundState.IN_DOUBT,
                        failure.toString(), now)) {
                    events.append(handle, now, EventLog.Event.of(EventKind.IN_DOUBT, "outbox").outbound(message.id())
                            .enrollment(message.enrollmentId()).detail(message.messageId() + " to "
                                    + message.toAddress() + ": sending failed unexpectedly; not re-sent: "
                                    + failure));
                }
            });
        } catch (RuntimeException e) {
            log.error("outbound #{}: recording the failure failed too ({}); it stays in sending", message.id(),
                    e.toString());
        }
    }

    /** Closes the connections of the mailboxes not in {@code busy}. */
    private void closeIdle(java.util.Set<Long> busy) {
        openMailers.entrySet().removeIf(entry -> {
            if (busy.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
    }

    /** Closes the open SMTP connections, the sending threads and the journal. */
    @Override
    public synchronized void close() {
        closeIdle(java.util.Set.of());
        journal.close();
        synchronized (executors) {
            if (pool != null) {
                pool.shutdownNow();
                pool = null;
            }
            if (books != null) {
                books.shutdown();
                books = null;
            }
        }
    }

    private enum Result { FAILED, CONNECTION_FAILED }

    private Result recordFailure(OutboundMessage message, MailException failure) {
        int attempts = message.sendAttempts() + 1;
        MailException.Disposition disposition = failure.disposition();
        boolean giveUp = disposition == MailException.Disposition.REFUSED
                || (disposition == MailException.Disposition.RETRY && attempts >= MAX_SEND_ATTEMPTS);
        jdbi.useTransaction(handle -> {
            Instant now = clock.instant();
            if (disposition == MailException.Disposition.IN_DOUBT) {
                if (outbox.transition(handle, message.id(), OutboundState.SENDING, OutboundState.IN_DOUBT,
                        failure.getMessage(), now)) {
                    outbox.recordSmtp(handle, message.id(), failure.stage(), failure.reply());
                    events.append(handle, now, EventLog.Event.of(EventKind.IN_DOUBT, "smtp").outbound(message.id())
                            .enrollment(message.enrollmentId()).detail(message.messageId() + " to "
                                    + message.toAddress() + ": the server may have it; not re-sent: "
                                    + failure.getMessage()));
                }
            } else if (giveUp) {
                if (outbox.transition(handle, message.id(), OutboundState.SENDING, OutboundState.FAILED,
                        failure.getMessage(), now)) {
                    outbox.recordSmtp(handle, message.id(), failure.stage(), failure.reply());
                    events.append(handle, now, EventLog.Event.of(EventKind.SEND_FAILED, "smtp").outbound(message.id())
                            .enrollment(message.enrollmentId()).detail(failure.getMessage()));
                    listener.failed(handle, message, failure.getMessage(), now);
                    if (failure.recipientRefused()) {
                        listener.recipientRefused(handle, message, failure.reply(), now);
                    }
                }
            } else {
                Instant retryAt = now.plus(backoff(attempts));
                if (outbox.requeue(handle, message.id(), retryAt, failure.getMessage(), now)) {
                    outbox.recordSmtp(handle, message.id(), failure.stage(), failure.reply());
                }
                events.append(handle, now, EventLog.Event.of(EventKind.SEND_RETRY, "smtp").outbound(message.id())
                        .enrollment(message.enrollmentId())
                        .detail("attempt " + attempts + " failed, retry at " + retryAt + ": " + failure.getMessage()));
            }
        });
        log.warn("{}{}", failure.getMessage(), disposition == MailException.Disposition.IN_DOUBT
                ? " (in doubt: not re-sent)" : giveUp ? " (gave up)" : " (will retry)");
        return failure.mailboxUnavailable() ? Result.CONNECTION_FAILED : Result.FAILED;
    }

    /** 1, 5, 15, 60 minutes... between tries of one message. */
    static Duration backoff(int attempts) {
        return switch (attempts) {
            case 1 -> Duration.ofMinutes(1);
            case 2 -> Duration.ofMinutes(5);
            case 3 -> Duration.ofMinutes(15);
            default -> Duration.ofHours(1);
        };
    }
}
