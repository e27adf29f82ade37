package io.followup.response;

import io.followup.config.IntroductionsConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.StandaloneOutbox;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.TemplateModel;
import io.followup.store.EventLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop with an introducer: when a contact someone introduced replies (a human reply that stops the
 * enrollment), a thank-you / report-back draft to the introducer is prepared from the configured template, once
 * per introduced contact (idempotency key {@code thanks:CONTACT}); {@code pending_approval} by default. The
 * template sees the same model as the introduced contact's sequence: {@code $contact} is the person introduced
 * (who replied) and {@code $introducer} the person thanked, who receives the message. Stateless and thread-safe.
 */
public final class IntroductionThanks implements ResponseListener {

    private static final Logger log = LoggerFactory.getLogger(IntroductionThanks.class);

    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final StandaloneOutbox outbox;
    private final IntroductionsConfig config;
    private final EventLog events;

    public IntroductionThanks(SequenceCatalog catalog, List<OwnerConfig> owners, ContactStore contacts,
                              EnrollmentStore enrollments, StandaloneOutbox outbox, IntroductionsConfig config,
                              EventLog events) {
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.config = config;
        this.events = events;
    }

    @Override
    public void replyStopped(Handle handle, long enrollmentId, long inboundId, Instant now) {
        Enrollment enrollment = enrollments.byId(handle, enrollmentId);
        Contact introduced = contacts.byId(handle, enrollment.contactId());
        if (introduced.introducedBy() == null) {
            return;
        }
        Contact introducer = contacts.byId(handle, introduced.introducedBy());
        MailboxConfig mailbox = catalog.mailbox(enrollment.mailboxId());
        StandaloneOutbox.Request request = new StandaloneOutbox.Request(OutboundKind.THANK_YOU,
                "thanks:" + introduced.id(), enrollmentId, enrollment.mailboxId(), mailbox, introducer.email(),
                introducer.name(), config.thankYouTemplate(),
                TemplateModel.of(introduced, introducer, mailbox, owner(mailbox).orElse(null), 1, 1),
                config.approval());
        outbox.compose(handle, request, now).ifPresent(draft -> {
            String cause = "reply from introduced contact #" + introduced.id();
            events.append(handle, now, EventLog.Event.of(draft.holdReason() == null ? "thank_you_drafted"
                            : "draft_held", cause).enrollment(enrollmentId).contact(introducer.id())
                    .outbound(draft.outboundId()).inbound(inboundId)
                    .detail(draft.holdReason() == null ? "to " + introducer.email() + " (" + draft.state().db() + ")"
                            : draft.holdReason()));
            log.info("thank-you to introducer #{} for contact #{} drafted ({})", introducer.id(), introduced.id(),
                    draft.state().db());
        });
    }

    private Optional<OwnerConfig> owner(MailboxConfig mailbox) {
        return owners.stream().filter(owner -> owner.email().equalsIgnoreCase(String.valueOf(mailbox.owner())))
                .findFirst().or(() -> owners.stream().findFirst());
    }
}
