package io.followup.outbox;

import io.followup.config.MailboxConfig;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is queued. Each message is first claimed ({@code queued -> sending}) in a committed transaction,
 * then handed to SMTP, then marked {@code sent}. The sender's rule ({@link SmtpMailer#send}): a failure before the
 * final dot of DATA puts the message back in the queue with a growing delay (bounded number of tries); a failure
 * after it without a verdict from the server marks it {@code in_doubt} (never sent again automatically); a 5xx
 * marks it {@code failed} at once (a 5xx at RCPT is also a hard bounce for the listener). The reply code, enhanced
 * status and stage are recorded on the row. A 4xx or 5xx for one message never stops the others; only a failure of
 * the mailbox's server (lost connection, refused at connect, 421) ends the mailbox's batch until the next run. The claim also enforces the mailbox's caps and spacing ({@link SendPacing}, under a row lock): when
 * they hold a mailbox back, its remaining messages wait for a later run, in the order {@link OutboxStore#sendable}
 * gives. Safe to call from one thread at a time per instance; several daemons may run it on one database.
 */
public final class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final int MAX_SEND_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final Clock clock;
    private final String nodeId;
    private final OutboxStore outbox;
    private final EventLog events;
    private final LongFunction<MailboxConfig> mailboxes;
    private final MailerFactory mailers;
    private final SendListener listener;
    private final List<SendGate> gates;
    private final List<SendVeto> vetoes;
    private final SendPacing pacing;

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

    /** Sends up to {@code limit} due messages; returns how many were sent. */
    public int sendDue(int limit) {
        List<OutboundMessage> due = jdbi.withHandle(handle -> outbox.sendable(handle, clock.instant(), limit));
        Map<Long, List<OutboundMessage>> byMailbox = new LinkedHashMap<>();
        for (OutboundMessage message : due) {
            byMailbox.computeIfAbsent(message.mailboxId(), id -> new java.util.ArrayList<>()).add(message);
        }
        int sent = 0;
        for (Map.Entry<Long, List<OutboundMessage>> entry : byMailbox.entrySet()) {
            MailboxConfig mailbox = mailboxes.apply(entry.getKey());
            pacing.ensureRow(jdbi, entry.getKey(), clock.instant());
            try (SmtpMailer mailer = mailers.open(mailbox)) {
                for (OutboundMessage message : entry.getValue()) {
                    Result result = sendOne(mailer, mailbox, message);
                    if (result == Result.SENT) {
                        sent++;
                    } else if (result == Result.CONNECTION_FAILED || result == Result.CAPPED) {
                        break;
                    }
                }
            }
        }
        if (!due.isEmpty()) {
            log.debug("outbox: {} of {} due message(s) sent", sent, due.size());
        }
        return sent;
    }

    private enum Result { SENT, SKIPPED, FAILED, CONNECTION_FAILED, CAPPED }

    private Result sendOne(SmtpMailer mailer, MailboxConfig mailbox, OutboundMessage message) {
        Instant now = clock.instant();
        for (SendGate gate : gates) {
            Instant allowedAt = gate.notBefore(message, now);
            if (allowedAt != null && allowedAt.isAfter(now)) {
                jdbi.useTransaction(handle -> outbox.deferQueued(handle, message.id(), allowedAt, now));
                log.debug("outbound #{} deferred to {} by {}", message.id(), allowedAt, gate.getClass().getSimpleName());
                return Result.SKIPPED;
            }
        }
        SendPacing.Claim claim = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            for (SendVeto veto : vetoes) {
                if (veto.vetoed(handle, message, clock.instant())) {
                    log.info("outbound #{} cancelled by {}", message.id(), veto.getClass().getSimpleName());
                    return SendPacing.Claim.LOST;
                }
            }
            return pacing.claim(handle, outbox, message, mailbox.caps(), nodeId, clock.instant());
        });
        if (claim.blocked()) {
            log.debug("mailbox {}: caps/spacing hold sending back until {}", mailbox.name(), claim.blockedUntil());
            return Result.CAPPED;
        }
        if (!claim.claimed()) {
            return Result.SKIPPED;
        }
        SmtpReply reply;
        try {
            reply = mailer.send(message);
        } catch (MailException e) {
            return recordFailure(message, e);
        }
        jdbi.useTransaction(handle -> {
            Instant sentAt = clock.instant();
            if (outbox.markSent(handle, message.id(), sentAt)) {
                outbox.recordSmtp(handle, message.id(), SmtpStage.END_OF_DATA, reply);
                events.append(handle, sentAt, EventLog.Event.of("sent", "outbox").outbound(message.id())
                        .enrollment(message.enrollmentId())
                        .detail((message.isStep() ? "step " + message.stepNo() : message.kind().db()) + ": "
                                + message.subject()));
                listener.sent(handle, message, sentAt);
            }
        });
        log.info("sent step {} of enrollment #{} to {} ({})", message.stepNo(), message.enrollmentId(),
                message.toAddress(), message.messageId());
        return Result.SENT;
    }

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
                    events.append(handle, now, EventLog.Event.of("in_doubt", "smtp").outbound(message.id())
                            .enrollment(message.enrollmentId()).detail(message.messageId() + " to "
                                    + message.toAddress() + ": the server may have it; not re-sent: "
                                    + failure.getMessage()));
                }
            } else if (giveUp) {
                if (outbox.transition(handle, message.id(), OutboundState.SENDING, OutboundState.FAILED,
                        failure.getMessage(), now)) {
                    outbox.recordSmtp(handle, message.id(), failure.stage(), failure.reply());
                    events.append(handle, now, EventLog.Event.of("send_failed", "smtp").outbound(message.id())
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
                events.append(handle, now, EventLog.Event.of("send_retry", "smtp").outbound(message.id())
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
