package io.followup.response;

import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.StandaloneOutbox;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EscalationDefinition;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.SequenceEndListener;
import io.followup.sequence.TaskText;
import io.followup.sequence.TemplateModel;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.task.TaskStore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sequence's configured escalation when an enrollment ends after its last attempt without a response: a
 * task for the owner, a notice (an email through the outbox, queued at once) to the owner or a colleague, and/or
 * a keep-in-touch cadence for the contact. Writes an {@code escalated} event row plus one row per action, in the
 * transaction that completes the enrollment. Stateless and thread-safe.
 */
public final class EscalationPolicy implements SequenceEndListener {

    private static final Logger log = LoggerFactory.getLogger(EscalationPolicy.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy");

    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final ContactStore contacts;
    private final TaskStore tasks;
    private final TaskText taskText;
    private final CheckIns keepInTouch;
    private final StandaloneOutbox outbox;
    private final EventLog events;

    public EscalationPolicy(SequenceCatalog catalog, List<OwnerConfig> owners, ContactStore contacts,
                            TaskStore tasks, TaskText taskText, CheckIns keepInTouch,
                            StandaloneOutbox outbox, EventLog events) {
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.contacts = contacts;
        this.tasks = tasks;
        this.taskText = taskText;
        this.keepInTouch = keepInTouch;
        this.outbox = outbox;
        this.events = events;
    }

    @Override
    public void endedWithoutResponse(Handle handle, Enrollment enrollment, SequenceDefinition sequence,
                                     Instant now) {
        EscalationDefinition escalation = sequence.escalation();
        if (escalation == null || escalation.isEmpty()) {
            return;
        }
        Contact contact = contacts.byId(handle, enrollment.contactId());
        MailboxConfig mailbox = catalog.mailbox(enrollment.mailboxId());
        Optional<OwnerConfig> owner = OwnerConfig.ofMailbox(owners, mailbox);
        String cause = "no response after " + sequence.lastStep() + " attempt(s) of " + sequence.name();
        List<String> done = new ArrayList<>();
        String taskLine = null;
        if (escalation.task() != null) {
            Contact introducer = contact.introducedBy() == null ? null : contacts.byId(handle, contact.introducedBy());
            Map<String, Object> model = TemplateModel.of(contact, introducer, mailbox, owner.orElse(null),
                    sequence.lastStep(), sequence.lastStep());
            String text = taskText.render(sequence.name() + " escalation.task", escalation.task().text(), model);
            long taskId = tasks.insert(handle, contact.id(), enrollment.id(), escalation.task().kind(), text, now, now);
            events.append(handle, now, EventLog.Event.of(EventKind.TASK_CREATED, cause).enrollment(enrollment.id())
                    .contact(contact.id()).detail("task #" + taskId + " (" + escalation.task().kind().db() + "): "
                            + text));
            taskLine = escalation.task().kind().db() + ": " + text + " (task #" + taskId + ")";
            done.add("task #" + taskId);
        }
        Instant checkInDue = null;
        if (escalation.keepInTouch() != null) {
            checkInDue = keepInTouch.set(handle, contact, escalation.keepInTouch(), now, cause, enrollment.id());
            done.add("keep in touch " + escalation.keepInTouch());
        }
        if (escalation.noticeTo() != null) {
            String to = EscalationDefinition.OWNER.equals(escalation.noticeTo())
                    ? owner.map(OwnerConfig::email).orElse(mailbox.address()) : escalation.noticeTo();
            String toName = EscalationDefinition.OWNER.equals(escalation.noticeTo())
                    ? owner.map(OwnerConfig::name).orElse(null) : null;
            ZoneId zone = owner.map(OwnerConfig::timeZone).orElse(mailbox.timeZone());
            StandaloneOutbox.Written notice = new StandaloneOutbox.Written(OutboundKind.NOTICE,
                    "notice:" + enrollment.id(), enrollment.id(), enrollment.mailboxId(), mailbox,
                    "(escalation notice)", to, toName,
                    "No reply from " + displayName(contact) + " after " + sequence.lastStep() + " attempt(s) ("
                            + sequence.name() + ")",
                    noticeText(contact, enrollment, sequence, taskLine, checkInLine(escalation, checkInDue, zone), zone),
                    null);
            outbox.queue(handle, notice, now).ifPresent(id -> {
                events.append(handle, now, EventLog.Event.of(EventKind.NOTICE_QUEUED, cause).enrollment(enrollment.id())
                        .contact(contact.id()).outbound(id).detail("to " + to));
                done.add("notice to " + to);
            });
        }
        events.append(handle, now, EventLog.Event.of(EventKind.ESCALATED, cause).enrollment(enrollment.id())
                .contact(contact.id()).detail(String.join("; ", done)));
        log.info("enrollment #{} escalated: {}", enrollment.id(), String.join("; ", done));
    }

    private static String checkInLine(EscalationDefinition escalation, Instant due, ZoneId zone) {
        return due == null ? null : "They move to a " + escalation.keepInTouch()
                + " keep-in-touch cadence; the first check-in draft is prepared on " + DAY.format(due.atZone(zone))
                + ".";
    }

    private static String noticeText(Contact contact, Enrollment enrollment, SequenceDefinition sequence,
                                     String taskLine, String keepInTouchLine, ZoneId zone) {
        StringBuilder text = new StringBuilder();
        text.append(displayName(contact)).append(" <").append(contact.email()).append(">");
        if (contact.company() != null) {
            text.append(" (").append(contact.company()).append(")");
        }
        text.append(" has not replied to the ").append(sequence.lastStep()).append(" message(s) of the sequence \"")
                .append(sequence.name()).append("\"");
        if (enrollment.lastSentAt() != null) {
            text.append("; the last one went out on ").append(DAY.format(enrollment.lastSentAt().atZone(zone)));
        }
        text.append(".\n");
        if (taskLine != null) {
            text.append("\nA task was created for you: ").append(taskLine).append("\n");
        }
        if (keepInTouchLine != null) {
            text.append("\n").append(keepInTouchLine).append("\n");
        }
        text.append("\nEnrollment #").append(enrollment.id()).append(" is completed; no further follow-ups go out.\n")
                .append("\n-- \nfollowup\n");
        return text.toString();
    }

    private static String displayName(Contact contact) {
        return contact.name() != null ? contact.name() : contact.email();
    }
}
