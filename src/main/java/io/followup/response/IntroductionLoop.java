package io.followup.response;

import io.followup.config.IntroductionsConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.StandaloneOutbox;
import io.followup.response.IntroductionItemStore.Item;
import io.followup.response.IntroductionItemStore.Kind;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.FirstTouchPlan;
import io.followup.sequence.FirstTouchPromise;
import io.followup.sequence.IntroducerLoop;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.TaskText;
import io.followup.sequence.TemplateModel;
import io.followup.sequence.timing.Wait;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The introducer's loop ({@link IntroducerLoop}, a sequence file's {@code introducer:} section) for contacts who
 * have an introducer: plans each item when its moment comes (the enrolment, the introduced person's first proven
 * human reply, the report-back task closed) and, as a chore, drafts the messages to the introducer and opens the
 * owner's report-back task when they fall due. Each item happens once per enrollment ({@code introduction_item}),
 * each message once per introduced contact (its idempotency key), and no item overtakes an earlier one. Sequences
 * without the section keep the one thank-you of {@code introductions:} (followup.yaml), drafted at the reply.
 * One enrollment's failure never stops the others. Thread-safe; several daemons may run it on one database.
 */
public final class IntroductionLoop implements ResponseListener {

    private static final Logger log = LoggerFactory.getLogger(IntroductionLoop.class);
    /** How long past its promise an acknowledgement is still drafted (for approval) rather than left out. */
    public static final Duration LATE_GRACE = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final StandaloneOutbox outbox;
    private final TaskStore tasks;
    private final TaskText taskText;
    private final TimingPlanner planner;
    private final IntroducerLoop fallback;
    private final EventLog events;
    private final IntroductionItemStore items = new IntroductionItemStore();

    public IntroductionLoop(Jdbi jdbi, Clock clock, SequenceCatalog catalog, List<OwnerConfig> owners,
                            ContactStore contacts, EnrollmentStore enrollments, StandaloneOutbox outbox,
                            TaskStore tasks, TaskText taskText, TimingPlanner planner, IntroductionsConfig config,
                            EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.tasks = tasks;
        this.taskText = taskText;
        this.planner = planner;
        this.fallback = IntroducerLoop.thankYouOnly(config.thankYouTemplate(), config.approval());
        this.events = events;
    }

    /** The loop of {@code sequence}: its own section, else the thank-you of followup.yaml. */
    public IntroducerLoop loopOf(SequenceDefinition sequence) {
        return sequence.introducer() != null ? sequence.introducer() : fallback;
    }

    /**
     * The chore: plans the acknowledgement of new introductions (enrolled within its promise), the thank-you of
     * closed report-back tasks, then does up to {@code limit} due items.
     *
     * @return how many items were done (drafts made, tasks opened)
     */
    public int runDue(int limit) {
        Instant now = clock.instant();
        planAcknowledgements(now, limit);
        planThankYous(now, limit);
        List<Item> due = jdbi.withHandle(handle -> items.due(handle, now, limit));
        int done = 0;
        for (Item item : due) {
            try {
                if (jdbi.inTransaction(handle -> perform(handle, item, null, now))) {
                    done++;
                }
            } catch (RuntimeException e) {
                failed(item.enrollmentId(), item.kind().db(), e, now);
            }
        }
        if (!due.isEmpty()) {
            log.debug("introducer's loop: {} of {} due item(s) done", done, due.size());
        }
        return done;
    }

    /** The introduced person's first proven human reply: "we have connected", then the report-back or thank-you. */
    @Override
    public void replyStopped(Handle handle, ReplyStop stopped, Instant now) {
        Enrollment enrollment = stopped.enrollment();
        long enrollmentId = enrollment.id();
        long inboundId = stopped.inboundId();
        Contact introduced = stopped.contact();
        if (introduced.introducedBy() == null || !catalog.hasSequence(enrollment.sequenceId())) {
            return;
        }
        SequenceDefinition sequence = catalog.sequence(enrollment.sequenceId());
        IntroducerLoop loop = loopOf(sequence);
        ZoneId zone = catalog.zoneOf(introduced, enrollment.mailboxId());
        planAcknowledgement(handle, enrollment, sequence, loop, now);
        if (loop.connected() != null) {
            items.add(handle, enrollmentId, Kind.CONNECTED, due(loop.connected().delay(), now, zone, sequence), null,
                    now);
        }
        if (loop.reportBack() != null) {
            items.add(handle, enrollmentId, Kind.REPORT_BACK, due(loop.reportBack().delay(), now, zone, sequence),
                    null, now);
        } else if (loop.thankYou() != null) {
            items.add(handle, enrollmentId, Kind.THANK_YOU, due(loop.thankYou().delay(), now, zone, sequence), null,
                    now);
        }
        for (Kind kind : Kind.values()) {
            Optional<Item> item = items.find(handle, enrollmentId, kind);
            if (item.isPresent() && item.get().doneAt() == null && !item.get().dueAt().isAfter(now)) {
                perform(handle, item.get(), inboundId, now);
            }
        }
    }

    private void planAcknowledgements(Instant now, int limit) {
        for (String name : catalog.sequenceNames()) {
            long sequenceId = catalog.sequenceId(name).orElseThrow();
            SequenceDefinition sequence = catalog.sequence(sequenceId);
            IntroducerLoop loop = loopOf(sequence);
            if (loop.acknowledge() == null) {
                continue;
            }
            Instant since = now.minus(loop.acknowledgeWithin()).minus(LATE_GRACE);
            List<Long> fresh = jdbi.withHandle(handle -> items.unacknowledged(handle, sequenceId, since, limit));
            for (long enrollmentId : fresh) {
                try {
                    jdbi.useTransaction(handle -> planAcknowledgement(handle, enrollments.byId(handle, enrollmentId),
                            sequence, loop, now));
                } catch (RuntimeException e) {
                    failed(enrollmentId, Kind.ACKNOWLEDGE.db(), e, now);
                }
            }
        }
    }

    /**
     * Plans the acknowledgement like a first touch: drafted at once when the owner approves it; else queued at the
     * time the sequence's window (and edge hours) allow within the promise, or drafted for approval with the reason
     * when the window would break it. An acknowledgement found late (the daemon was down past the promise) waits for
     * approval with that reason; an introduction older than the promise plus {@link #LATE_GRACE} is left alone.
     */
    private void planAcknowledgement(Handle handle, Enrollment enrollment, SequenceDefinition sequence,
                                     IntroducerLoop loop, Instant now) {
        IntroducerLoop.Note acknowledge = loop.acknowledge();
        Instant deadline = acknowledge == null ? null : enrollment.enrolledAt().plus(loop.acknowledgeWithin());
        if (deadline == null || deadline.plus(LATE_GRACE).isBefore(now)) {
            return;
        }
        Contact introduced = contacts.byId(handle, enrollment.contactId());
        ZoneId zone = catalog.zoneOf(contacts.byId(handle, introduced.introducedBy()), enrollment.mailboxId());
        Instant due;
        String reason = null;
        if (!deadline.isAfter(now)) {
            due = now;
            reason = "found late: introduced " + FirstTouchPromise.hours(Duration.between(enrollment.enrolledAt(), now)
                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS)) + " ago, past the "
                    + FirstTouchPromise.hours(loop.acknowledgeWithin()) + " promise";
        } else if (acknowledge.approval()) {
            due = planner.waitEnd(acknowledge.delay(), enrollment.enrolledAt(), zone, sequence.timing().calendar());
        } else {
            FirstTouchPromise promise = new FirstTouchPromise(loop.acknowledgeWithin(), sequence.firstTouch().edge());
            FirstTouchPlan plan = FirstTouchPlan.of(sequence.withFirstTouch(promise), acknowledge.delay(),
                    enrollment.enrolledAt(), zone, planner);
            due = plan.due();
            reason = plan.mode() == FirstTouchPlan.Mode.APPROVAL ? plan.reason() : null;
        }
        if (items.add(handle, enrollment.id(), Kind.ACKNOWLEDGE, due, reason, now)) {
            log.debug("enrollment #{}: introducer's acknowledgement due {}", enrollment.id(), due);
        }
    }

    private void planThankYous(Instant now, int limit) {
        List<IntroductionItemStore.ClosedReportBack> closed = jdbi.withHandle(handle ->
                items.closedReportBacks(handle, limit));
        for (IntroductionItemStore.ClosedReportBack reportBack : closed) {
            try {
                jdbi.useTransaction(handle -> {
                    Enrollment enrollment = enrollments.byId(handle, reportBack.enrollmentId());
                    IntroducerLoop.Note thankYou = catalog.hasSequence(enrollment.sequenceId())
                            ? loopOf(catalog.sequence(enrollment.sequenceId())).thankYou() : null;
                    Instant due = thankYou == null ? now : due(thankYou.delay(), reportBack.closedAt(),
                            catalog.zoneOf(contacts.byId(handle, enrollment.contactId()), enrollment.mailboxId()),
                            catalog.sequence(enrollment.sequenceId()));
                    items.add(handle, enrollment.id(), Kind.THANK_YOU, due, null, now);
                });
            } catch (RuntimeException e) {
                failed(reportBack.enrollmentId(), Kind.THANK_YOU.db(), e, now);
            }
        }
    }

    /** Does an item (earlier items of the enrollment still waiting first); false when there was nothing to do. */
    private boolean perform(Handle handle, Item item, Long inboundId, Instant now) {
        for (Kind earlier : Kind.values()) {
            if (earlier.ordinal() >= item.kind().ordinal()) {
                break;
            }
            items.find(handle, item.enrollmentId(), earlier).filter(pending -> pending.doneAt() == null)
                    .ifPresent(pending -> perform(handle, pending, inboundId, now));
        }
        if (!items.claim(handle, item.id(), now)) {
            return false;
        }
        Enrollment enrollment = enrollments.byId(handle, item.enrollmentId());
        Contact introduced = contacts.byId(handle, enrollment.contactId());
        String skipped = introduced.introducedBy() == null ? "the contact has no introducer any more"
                : !catalog.hasSequence(enrollment.sequenceId()) ? "the sequence is no longer configured" : null;
        SequenceDefinition sequence = skipped == null ? catalog.sequence(enrollment.sequenceId()) : null;
        IntroducerLoop loop = sequence == null ? null : loopOf(sequence);
        if (loop != null && !configured(loop, item.kind())) {
            skipped = "introducer." + item.kind().db() + " is off in " + sequence.name();
        }
        if (skipped != null) {
            events.append(handle, now, EventLog.Event.of(EventKind.INTRODUCTION_ITEM_SKIPPED, item.kind().db())
                    .enrollment(enrollment.id()).contact(introduced.id()).detail(skipped));
            return false;
        }
        Contact introducer = contacts.byId(handle, introduced.introducedBy());
        MailboxConfig mailbox = catalog.mailbox(enrollment.mailboxId());
        Map<String, Object> model = TemplateModel.of(introduced, introducer, mailbox,
                OwnerConfig.ofMailbox(owners, mailbox).orElse(null), 1, 1);
        Context context = new Context(handle, item, enrollment, introduced, introducer, mailbox, model, inboundId, now);
        return switch (item.kind()) {
            case ACKNOWLEDGE -> note(context, loop.acknowledge(), OutboundKind.INTRODUCER, "intro-ack:", null,
                    EventKind.INTRODUCER_ACKNOWLEDGEMENT_DRAFTED, "introduction of contact #" + introduced.id());
            case CONNECTED -> note(context, loop.connected(), OutboundKind.INTRODUCER, "intro-connected:",
                    enrollment.id(), EventKind.INTRODUCER_CONNECTED_DRAFTED, "reply from introduced contact #"
                            + introduced.id());
            case REPORT_BACK -> reportBack(context, sequence, loop.reportBack());
            case THANK_YOU -> note(context, loop.thankYou(), OutboundKind.THANK_YOU, "thanks:", enrollment.id(),
                    EventKind.THANK_YOU_DRAFTED, (loop.reportBack() == null ? "reply from" : "report-back on")
                            + " introduced contact #" + introduced.id());
        };
    }

    /** What one item is done with. */
    private record Context(Handle handle, Item item, Enrollment enrollment, Contact introduced, Contact introducer,
                           MailboxConfig mailbox, Map<String, Object> model, Long inboundId, Instant now) {
    }

    private static boolean configured(IntroducerLoop loop, Kind kind) {
        return switch (kind) {
            case ACKNOWLEDGE -> loop.acknowledge() != null;
            case CONNECTED -> loop.connected() != null;
            case REPORT_BACK -> loop.reportBack() != null;
            case THANK_YOU -> loop.thankYou() != null;
        };
    }

    /**
     * Drafts a message to the introducer (once per introduced contact: {@code keyPrefix + contact id}); an
     * acknowledgement whose send window would break its promise waits for approval with the reason.
     *
     * @param enrollmentId the enrollment the message belongs to (its send window applies), or null for none (the
     *                     acknowledgement keeps its own time, and the reply that stops the sequence must not cancel it)
     */
    private boolean note(Context context, IntroducerLoop.Note note, OutboundKind kind, String keyPrefix,
                         Long enrollmentId, EventKind event, String cause) {
        Item item = context.item();
        boolean approval = note.approval() || item.approvalReason() != null;
        StandaloneOutbox.Request request = new StandaloneOutbox.Request(kind, keyPrefix + context.introduced().id(),
                enrollmentId, context.enrollment().mailboxId(), context.mailbox(), context.introducer().email(),
                context.introducer().name(), note.template(), context.model(), approval);
        Optional<StandaloneOutbox.Composed> composed = outbox.compose(context.handle(), request, context.now());
        if (composed.isEmpty()) {
            log.debug("enrollment #{}: the introducer's {} exists already", item.enrollmentId(), item.kind().db());
            return false;
        }
        StandaloneOutbox.Composed draft = composed.get();
        items.recordOutbound(context.handle(), item.id(), draft.outboundId());
        String detail = draft.holdReason() != null ? draft.holdReason()
                : "to " + context.introducer().email() + " (" + draft.state().db() + ")"
                        + (item.approvalReason() == null ? "" : "; " + item.approvalReason());
        EventLog.Event entry = EventLog.Event.of(draft.holdReason() == null ? event : EventKind.DRAFT_HELD, cause)
                .enrollment(item.enrollmentId()).contact(context.introducer().id()).outbound(draft.outboundId())
                .detail(detail);
        events.append(context.handle(), context.now(), context.inboundId() == null ? entry
                : entry.inbound(context.inboundId()));
        log.info("introducer #{}: {} for contact #{} drafted ({})", context.introducer().id(), item.kind().db(),
                context.introduced().id(), draft.state().db());
        return true;
    }

    /** Opens the owner's task to report back to the introducer; the thank-you follows when it is closed. */
    private boolean reportBack(Context context, SequenceDefinition sequence, IntroducerLoop.ReportBack reportBack) {
        String text = taskText.render(sequence.name() + " introducer.report_back.task", reportBack.task().text(),
                context.model());
        long taskId = tasks.insert(context.handle(), context.introducer().id(), context.enrollment().id(),
                reportBack.task().kind(), text, context.item().dueAt(), context.now());
        items.recordTask(context.handle(), context.item().id(), taskId);
        events.append(context.handle(), context.now(), EventLog.Event.of(EventKind.TASK_CREATED,
                "introducer report-back due")
                .enrollment(context.enrollment().id()).contact(context.introducer().id())
                .detail("task #" + taskId + " (" + reportBack.task().kind().db() + "): " + text));
        log.info("introducer #{}: report-back task #{} opened for contact #{}", context.introducer().id(), taskId,
                context.introduced().id());
        return true;
    }

    private Instant due(Wait wait, Instant from, ZoneId zone, SequenceDefinition sequence) {
        return planner.waitEnd(wait, from, zone, sequence.timing().calendar());
    }

    private void failed(long enrollmentId, String item, RuntimeException e, Instant now) {
        log.error("enrollment #{}: introducer's {} failed: {}", enrollmentId, item, e.getMessage(), e);
        jdbi.useTransaction(handle -> events.append(handle, now, EventLog.Event.of(EventKind.INTRODUCTION_ITEM_FAILED,
                item)
                .enrollment(enrollmentId).detail(e.toString())));
    }
}
