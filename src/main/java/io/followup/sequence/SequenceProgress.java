package io.followup.sequence;

import io.followup.contact.ContactStore;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.BatchSendListener;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.sequence.timing.Wait;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Moves an enrollment on when its step was sent: records the thread and sets when the next step (or the end of
 * the grace period after the last one) falls due. Stateless and thread-safe.
 */
public final class SequenceProgress implements BatchSendListener {

    /** References kept in a thread: the first message and the most recent ones (RFC 5322 suggests trimming). */
    private static final int MAX_REFERENCES = 10;

    private final SequenceCatalog catalog;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final EventLog events;
    private final TimingPlanner timing;

    /** With {@code timing} counting business days in the sequence's calendar and applying its send window. */
    public SequenceProgress(SequenceCatalog catalog, ContactStore contacts, EnrollmentStore enrollments,
                            EventLog events, TimingPlanner timing) {
        this.timing = timing;
        this.catalog = catalog;
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.events = events;
    }

    /**
     * The enrollments of the batch (with their contacts' time zones) are read with one query and moved on with one batched
     * statement. Should one enrollment appear twice in the batch, they are moved on one after the other.
     */
    @Override
    public void sentAll(Handle handle, List<Sent> messages) {
        List<Sent> steps = messages.stream().filter(sent -> sent.message().isStep()).toList();
        if (steps.isEmpty()) {
            return;
        }
        Set<Long> ids = steps.stream().map(sent -> sent.message().enrollmentId()).collect(Collectors.toSet());
        if (ids.size() < steps.size()) {
            steps.forEach(sent -> sentAll(handle, List.of(sent)));
            return;
        }
        Map<Long, EnrollmentStore.WithContactZone> enrollmentsById = enrollments.byIdsWithContactZone(handle, ids);
        List<EnrollmentStore.StepSent> moves = new ArrayList<>();
        for (Sent sent : steps) {
            OutboundMessage message = sent.message();
            EnrollmentStore.WithContactZone found = enrollmentsById.get(message.enrollmentId());
            if (found == null) {
                throw new EnrollmentException("no enrollment #" + message.enrollmentId());
            }
            Enrollment enrollment = found.enrollment();
            SequenceDefinition sequence = catalog.sequence(enrollment.sequenceId());
            boolean newThread = message.inReplyTo() == null;
            String subject = newThread ? message.subject() : enrollment.threadSubject();
            String refs = newThread ? message.messageId()
                    : trim(enrollment.threadRefs() + " " + message.messageId());
            int stepNo = message.stepNo();
            moves.add(new EnrollmentStore.StepSent(enrollment.id(), stepNo, subject, refs,
                    nextDue(found.contactTimeZone(), enrollment, sequence, stepNo, sent.at()),
                    sent.at()));
        }
        enrollments.stepSentAll(handle, moves);
    }

    /**
     * The task of a task step was closed (done or skipped): the enrollment, if it still waits at that step, moves
     * on, and its next step falls due by the same timing rules as after a sent email. A paused enrollment moves on
     * but stays paused.
     *
     * @return whether the enrollment moved on (false: it had moved on, stopped or ended already, or its sequence is
     *         no longer configured)
     */
    public boolean taskStepClosed(Handle handle, long enrollmentId, int stepNo, Instant now) {
        Enrollment enrollment = enrollments.byId(handle, enrollmentId);
        if (!catalog.hasSequence(enrollment.sequenceId())) {
            return false;
        }
        SequenceDefinition sequence = catalog.sequence(enrollment.sequenceId());
        boolean moved = enrollments.taskStepDone(handle, enrollmentId, stepNo,
                nextDue(contacts.byId(handle, enrollment.contactId()).timeZone(), enrollment, sequence, stepNo, now),
                now);
        if (moved) {
            events.append(handle, now, EventLog.Event.of(EventKind.TASK_STEP_RELEASED, "task closed")
                    .enrollment(enrollmentId).contact(enrollment.contactId())
                    .detail("step " + stepNo + " done; the sequence continues"));
        }
        return moved;
    }

    /** When the step after {@code stepNo} (in the contact's own zone, else the mailbox's) (or the end of the grace after the last one) falls due. */
    private Instant nextDue(String contactTimeZone, Enrollment enrollment, SequenceDefinition sequence, int stepNo,
                            Instant now) {
        ZoneId zone = contactTimeZone != null ? ZoneId.of(contactTimeZone)
                : catalog.mailbox(enrollment.mailboxId()).timeZone();
        return stepNo < sequence.lastStep()
                ? timing.due(sequence.timing(), sequence.steps().get(stepNo).delay(), now, zone)
                : timing.waitEnd(sequence.afterLastStep() == null ? Wait.NONE : sequence.afterLastStep(), now, zone,
                        sequence.timing().calendar());
    }

    @Override
    public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
        if (message.isStep() && enrollments.finish(handle, message.enrollmentId(), EnrollmentState.FAILED, "send failed", now)) {
            events.append(handle, now, EventLog.Event.of(EventKind.ENROLLMENT_FAILED, "send failed")
                    .enrollment(message.enrollmentId()).outbound(message.id()).detail(reason));
        }
    }

    static String trim(String references) {
        String[] ids = references.trim().split("\\s+");
        if (ids.length <= MAX_REFERENCES) {
            return String.join(" ", ids);
        }
        return Stream.concat(Stream.of(ids[0]), Arrays.stream(ids, ids.length - MAX_REFERENCES + 1, ids.length))
                .collect(Collectors.joining(" "));
    }
}
