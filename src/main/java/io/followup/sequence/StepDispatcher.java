package io.followup.sequence;

import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.config.UnsubscribeMode;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.contact.UnsubscribeLinks;
import io.followup.outbox.Draft;
import io.followup.outbox.MessageIds;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.template.RenderedMessage;
import io.followup.template.TemplateEngine;
import io.followup.template.TemplateException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due enrollments into outbox drafts: renders the step's template (strict: a missing or blank value holds
 * the draft with the reason instead of sending it), threads follow-ups to the earlier messages, and completes
 * enrollments whose last step went unanswered. One enrollment's failure never stops the others. Thread-safe;
 * several daemons may run it on one database (each enrollment is claimed before it is dispatched).
 */
public final class StepDispatcher {

    private static final Logger log = LoggerFactory.getLogger(StepDispatcher.class);
    /** A failed dispatch is tried again after this long, so that it never fills the batch of due enrollments. */
    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(5);
    /** After this many failed dispatches the enrollment is held with the reason, for a person to look at. */
    static final int MAX_FAILURES = 3;
    private static final String SAVEPOINT = "dispatch_one";

    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final TemplateEngine templates;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final OutboxStore outbox;
    private final MessageIds messageIds;
    private final EventLog events;
    private final SuppressionEnforcer suppression;
    private final UnsubscribeLinks unsubscribeLinks;
    private final SequenceEndListener endListener;
    private final ApprovalGate approvals;
    private final EnrollmentRetirement retirement;
    private final StepTasks stepTasks;
    private final TaskText taskText;
    private final VariantChooser variants;

    /**
     * @param suppression      stops enrollments of suppressed contacts instead of drafting
     * @param unsubscribeLinks signs the {@code unsubscribe_url} of each draft; whether a draft gets
     *                         one, and whether it also goes into {@code List-Unsubscribe}, is the sequence's
     *                         {@link UnsubscribeMode}
     * @param endListener      runs when an enrollment ends without a response (the escalation)
     * @param approvals        says which drafts wait for a person in pending_approval
     * @param stepTasks        opens the owner's task when a task step ({@code kind: task}) falls due; the
     *                         enrollment then waits at that step until the task is closed
     *                         ({@link SequenceProgress#taskStepClosed})
     */
    public StepDispatcher(Jdbi jdbi, Clock clock, SequenceCatalog catalog, List<OwnerConfig> owners,
                          TemplateEngine templates, ContactStore contacts, EnrollmentStore enrollments,
                          OutboxStore outbox, MessageIds messageIds, EventLog events,
                          SuppressionEnforcer suppression, UnsubscribeLinks unsubscribeLinks,
                          SequenceEndListener endListener, ApprovalGate approvals, StepTasks stepTasks) {
        this.stepTasks = stepTasks;
        this.taskText = new TaskText(templates);
        this.variants = new VariantChooser(events);
        this.suppression = suppression;
        this.unsubscribeLinks = unsubscribeLinks;
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.templates = templates;
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.messageIds = messageIds;
        this.events = events;
        this.endListener = endListener;
        this.approvals = approvals;
        this.retirement = new EnrollmentRetirement(catalog, enrollments, outbox, events);
    }

    /**
     * Retires every live enrollment whose sequence or mailbox is no longer configured (at start-up and after a
     * reload); returns how many.
     */
    public int retireRemoved() {
        return retirement.retireAllRemoved(jdbi, clock.instant());
    }

    /**
     * Dispatches up to {@code limit} due enrollments and resumes paused ones whose time came; returns how many.
     * The due enrollments are taken in one transaction ({@code FOR UPDATE SKIP LOCKED}: another node takes others)
     * with a savepoint each, so one enrollment's failure rolls back only its own work; if the transaction as a
     * whole fails (a deadlock, a lost connection), nothing of it stays and the batch is dispatched one by one.
     */
    public int dispatchDue(int limit) {
        Instant now = clock.instant();
        for (long id : jdbi.withHandle(handle -> enrollments.dueToResume(handle, now, limit))) {
            jdbi.useTransaction(handle -> {
                if (enrollments.resume(handle, id, now)) {
                    events.append(handle, now, EventLog.Event.of(EventKind.RESUMED, "resume time reached")
                            .enrollment(id));
                }
            });
        }
        java.util.OptionalInt batched = dispatchBatch(now, limit);
        if (batched.isPresent()) {
            return batched.getAsInt();
        }
        Map<Long, RuntimeException> failures = new java.util.LinkedHashMap<>();
        int[] counts = new int[2];
        try {
            jdbi.useTransaction(handle -> {
                List<Long> due = enrollments.claimable(handle, now, limit);
                counts[1] = due.size();
                for (long id : due) {
                    handle.savepoint(SAVEPOINT);
                    try {
                        if (dispatch(handle, id, now, oneByOne)) {
                            counts[0]++;
                        }
                        handle.releaseSavepoint(SAVEPOINT);
                    } catch (RuntimeException e) {
                        handle.rollbackToSavepoint(SAVEPOINT);
                        failures.put(id, e);
                    }
                }
            });
        } catch (RuntimeException batchFailed) {
            log.warn("dispatcher: the batch of {} failed as a whole ({}); dispatching one by one", counts[1],
                    batchFailed.toString());
            failures.clear();
            counts[0] = dispatchOneByOne(now, limit);
        }
        failures.forEach((id, failure) -> recordFailure(id, failure, now));
        if (counts[1] > 0) {
            log.debug("dispatcher: {} of {} due enrollment(s) dispatched", counts[0], counts[1]);
        }
        return counts[0];
    }

    /**
     * The usual way, in two steps. First, without a transaction, the batch's due rows are read and what drafting
     * them reads (contacts, introducers, referrals) is read with one query each, and the drafts of the plain email
     * steps are rendered. Then one transaction locks the rows still due and unchanged ({@code FOR UPDATE SKIP
     * LOCKED} and the row version: a row another node took or changed meanwhile is left alone), claims them with one
     * statement, reads their contacts' suppressions with one query, inserts the rendered drafts of the contacts not
     * suppressed with one multi-row statement (their idempotency keys checked with one query) and the events with
     * another; the rest (a last step done, a task step, variants, a retired or suppressed enrollment) is dispatched
     * one by one in the same transaction. If anything in it fails, nothing of it stays and the batch is taken again
     * with a savepoint per enrollment (empty: the caller does that).
     */
    private java.util.OptionalInt dispatchBatch(Instant now, int limit) {
        try {
            Batch batch = jdbi.withHandle(handle -> prepareBatch(handle, now, limit));
            if (batch.rows.isEmpty()) {
                return java.util.OptionalInt.of(0);
            }
            return java.util.OptionalInt.of(jdbi.inTransaction(handle -> commitBatch(handle, batch, now)));
        } catch (RuntimeException failed) {
            log.debug("dispatcher: a batch failed ({}); taking it again with a savepoint per enrollment",
                    failed.toString());
            return java.util.OptionalInt.empty();
        }
    }

    /** A batch read and rendered outside any transaction: its rows, their reads, the drafts ready to insert. */
    private record Batch(List<EnrollmentStore.Claimable> rows, Prefetched reads, Map<Long, Prepared> drafts) {
    }

    private Batch prepareBatch(Handle handle, Instant now, int limit) {
        List<EnrollmentStore.Claimable> rows = enrollments.dueRows(handle, now, limit);
        if (rows.isEmpty()) {
            return new Batch(rows, null, Map.of());
        }
        Prefetched reads = new Prefetched(handle, rows);
        Map<Long, Prepared> drafts = new java.util.HashMap<>();
        for (EnrollmentStore.Claimable row : rows) {
            Enrollment enrollment = row.enrollment();
            if (catalog.removedReason(handle, enrollment).isPresent()) {
                continue;
            }
            SequenceDefinition sequence = catalog.sequence(enrollment.sequenceId());
            if (enrollment.nextStep() > sequence.lastStep()) {
                continue;
            }
            StepDefinition step = sequence.steps().get(enrollment.nextStep() - 1);
            Contact contact = reads.contact(handle, enrollment.contactId());
            if (step.isTask() || step.hasVariants()) {
                continue;
            }
            Contact introducer = contact.introducedBy() == null ? null : reads.contact(handle, contact.introducedBy());
            drafts.put(enrollment.id(), prepare(handle, enrollment, sequence, step, step.template(), contact,
                    introducer, catalog.mailbox(enrollment.mailboxId()), now, reads));
        }
        return new Batch(rows, reads, drafts);
    }

    private int commitBatch(Handle handle, Batch batch, Instant now) {
        Prefetched reads = batch.reads;
        Map<Long, Long> locked = enrollments.lockDue(handle, reads.due.keySet(), now);
        List<Long> taken = batch.rows.stream().filter(row -> Long.valueOf(row.version())
                .equals(locked.get(row.enrollment().id()))).map(row -> row.enrollment().id()).toList();
        int claimed = enrollments.claimAllDue(handle, taken, now);
        if (claimed != taken.size()) {
            throw new EnrollmentException("claimed " + claimed + " of " + taken.size() + " locked due enrollments");
        }
        reads.suppressed = suppression == null ? Map.of() : suppression.matchAll(handle,
                reads.people.values().stream().map(Contact::email).collect(java.util.stream.Collectors.toSet()));
        List<Prepared> ready = taken.stream().map(batch.drafts::get).filter(java.util.Objects::nonNull)
                .filter(prepared -> !reads.suppressed.containsKey(prepared.draft().toAddress())).toList();
        Map<String, Long> inserted = outbox.insertAll(handle, ready.stream().map(Prepared::draft).toList(), now);
        int dispatched = 0;
        for (Prepared prepared : ready) {
            Long outboundId = inserted.get(prepared.draft().idempotencyKey());
            if (outboundId == null) {
                log.warn("enrollment #{} step {}: a draft exists already; not drafted again",
                        prepared.draft().enrollmentId(), prepared.draft().stepNo());
            } else {
                record(handle, prepared, outboundId, now, reads);
                dispatched++;
            }
        }
        java.util.Set<Long> drafted = ready.stream().map(prepared -> prepared.draft().enrollmentId())
                .collect(java.util.stream.Collectors.toSet());
        for (long id : taken) {
            if (!drafted.contains(id) && dispatch(handle, id, now, reads)) {
                dispatched++;
            }
        }
        events.appendAll(handle, reads.events);
        log.debug("dispatcher: {} of {} due enrollment(s) dispatched ({} taken)", dispatched, batch.rows.size(),
                taken.size());
        return dispatched;
    }

    /**
     * Dispatches due enrollments in batches of {@code batch} until none is due or {@code budget} is spent (a pass
     * takes what it can within its interval, not a fixed number); returns how many.
     */
    public int dispatchFor(java.time.Duration budget, int batch) {
        long deadline = System.nanoTime() + budget.toNanos();
        int dispatched = 0;
        int taken;
        do {
            taken = dispatchDue(batch);
            dispatched += taken;
        } while (taken > 0 && System.nanoTime() < deadline);
        return dispatched;
    }

    private int dispatchOneByOne(Instant now, int limit) {
        int dispatched = 0;
        for (long id : jdbi.withHandle(handle -> enrollments.due(handle, now, limit))) {
            try {
                if (jdbi.inTransaction(handle -> dispatch(handle, id, now, oneByOne))) {
                    dispatched++;
                }
            } catch (RuntimeException e) {
                recordFailure(id, e, now);
            }
        }
        return dispatched;
    }

    /**
     * A failed dispatch rolled back its claim: the enrollment is put back a few minutes (never retried at once, never
     * filling the batch), and held with the reason after {@link #MAX_FAILURES} failures.
     */
    private void recordFailure(long id, RuntimeException failure, Instant now) {
        log.error("enrollment #{}: dispatch failed: {}", id, failure.getMessage(), failure);
        jdbi.useTransaction(handle -> {
            events.append(handle, now, EventLog.Event.of(EventKind.DISPATCH_FAILED, "dispatcher").enrollment(id)
                    .detail(failure.toString()));
            if (events.count(handle, id, EventKind.DISPATCH_FAILED) >= MAX_FAILURES) {
                enrollments.hold(handle, id, "dispatch failed " + MAX_FAILURES + " times: " + failure.getMessage(),
                        now);
            } else {
                enrollments.deferDue(handle, id, now.plus(RETRY_AFTER), now);
            }
        });
    }

    private boolean dispatch(Handle handle, long id, Instant now, Reads reads) {
        Enrollment enrollment = reads.claim(handle, id, now);
        if (enrollment == null) {
            return false;
        }
        if (retirement.retireIfRemoved(handle, enrollment, now)) {
            return false;
        }
        SequenceDefinition sequence = catalog.sequence(enrollment.sequenceId());
        if (enrollment.nextStep() > sequence.lastStep()) {
            enrollments.finish(handle, id, EnrollmentState.COMPLETED, "no_response", now);
            reads.event(handle, now, EventLog.Event.of(EventKind.COMPLETED, "no response after the last step")
                    .enrollment(id).contact(enrollment.contactId()));
            endListener.endedWithoutResponse(handle, enrollment, sequence, now);
            return true;
        }
        StepDefinition step = sequence.steps().get(enrollment.nextStep() - 1);
        Contact contact = reads.contact(handle, enrollment.contactId());
        if (reads.stopIfSuppressed(handle, enrollment, contact.email(), now)) {
            log.info("enrollment #{} stopped: its contact is suppressed", id);
            return false;
        }
        Contact introducer = contact.introducedBy() == null ? null : reads.contact(handle, contact.introducedBy());
        MailboxConfig mailbox = catalog.mailbox(enrollment.mailboxId());
        if (step.isTask()) {
            return openTask(handle, enrollment, sequence, step, contact, introducer, mailbox, now, reads);
        }
        Prepared prepared = prepare(handle, enrollment, sequence, step, variants.choose(handle, id, step, now),
                contact, introducer, mailbox, now, reads);
        Long outboundId = outbox.insert(handle, prepared.draft(), now).orElse(null);
        if (outboundId == null) {
            log.warn("enrollment #{} step {}: a draft exists already; not drafted again", id, step.number());
            return false;
        }
        record(handle, prepared, outboundId, now, reads);
        return true;
    }

    /** A rendered draft of one step, and why it is held or waits for approval (null: neither). */
    private record Prepared(Draft draft, long contactId, String holdReason, String approvalReason) {
    }

    /**
     * Renders {@code step} of {@code enrollment} with {@code template} and decides its state: held (the template
     * failed), waiting for approval, or queued. Writes nothing.
     */
    private Prepared prepare(Handle handle, Enrollment enrollment, SequenceDefinition sequence, StepDefinition step,
                             String template, Contact contact, Contact introducer, MailboxConfig mailbox,
                             Instant now, Reads reads) {
        long id = enrollment.id();
        UnsubscribeMode unsubscribe = sequence.unsubscribeOr(UnsubscribeMode.DEFAULT);
        String unsubscribeUrl = !unsubscribe.offersLink() ? null
                : unsubscribeLinks.link(contact.id(), id);
        boolean threaded = step.number() > 1 && !step.newThread() && enrollment.threadRefs() != null
                && !enrollment.threadRefs().isBlank();
        String messageId = messageIds.next(mailbox.address(), now);
        String subject = null;
        String text = null;
        String html = null;
        String holdReason = null;
        try {
            Map<String, Object> model = TemplateModel.of(contact, introducer, mailbox, owner(mailbox),
                    step.number(), sequence.lastStep());
            if (unsubscribeUrl != null) {
                model.put("unsubscribe_url", unsubscribeUrl);
            }
            RenderedMessage rendered = templates.render(template, model);
            subject = threaded ? replySubject(enrollment.threadSubject()) : rendered.subject();
            text = rendered.text();
            html = rendered.html();
        } catch (TemplateException e) {
            holdReason = e.getMessage();
        }
        String references = threaded ? enrollment.threadRefs().trim() : null;
        String inReplyTo = threaded ? lastId(references) : null;
        String approvalReason = holdReason == null ? reads.approvalReason(handle, id, sequence, step, contact)
                .orElse(null) : null;
        if (holdReason == null && approvalReason == null && step.number() == 1
                && reads.firstTouchMode(handle, id) == FirstTouchPlan.Mode.APPROVAL) {
            approvalReason = "first touch within " + sequence.firstTouch().withinText() + ": "
                    + reads.firstTouchReason(handle, id) + "; approve to send it now";
        }
        OutboundState state = holdReason != null ? OutboundState.HELD
                : approvalReason != null ? OutboundState.PENDING_APPROVAL : OutboundState.QUEUED;
        Draft draft = new Draft(id, enrollment.mailboxId(), step.number(), 1, messageId, template,
                mailbox.address(), mailbox.displayName(), contact.email(), contact.name(), subject, text, html,
                inReplyTo, references, state, holdReason)
                .forTier(contact.tier(), unsubscribeUrl != null && unsubscribe.setsHeaders() ? unsubscribeUrl : null);
        return new Prepared(draft, contact.id(), holdReason, approvalReason);
    }

    /** What follows a stored draft: the enrollment held when the draft is, and the draft's event. */
    private void record(Handle handle, Prepared prepared, long outboundId, Instant now, Reads reads) {
        Draft draft = prepared.draft();
        long id = draft.enrollmentId();
        if (prepared.holdReason() != null) {
            enrollments.hold(handle, id, "draft held: " + prepared.holdReason(), now);
            reads.event(handle, now, EventLog.Event.of(EventKind.DRAFT_HELD, "template").enrollment(id)
                    .contact(prepared.contactId()).outbound(outboundId).detail(prepared.holdReason()));
            log.warn("enrollment #{} step {} held: {}", id, draft.stepNo(), prepared.holdReason());
        } else if (prepared.approvalReason() != null) {
            reads.event(handle, now, EventLog.Event.of(EventKind.PENDING_APPROVAL, "approval rule").enrollment(id)
                    .contact(prepared.contactId()).outbound(outboundId).detail(prepared.approvalReason()));
        } else {
            reads.event(handle, now, EventLog.Event.of(EventKind.QUEUED, "step due").enrollment(id)
                    .contact(prepared.contactId()).outbound(outboundId)
                    .detail("step " + draft.stepNo() + " (" + draft.template() + ")"));
        }
    }

    /** A task step fell due: the owner's task is opened and the enrollment waits (no due time) until it closes. */
    private boolean openTask(Handle handle, Enrollment enrollment, SequenceDefinition sequence, StepDefinition step,
                             Contact contact, Contact introducer, MailboxConfig mailbox, Instant now,
                             Reads reads) {
        Map<String, Object> model = TemplateModel.of(contact, introducer, mailbox, owner(mailbox), step.number(),
                sequence.lastStep());
        String text = taskText.render(sequence.name() + " steps[" + step.number() + "].task", step.task().text(),
                model);
        Optional<Long> taskId = stepTasks.open(handle, enrollment, step.number(), step.task().kind(), text, now);
        if (taskId.isEmpty()) {
            log.warn("enrollment #{} step {}: its task exists already; not opened again", enrollment.id(),
                    step.number());
            return false;
        }
        reads.event(handle, now, EventLog.Event.of(EventKind.TASK_CREATED, "task step due").enrollment(enrollment.id())
                .contact(contact.id()).detail("step " + step.number() + ", task #" + taskId.get() + " ("
                        + step.task().kind().db() + "): " + text));
        return true;
    }

    /** What dispatching one enrollment reads besides its template, and where its own events go. */
    private interface Reads {

        /** Claims the enrollment and reads it; null when it is no longer due. */
        Enrollment claim(Handle handle, long id, Instant now);

        Contact contact(Handle handle, long id);

        boolean stopIfSuppressed(Handle handle, Enrollment enrollment, String address, Instant now);

        Optional<String> approvalReason(Handle handle, long id, SequenceDefinition sequence, StepDefinition step,
                                        Contact contact);

        FirstTouchPlan.Mode firstTouchMode(Handle handle, long id);

        String firstTouchReason(Handle handle, long id);

        void event(Handle handle, Instant now, EventLog.Event event);
    }

    /** One statement per read, events written at once: for the savepoint and one-by-one paths. */
    private final Reads oneByOne = new Reads() {
        @Override
        public Enrollment claim(Handle handle, long id, Instant now) {
            return enrollments.claimDue(handle, id, now) ? enrollments.byId(handle, id) : null;
        }

        @Override
        public Contact contact(Handle handle, long id) {
            return contacts.byId(handle, id);
        }

        @Override
        public boolean stopIfSuppressed(Handle handle, Enrollment enrollment, String address, Instant now) {
            return suppression.stopIfSuppressed(handle, enrollment, address, "dispatch", now);
        }

        @Override
        public Optional<String> approvalReason(Handle handle, long id, SequenceDefinition sequence,
                                               StepDefinition step, Contact contact) {
            return approvals.reason(handle, id, sequence, step, contact);
        }

        @Override
        public FirstTouchPlan.Mode firstTouchMode(Handle handle, long id) {
            return enrollments.firstTouchMode(handle, id);
        }

        @Override
        public String firstTouchReason(Handle handle, long id) {
            return enrollments.firstTouchReason(handle, id);
        }

        @Override
        public void event(Handle handle, Instant now, EventLog.Event event) {
            events.append(handle, now, event);
        }
    };

    /**
     * A batch's rows and what dispatching them reads, with one query each; the events are collected for one
     * multi-row insert. Confined to the dispatching thread.
     */
    private final class Prefetched implements Reads {

        private final Map<Long, EnrollmentStore.Claimable> due = new java.util.HashMap<>();
        private final Map<Long, Contact> people;
        /**
         * Read inside the claiming transaction only (empty before): a suppressed contact's draft is rendered with the
         * others, then left out and its enrollment stopped; suppressions are rare, a query per batch is not.
         */
        private Map<String, io.followup.contact.Suppression> suppressed = Map.of();
        private final java.util.Set<Long> referralFirst;
        private final List<EventLog.Entry> events = new java.util.ArrayList<>();

        Prefetched(Handle handle, List<EnrollmentStore.Claimable> rows) {
            rows.forEach(row -> due.put(row.enrollment().id(), row));
            people = new java.util.HashMap<>(contacts.byIds(handle,
                    rows.stream().map(row -> row.enrollment().contactId()).collect(java.util.stream.Collectors.toSet())));
            java.util.Set<Long> introducers = new java.util.HashSet<>();
            people.values().stream().map(Contact::introducedBy).filter(java.util.Objects::nonNull)
                    .filter(introducer -> !people.containsKey(introducer)).forEach(introducers::add);
            people.putAll(contacts.byIds(handle, introducers));
            referralFirst = approvals.referralFirstAmong(handle, rows.stream().map(EnrollmentStore.Claimable::enrollment)
                    .filter(enrollment -> enrollment.nextStep() == 1).map(Enrollment::id).toList());
        }

        @Override
        public Enrollment claim(Handle handle, long id, Instant now) {
            return due.get(id).enrollment();
        }

        @Override
        public Contact contact(Handle handle, long id) {
            Contact contact = people.get(id);
            return contact != null ? contact : contacts.byId(handle, id);
        }

        @Override
        public boolean stopIfSuppressed(Handle handle, Enrollment enrollment, String address, Instant now) {
            return suppression.stopIfSuppressed(handle, enrollment, address, suppressed.get(address), "dispatch", now);
        }

        @Override
        public Optional<String> approvalReason(Handle handle, long id, SequenceDefinition sequence,
                                               StepDefinition step, Contact contact) {
            return approvals.reason(handle, id, sequence, step, contact, referralFirst.contains(id));
        }

        @Override
        public FirstTouchPlan.Mode firstTouchMode(Handle handle, long id) {
            return due.get(id).firstTouch();
        }

        @Override
        public String firstTouchReason(Handle handle, long id) {
            return due.get(id).firstTouchReason();
        }

        @Override
        public void event(Handle handle, Instant now, EventLog.Event event) {
            events.add(new EventLog.Entry(now, event));
        }
    }

    private OwnerConfig owner(MailboxConfig mailbox) {
        return OwnerConfig.ofMailbox(owners, mailbox).orElse(null);
    }

    /** "Re: " + the thread's subject, without stacking prefixes. */
    public static String replySubject(String subject) {
        String base = subject == null ? "" : subject.trim();
        return base.toLowerCase(Locale.ROOT).startsWith("re:") ? base : "Re: " + base;
    }

    private static String lastId(String references) {
        String[] ids = references.trim().split("\\s+");
        return ids[ids.length - 1];
    }
}
