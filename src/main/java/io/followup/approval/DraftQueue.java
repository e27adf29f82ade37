package io.followup.approval;

import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.SendListener;
import io.followup.outbox.SmtpOutcome;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval queue: drafts waiting for a person ({@code pending_approval}), drafts held by a template error
 * ({@code held}) and messages whose sending was interrupted ({@code in_doubt}), and the decisions on them.
 * <ul>
 *   <li>approve: {@code pending_approval} or a fixed {@code held} draft becomes {@code queued}; send windows and
 *       caps then apply as to any queued message. A held enrollment becomes active again.</li>
 *   <li>reject: the draft becomes {@code rejected} and its enrollment is stopped ("draft rejected"): a person who
 *       does not want this step sent is not assumed to want the next one.</li>
 *   <li>edit: subject and/or text (and HTML) of a {@code pending_approval} or {@code held} draft change on the
 *       draft only; the template is untouched.</li>
 *   <li>snooze: a {@code pending_approval} draft stays unsent and out of the queue's view (and of the approval
 *       notices) until the given time ({@code snoozed_until}); it can still be approved or rejected.</li>
 *   <li>resolve: an {@code in_doubt} message is confirmed {@code sent} (the enrollment moves on) or queued again
 *       under the same Message-ID.</li>
 * </ul>
 * Every decision writes an {@code approval_decision} row and an {@code event_log} row in the transaction that makes
 * the change; every change is a conditional UPDATE on the expected state, so a draft that changed meanwhile (sent,
 * cancelled by a reply, decided by someone else) fails with an {@link ApprovalException} instead of being
 * overwritten. Thread-safe.
 */
public final class DraftQueue {

    private static final Logger log = LoggerFactory.getLogger(DraftQueue.class);

    /** The states {@code drafts list} shows by default and the ones it accepts. */
    public static final Set<OutboundState> WAITING =
            Set.of(OutboundState.PENDING_APPROVAL, OutboundState.HELD, OutboundState.IN_DOUBT);
    private static final Set<OutboundState> EDITABLE = Set.of(OutboundState.PENDING_APPROVAL, OutboundState.HELD);

    private final Jdbi jdbi;
    private final Clock clock;
    private final OutboxStore outbox;
    private final EnrollmentStore enrollments;
    private final EventLog events;
    private final SendListener progress;
    private final DecisionLog decisions = new DecisionLog();
    private final DraftList summaries;

    /**
     * @param progress moves an enrollment on when an {@code in_doubt} message is confirmed sent (the same listener
     *                 the outbox sender notifies)
     */
    public DraftQueue(Jdbi jdbi, Clock clock, OutboxStore outbox, EnrollmentStore enrollments, EventLog events,
                      SendListener progress) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outbox = outbox;
        this.enrollments = enrollments;
        this.events = events;
        this.progress = progress;
        this.summaries = new DraftList(jdbi);
    }

    /**
     * Drafts in {@code states}, most important contact tier first, then earliest due; at most {@code limit}: sequence
     * steps, and also the drafts that belong to no step (keep-in-touch check-ins, thank-yous to introducers), shown
     * under their kind.
     */
    public List<DraftSummary> list(Set<OutboundState> states, int limit) {
        return summaries.list(states, limit);
    }

    /**
     * How many drafts in {@code states} are not snoozed at {@code now}, counting at most {@code cap} (a queue of a
     * million is not counted to the last row on every page view).
     */
    public int countUpTo(Set<OutboundState> states, Instant now, int cap) {
        return jdbi.withHandle(handle -> outbox.countNotSnoozedUpTo(handle, states, now, cap));
    }

    /** A position in the queue's order: the contact's tier, the due time, the draft id. */
    public record QueuePosition(int tier, Instant due, long id) {
    }

    /**
     * One page of the drafts in {@code states} in {@link #list}'s order (the contact's tier copied onto the draft, the
     * due time, the id): at most {@code limit} after {@code after} (null: from the start), or with {@code backward}
     * before it in the reverse order (null: from the end). {@code snoozed}: only the drafts snoozed at {@code now}
     * (read by their snooze time, a few), else only those not snoozed: read along the index
     * {@code (state, tier, queue_due, id)}, one query per state, merged.
     */
    public List<DraftSummary> page(Set<OutboundState> states, Instant now, boolean snoozed, QueuePosition after,
                                   boolean backward, int limit) {
        return summaries.page(states, now, snoozed, after, backward, limit);
    }

    /** Until when a draft is snoozed, if it is (whatever its state). */
    public Optional<Instant> snoozedUntil(long id) {
        return jdbi.withHandle(handle -> outbox.snoozedUntil(handle, id));
    }

    /**
     * Snoozes a {@code pending_approval} draft until {@code until}: it stays {@code pending_approval} (nothing is
     * sent), the queue shows it again and approval notices count it only from then on. Approving or rejecting it
     * before then is allowed. {@code until} must be in the future.
     */
    public Decision snooze(long id, Instant until, String by) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            if (!until.isAfter(now)) {
                throw new ApprovalException("snooze until a time in the future (now is " + now + ")");
            }
            OutboundMessage draft = find(handle, id);
            expectState(draft, Set.of(OutboundState.PENDING_APPROVAL), "snoozed");
            if (!outbox.snooze(handle, id, until, now)) {
                throw changedMeanwhile(id);
            }
            return decide(handle, draft, "snooze", EventKind.DRAFT_SNOOZED, by, draft.state(), "until " + until, now);
        });
    }

    /** The stored draft, exactly as it would be sent. */
    public OutboundMessage show(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /** Where the message's last SMTP transaction ended and the server's reply (empty if never tried). */
    public Optional<SmtpOutcome> smtpOutcome(long id) {
        return jdbi.withHandle(handle -> outbox.smtpOutcome(handle, id));
    }

    /** The decisions made on a draft, oldest first. */
    public List<Decision> decisions(long id) {
        return jdbi.withHandle(handle -> decisions.ofDraft(handle, id));
    }

    /** Approves a {@code pending_approval} draft, or a {@code held} one whose content was fixed with an edit. */
    public Decision approve(long id, String by) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            OutboundMessage draft = find(handle, id);
            expectState(draft, EDITABLE, "approved");
            if (draft.state() == OutboundState.HELD && (isBlank(draft.subject()) || isBlank(draft.bodyText()))) {
                throw new ApprovalException("draft #" + id + " is held (" + draft.holdReason()
                        + "): give it a subject and a text with 'drafts edit' before approving it");
            }
            changeState(handle, draft, OutboundState.QUEUED, now);
            if (draft.state() == OutboundState.HELD) {
                enrollments.release(handle, draft.enrollmentId(), now);
            }
            return decide(handle, draft, "approve", EventKind.APPROVED, by, OutboundState.QUEUED, null, now);
        });
    }

    /** Rejects a {@code pending_approval} or {@code held} draft and stops its enrollment ("draft rejected"). */
    public Decision reject(long id, String reason, String by) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            OutboundMessage draft = find(handle, id);
            expectState(draft, EDITABLE, "rejected");
            changeState(handle, draft, OutboundState.REJECTED, now);
            Decision decision = decide(handle, draft, "reject", EventKind.REJECTED, by, OutboundState.REJECTED, reason,
                    now);
            if (enrollments.finish(handle, draft.enrollmentId(), EnrollmentState.STOPPED, "draft rejected", now)) {
                outbox.cancelUnsent(handle, draft.enrollmentId(), "draft #" + id + " rejected", now);
                events.append(handle, now, EventLog.Event.of(EventKind.STOPPED, "draft rejected")
                        .enrollment(draft.enrollmentId()).outbound(id).detail(reason));
            }
            return decision;
        });
    }

    /** Changes the content of a {@code pending_approval} or {@code held} draft; the state stays as it is. */
    public Decision edit(long id, DraftEdit edit, String by) {
        if (edit.isEmpty()) {
            throw new ApprovalException("nothing to change: give a new subject, text or HTML");
        }
        if (edit.subject() != null && (edit.subject().isBlank() || edit.subject().matches("(?s).*[\\r\\n].*"))) {
            throw new ApprovalException("the subject must be one line and not blank");
        }
        if (edit.text() != null && edit.text().isBlank()) {
            throw new ApprovalException("the text must not be blank");
        }
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            OutboundMessage draft = find(handle, id);
            expectState(draft, EDITABLE, "edited");
            String subject = edit.subject() != null ? edit.subject().strip() : draft.subject();
            String text = edit.text() != null ? edit.text() : draft.bodyText();
            String html = edit.html() != null ? edit.html() : edit.text() != null ? null : draft.bodyHtml();
            String changes = changes(draft, subject, text, html);
            if (changes.isEmpty()) {
                throw new ApprovalException("draft #" + id + " already has this content: nothing changed");
            }
            if (!outbox.editContent(handle, id, draft.state(), subject, text, html, now)) {
                throw changedMeanwhile(id);
            }
            long decisionId = decisions.record(handle, new Decision(0, id, "edit", by, now, draft.state(),
                    draft.state(), null, changes, draft.subject(), subject, draft.bodyText(), text));
            events.append(handle, now, EventLog.Event.of(EventKind.DRAFT_EDITED, "drafts edit by " + by)
                    .enrollment(draft.enrollmentId()).outbound(id).detail(changes));
            log.info("draft #{} edited by {}: {}", id, by, changes);
            return decisions.ofDraft(handle, id).stream().filter(d -> d.id() == decisionId).findFirst()
                    .orElseThrow();
        });
    }

    /** Confirms that an {@code in_doubt} message reached the server: it is {@code sent}, the enrollment moves on. */
    public Decision resolveSent(long id, String by) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            OutboundMessage message = changeInDoubt(handle, id, outbox::confirmSent, now);
            progress.sent(handle, message, now);
            return decide(handle, message, "resolve_sent", EventKind.RESOLVED_SENT, by, OutboundState.SENT, null, now);
        });
    }

    /** Queues an {@code in_doubt} message again under the same Message-ID. */
    public Decision resolveResend(long id, String by) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            OutboundMessage message = changeInDoubt(handle, id, outbox::requeueInDoubt, now);
            return decide(handle, message, "resolve_resend", EventKind.RESOLVED_RESEND, by, OutboundState.QUEUED,
                    "queued again under the same Message-ID " + message.messageId(), now);
        });
    }

    /** A change of an {@code in_doubt} message's row; false when its state changed meanwhile. */
    @FunctionalInterface
    private interface InDoubtChange {
        boolean apply(Handle handle, long id, Instant now);
    }

    /** The message {@code id}, checked to be {@code in_doubt} and then changed by {@code change}. */
    private OutboundMessage changeInDoubt(Handle handle, long id, InDoubtChange change, Instant now) {
        OutboundMessage message = find(handle, id);
        expectState(message, Set.of(OutboundState.IN_DOUBT), "resolved");
        if (!change.apply(handle, id, now)) {
            throw changedMeanwhile(id);
        }
        return message;
    }

    private void changeState(Handle handle, OutboundMessage draft, OutboundState to, Instant now) {
        if (!outbox.transition(handle, draft.id(), draft.state(), to, null, now)) {
            throw changedMeanwhile(draft.id());
        }
    }

    private Decision decide(Handle handle, OutboundMessage draft, String kind, EventKind event, String by,
                            OutboundState newState, String reason, Instant now) {
        Decision decision = new Decision(0, draft.id(), kind, by, now, draft.state(), newState, reason, null, null,
                null, null, null);
        long decisionId = decisions.record(handle, decision);
        events.append(handle, now, EventLog.Event.of(event, "drafts " + kind.replace('_', ' ') + " by " + by)
                .enrollment(draft.enrollmentId()).outbound(draft.id()).detail(reason));
        log.info("draft #{}: {} by {} ({} -> {})", draft.id(), kind, by, draft.state().db(), newState.db());
        return new Decision(decisionId, draft.id(), kind, by, now, draft.state(), newState, reason, null, null, null,
                null, null);
    }

    private OutboundMessage find(Handle handle, long id) {
        return outbox.find(handle, id).orElseThrow(() -> new ApprovalException("no draft #" + id));
    }

    private static void expectState(OutboundMessage draft, Set<OutboundState> allowed, String verb) {
        if (!allowed.contains(draft.state())) {
            throw new ApprovalException("draft #" + draft.id() + " is " + draft.state().db() + "; only "
                    + allowed.stream().map(OutboundState::db).sorted().reduce((a, b) -> a + " or " + b).orElse("")
                    + " drafts can be " + verb);
        }
    }

    private static ApprovalException changedMeanwhile(long id) {
        return new ApprovalException("draft #" + id + " changed meanwhile; look at it again ('drafts show " + id + "')");
    }

    private static String changes(OutboundMessage draft, String subject, String text, String html) {
        StringBuilder changes = new StringBuilder();
        appendIf(changes, !java.util.Objects.equals(draft.subject(), subject), "subject");
        appendIf(changes, !java.util.Objects.equals(draft.bodyText(), text), "text");
        if (!java.util.Objects.equals(draft.bodyHtml(), html)) {
            appendIf(changes, true, html == null ? "html removed" : "html");
        }
        return changes.toString();
    }

    private static void appendIf(StringBuilder builder, boolean condition, String what) {
        if (condition) {
            builder.append(builder.isEmpty() ? "" : ", ").append(what);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
