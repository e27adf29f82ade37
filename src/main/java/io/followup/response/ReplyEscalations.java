package io.followup.response;

import io.followup.config.MailboxConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.inbound.InboundMessage;
import io.followup.inbound.text.Intent;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.StandaloneOutbox;
import io.followup.sequence.Enrollment;
import io.followup.sequence.ReplyEscalation;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.TaskText;
import io.followup.sequence.TemplateModel;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.task.TaskStore;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalation on a reply: when a human reply stops an enrollment, the {@link ReplyEscalation}s of its reply class
 * (intent) that apply to the contact's tier run: a task for the owner (due at once), and/or a hand-off that mails the
 * colleague the reply with its thread and makes them the contact's owner ({@code contact.owner_email}). Register it
 * after {@link TaskClosing}, which closes the enrollment's earlier tasks. An enrollment whose sequence or mailbox is
 * no longer configured escalates nothing. Stateless and thread-safe.
 */
public final class ReplyEscalations implements ResponseListener {

    private static final Logger log = LoggerFactory.getLogger(ReplyEscalations.class);

    private final SequenceCatalog catalog;
    private final ContactStore contacts;
    private final TaskStore tasks;
    private final TaskText taskText;
    private final StandaloneOutbox outbox;
    private final EventLog events;

    public ReplyEscalations(SequenceCatalog catalog, ContactStore contacts, TaskStore tasks, TaskText taskText,
                            StandaloneOutbox outbox, EventLog events) {
        this.catalog = catalog;
        this.contacts = contacts;
        this.tasks = tasks;
        this.taskText = taskText;
        this.outbox = outbox;
        this.events = events;
    }

    @Override
    public void replyStopped(Handle handle, ReplyStop stopped, Instant now) {
        Enrollment enrollment = stopped.enrollment();
        long enrollmentId = enrollment.id();
        long inboundId = stopped.inboundId();
        if (!catalog.hasSequence(enrollment.sequenceId()) || !catalog.hasMailbox(enrollment.mailboxId())) {
            return;
        }
        SequenceDefinition sequence = catalog.sequence(enrollment.sequenceId());
        InboundMessage reply = stopped.reply();
        Intent intent = reply.intent() == null ? Intent.NEUTRAL : reply.intent().intent();
        Contact contact = stopped.contact();
        String cause = "reply (" + intent.wireName() + ", tier " + contact.tier() + ")";
        for (ReplyEscalation escalation : sequence.responses().escalations(intent)) {
            if (!escalation.appliesTo(contact.tier())) {
                continue;
            }
            MailboxConfig mailbox = catalog.mailbox(enrollment.mailboxId());
            if (escalation.task() != null) {
                Contact introducer = contact.introducedBy() == null ? null
                        : contacts.byId(handle, contact.introducedBy());
                String text = taskText.render(sequence.name() + " responses." + intent.wireName() + ".task",
                        escalation.task().text(), TemplateModel.of(contact, introducer, mailbox, null,
                                sequence.lastStep(), sequence.lastStep()));
                long taskId = tasks.insert(handle, contact.id(), enrollmentId, escalation.task().kind(), text, now,
                        now);
                events.append(handle, now, EventLog.Event.of(EventKind.TASK_CREATED, cause).enrollment(enrollmentId)
                        .contact(contact.id()).inbound(inboundId)
                        .detail("task #" + taskId + " (" + escalation.task().kind().db() + "): " + text));
            }
            if (escalation.handoff() != null) {
                handOff(handle, enrollment, sequence, mailbox, contact, escalation.handoff(), inboundId,
                        reply, cause, now);
            }
        }
    }

    private void handOff(Handle handle, Enrollment enrollment, SequenceDefinition sequence, MailboxConfig mailbox,
                         Contact contact, String colleague, long inboundId, InboundMessage reply, String cause,
                         Instant now) {
        contacts.handOff(handle, contact.id(), colleague);
        String who = contact.name() == null ? contact.email() : contact.name() + " <" + contact.email() + ">";
        String text = who + " replied to \"" + sequence.name() + "\" and is handed over to you: you are now the "
                + "owner of this contact. Please answer them directly; followup sends them nothing more from this "
                + "sequence.\n\nSubject: " + Objects.requireNonNullElse(reply.analysis().subject(), "") + "\n\n"
                + Objects.requireNonNullElse(reply.replyText(), "(no text)") + "\n\n-- \nfollowup\n";
        outbox.queue(handle, new StandaloneOutbox.Written(OutboundKind.NOTICE, "handoff:" + inboundId + ":"
                + colleague, enrollment.id(), enrollment.mailboxId(), mailbox, "(hand-off notice)", colleague, null,
                "Handed over to you: " + who, text, null), now).ifPresent(id -> events.append(handle, now,
                EventLog.Event.of(EventKind.HANDED_OFF, cause).enrollment(enrollment.id()).contact(contact.id())
                        .inbound(inboundId).outbound(id).detail("to " + colleague)));
        log.info("enrollment #{}: contact #{} handed off to {}", enrollment.id(), contact.id(), colleague);
    }
}
