package io.followup.inbound;

import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.inbound.classify.FailedRecipient;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Finds the enrollment an inbound message answers: first through the Message-IDs it refers to (In-Reply-To,
 * References, and for a bounce the original message it quotes), then through the sender and the normalized thread
 * subject, then through the sender alone when that contact has a live enrollment, and for a bounce through the
 * failed recipient's address. Stateless and thread-safe.
 */
public final class MessageMatcher {

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*((re|aw|sv|antw|vs|wg|fw|fwd|tr|rv|r|odp|ynt)(\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
    /** A message written before this long before the enrollment cannot be a reply to it. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final OutboxStore outbox;
    private final EnrollmentStore enrollments;
    private final ContactStore contacts;

    public MessageMatcher(OutboxStore outbox, EnrollmentStore enrollments, ContactStore contacts) {
        this.outbox = outbox;
        this.enrollments = enrollments;
        this.contacts = contacts;
    }

    public Match match(Handle handle, long mailboxId, InboundAnalysis analysis) {
        List<String> references = new ArrayList<>(analysis.references());
        for (int i = references.size() - 1; i >= 0; i--) {
            Optional<OutboundMessage> ours = outbox.byMessageId(handle, references.get(i));
            if (ours.isPresent()) {
                OutboundMessage message = ours.get();
                if (!message.isStep()) {
                    Long contactId = contactOf(handle, message.toAddress());
                    return new Match(message.id(), null, contactId, "references");
                }
                Enrollment enrollment = enrollments.byId(handle, message.enrollmentId());
                return new Match(message.id(), enrollment.id(), enrollment.contactId(), "references");
            }
        }
        if (analysis.kind() == MessageKind.BOUNCE) {
            for (FailedRecipient recipient : analysis.failedRecipients()) {
                if (recipient.address() != null) {
                    Optional<Match> byRecipient = bySender(handle, mailboxId, recipient.address(), null, null,
                            "bounced_recipient");
                    if (byRecipient.isPresent()) {
                        return byRecipient.get();
                    }
                }
            }
            return Match.NONE;
        }
        if (analysis.from() == null) {
            return Match.NONE;
        }
        return bySender(handle, mailboxId, analysis.from(), analysis.subject(), analysis, "sender").orElse(Match.NONE);
    }

    private Optional<Match> bySender(Handle handle, long mailboxId, String address, String subject,
                                     InboundAnalysis analysis, String method) {
        Optional<Contact> contact;
        try {
            contact = contacts.findByEmail(handle, address);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        List<Enrollment> live = enrollments.liveOfContact(handle, contact.get().id()).stream()
                .filter(enrollment -> enrollment.mailboxId() == mailboxId)
                .filter(enrollment -> analysis == null || analysis.date() == null
                        || !analysis.date().isBefore(enrollment.enrolledAt().minus(CLOCK_SKEW)))
                .toList();
        if (live.isEmpty()) {
            return Optional.of(new Match(null, null, contact.get().id(), method));
        }
        String normalized = normalizeSubject(subject);
        for (Enrollment enrollment : live) {
            if (!normalized.isEmpty() && normalized.equals(normalizeSubject(enrollment.threadSubject()))) {
                return Optional.of(new Match(null, enrollment.id(), contact.get().id(), "subject"));
            }
        }
        Enrollment latest = live.get(live.size() - 1);
        return Optional.of(new Match(null, latest.id(), contact.get().id(), method));
    }

    /** The contact with this address (a notice goes to the owner, who is usually not a contact), or null. */
    private Long contactOf(Handle handle, String address) {
        try {
            return contacts.findByEmail(handle, address).map(Contact::id).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A subject without reply/forward prefixes in the common languages, folded to lower case. */
    public static String normalizeSubject(String subject) {
        if (subject == null) {
            return "";
        }
        return REPLY_PREFIX.matcher(subject).replaceFirst("").replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }
}
