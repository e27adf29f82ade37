package io.followup.sequence;

import io.followup.FollowupException;
import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.template.RenderedMessage;
import io.followup.template.TemplateEngine;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Renders one template for one stored contact exactly as {@link StepDispatcher} would draft it: the same model
 * (contact, introducer, sender, owner, step number and total of the sequence that uses the template), and the
 * "Re: " subject when the contact's live enrollment has a thread to reply in. Thread-safe.
 */
public final class DraftPreview {

    /** The message as it would be sent. */
    public record Preview(String fromAddress, String fromName, String toAddress, String toName, String subject,
                          String text, String html) {
    }

    private final Jdbi jdbi;
    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final TemplateEngine templates;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;

    public DraftPreview(Jdbi jdbi, SequenceCatalog catalog, List<OwnerConfig> owners, TemplateEngine templates,
                        ContactStore contacts, EnrollmentStore enrollments) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.templates = templates;
        this.contacts = contacts;
        this.enrollments = enrollments;
    }

    /**
     * Renders {@code template} for the contact with address {@code email}.
     *
     * @throws FollowupException when the template or contact is unknown
     * @throws io.followup.template.TemplateException the hold reason, when the draft would be held
     */
    public Preview preview(String template, String email) {
        if (!templates.exists(template)) {
            throw FollowupException.notFound("no template named \"" + template + "\"; see 'followup templates check'");
        }
        return jdbi.withHandle(handle -> {
            Contact contact = contacts.findByEmail(handle, email)
                    .orElseThrow(() -> FollowupException.notFound("no contact with address " + email.strip()));
            Contact introducer = contact.introducedBy() == null ? null : contacts.byId(handle, contact.introducedBy());
            List<Long> users = catalog.sequenceNames().stream().map(name -> catalog.sequenceId(name).orElseThrow())
                    .filter(id -> step(catalog.sequence(id), template).isPresent()).toList();
            Optional<Enrollment> live = users.stream()
                    .map(id -> enrollments.findLive(handle, contact.id(), id)).flatMap(Optional::stream)
                    .min(Comparator.comparingLong(Enrollment::id));
            Long sequenceId = live.map(Enrollment::sequenceId).orElse(users.isEmpty() ? null : users.get(0));
            SequenceDefinition sequence = sequenceId == null ? null : catalog.sequence(sequenceId);
            StepDefinition step = sequence == null ? null : step(sequence, template).orElseThrow();
            MailboxConfig mailbox = live.map(enrollment -> catalog.mailbox(enrollment.mailboxId()))
                    .orElseGet(() -> sequence == null || sequence.mailbox() == null
                            ? catalog.mailboxes().values().iterator().next()
                            : catalog.mailbox(catalog.mailboxId(sequence.mailbox())));
            RenderedMessage rendered = templates.render(template, TemplateModel.of(contact, introducer, mailbox,
                    OwnerConfig.ofMailbox(owners, mailbox).orElse(null), step == null ? 1 : step.number(),
                    sequence == null ? 1 : sequence.steps().size()));
            boolean threaded = step != null && step.number() > 1 && !step.newThread() && live.isPresent()
                    && live.get().threadRefs() != null && !live.get().threadRefs().isBlank();
            String subject = threaded ? StepDispatcher.replySubject(live.get().threadSubject()) : rendered.subject();
            return new Preview(mailbox.address(), mailbox.displayName(), contact.email(), contact.name(), subject,
                    rendered.text(), rendered.html());
        });
    }

    private static Optional<StepDefinition> step(SequenceDefinition sequence, String template) {
        return sequence.steps().stream().filter(step -> step.templates().contains(template)).findFirst();
    }
}
