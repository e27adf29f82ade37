package io.followup.approval;

import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.ErasureParticipant;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.StandaloneOutbox;
import io.followup.sequence.SequenceCatalog;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.store.MultiRow;
import io.followup.store.UniqueKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chore that tells owners when drafts wait for their approval: per owner, at most one email an hour, sent
 * through the outbox (a {@code notice}) with a link to the queue, and only while drafts of the owner's mailboxes
 * wait ({@code pending_approval}, not snoozed). The owner's {@code approval_notice} row, claimed by a conditional
 * UPDATE (or the first INSERT) in the transaction that queues the notice, keeps several daemons from both sending
 * one within the hour. Thread-safe.
 */
public final class ApprovalNotifier {

    private static final Logger log = LoggerFactory.getLogger(ApprovalNotifier.class);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final StandaloneOutbox outbox;
    private final EventLog events;
    private final Supplier<String> queueUrl;
    private final OutboxStore drafts = new OutboxStore();

    /**
     * @param queueUrl the queue's address for the link (the web UI's base URL + {@code /queue})
     */
    public ApprovalNotifier(Jdbi jdbi, Clock clock, SequenceCatalog catalog, List<OwnerConfig> owners,
                            StandaloneOutbox outbox, EventLog events,
                            Supplier<String> queueUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.outbox = outbox;
        this.events = events;
        this.queueUrl = queueUrl;
    }

    /** Queues the notices that are due now; returns how many. */
    public int notifyOwners() {
        int sent = 0;
        for (OwnerConfig owner : owners) {
            if (notifyOwner(owner)) {
                sent++;
            }
        }
        log.debug("approval notices: {} queued", sent);
        return sent;
    }

    private boolean notifyOwner(OwnerConfig owner) {
        List<Long> mailboxes = catalog.mailboxes().entrySet().stream()
                .filter(entry -> owner.email().equalsIgnoreCase(String.valueOf(entry.getValue().owner())))
                .map(Map.Entry::getKey).sorted().toList();
        if (mailboxes.isEmpty()) {
            return false;
        }
        try {
            return jdbi.inTransaction(handle -> notifyOwner(handle, owner, mailboxes));
        } catch (UnableToExecuteStatementException e) {
            if (UniqueKey.violated(e)) {
                log.debug("approval notice for {} already queued by another node this hour", owner.email());
            } else {
                recordFailure(owner, e);
            }
            return false;
        } catch (RuntimeException e) {
            recordFailure(owner, e);
            return false;
        }
    }

    /** A real failure: logged at WARN and, when the database takes it, recorded in the event log for the owner. */
    private void recordFailure(OwnerConfig owner, RuntimeException failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage().replaceAll("\\s+", " ").strip();
        log.warn("approval notice for {} failed: {}", owner.email(), reason);
        try {
            jdbi.useTransaction(handle -> events.append(handle, clock.instant(),
                    EventLog.Event.of(EventKind.APPROVAL_NOTICE_FAILED, "approval-notices")
                            .detail(owner.email() + ": " + reason)));
        } catch (RuntimeException unrecorded) {
            log.warn("approval notice failure for {} could not be recorded either: {}", owner.email(),
                    unrecorded.getMessage());
        }
    }

    /**
     * Claims this hour's notice for the owner: a conditional UPDATE of the owner's row when the last notice is an
     * hour old, or the INSERT of the first row (a concurrent second INSERT fails on the primary key).
     */
    private static boolean claim(Handle handle, String owner, int pending, Instant now) {
        int updated = handle.createUpdate("""
                        UPDATE approval_notice SET sent_at = :now, pending = :pending, outbound_id = NULL
                        WHERE owner_email = :owner AND sent_at <= :due""")
                .bind("now", now).bind("pending", pending).bind("owner", owner)
                .bind("due", now.minus(INTERVAL)).execute();
        if (updated == 1) {
            return true;
        }
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM approval_notice WHERE owner_email = :owner")
                .bind("owner", owner).mapTo(Integer.class).one() > 0;
        if (exists) {
            return false;
        }
        handle.createUpdate("INSERT INTO approval_notice (owner_email, sent_at, pending) VALUES (:owner, :now, :pending)")
                .bind("owner", owner).bind("now", now).bind("pending", pending).execute();
        return true;
    }

    private boolean notifyOwner(Handle handle, OwnerConfig owner, List<Long> mailboxes) {
        Instant now = clock.instant();
        int pending = drafts.waitingForApproval(handle, mailboxes, now);
        if (pending == 0) {
            return false;
        }
        if (!claim(handle, owner.email(), pending, now)) {
            return false;
        }
        MailboxConfig mailbox = catalog.mailbox(mailboxes.get(0));
        String subject = pending == 1 ? "1 draft waits for your approval"
                : pending + " drafts wait for your approval";
        String text = "Hello " + owner.name() + ",\n\n" + subject + " in followup.\n\nReview them here: "
                + queueUrl.get() + "\n\nYou get at most one such email an hour.\n";
        Optional<Long> outboundId = outbox.queue(handle, new StandaloneOutbox.Written(OutboundKind.NOTICE,
                "approval-notice:" + owner.email() + ":" + now.toEpochMilli(), null, mailboxes.get(0), mailbox,
                "(approval notice)", owner.email(), owner.name(), subject, text, null), now);
        if (outboundId.isEmpty()) {
            return false;
        }
        handle.createUpdate("UPDATE approval_notice SET outbound_id = :id WHERE owner_email = :owner")
                .bind("id", outboundId.get()).bind("owner", owner.email()).execute();
        events.append(handle, now, EventLog.Event.of(EventKind.APPROVAL_NOTICE, "drafts wait for approval")
                .outbound(outboundId.get()).detail(pending + " draft(s) for " + owner.email()));
        log.info("approval notice queued for {}: {} draft(s) wait", owner.email(), pending);
        return true;
    }

    /** Notices keep no link to a forgotten contact's messages ({@code ContactEraser}'s participant). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        MultiRow.updateIn(handle, "UPDATE approval_notice SET outbound_id = NULL WHERE outbound_id IN (<ids>)",
                forgotten.outbound());
    }
}
