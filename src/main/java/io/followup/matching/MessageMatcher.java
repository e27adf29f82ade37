package io.followup.matching;

import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.inbound.Matching;
import io.followup.inbound.classify.FailedRecipient;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageKind;
import io.followup.inbound.proof.Match;
import io.followup.inbound.proof.OutboundMatches;
import io.followup.inbound.text.Subjects;
import io.followup.matching.EnrollmentThreads.Enrolled;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboxStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Finds the enrollment an inbound message answers, most certain first:
 * <ol>
 * <li>{@code references}: a Message-ID of ours in In-Reply-To or References (for a bounce or complaint, also the
 * original message it quotes), newest first;</li>
 * <li>{@code bounced_recipient}: a bounce naming a contact's address;</li>
 * <li>{@code subject} / {@code sender}: the sender is a contact with a live enrollment in this mailbox (the one
 * whose thread subject matches, else the most recent);</li>
 * <li>{@code other_address} / {@code colleague}: the subject continues exactly one live thread of this mailbox
 * (a person writing from another address), or several and exactly one of them is at the sender's domain.</li>
 * </ol>
 * A message dated well before an enrollment never matches it by sender or subject. Part of the engine: inbound asks
 * it through {@link Matching} and the proof through {@link OutboundMatches}, both wired in {@code app.Daemon}.
 * Stateless and thread-safe.
 */
public final class MessageMatcher implements Matching, OutboundMatches {

    /** A message written this long before an enrollment cannot be a reply to it. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final OutboxStore outbox;
    private final EnrollmentThreads enrollments;
    private final ContactStore contacts;

    /** @param enrollments the enrollments a message may answer */
    public MessageMatcher(OutboxStore outbox, EnrollmentThreads enrollments, ContactStore contacts) {
        this.outbox = outbox;
        this.enrollments = enrollments;
        this.contacts = contacts;
    }

    @Override
    public Match match(Handle handle, long mailboxId, InboundAnalysis analysis) {
        List<String> references = analysis.references();
        for (int i = references.size() - 1; i >= 0; i--) {
            Optional<OutboundMessage> ours = outbox.byMessageId(handle, references.get(i));
            if (ours.isPresent()) {
                return ofOutbound(handle, ours.get(), "references");
            }
        }
        if (analysis.kind() == MessageKind.BOUNCE) {
            for (FailedRecipient recipient : analysis.failedRecipients()) {
                Optional<Contact> contact = contact(handle, recipient.address());
                if (contact.isPresent()) {
                    return byContact(handle, mailboxId, contact.get(), null, null, "bounced_recipient");
                }
            }
            return Match.NONE;
        }
        Optional<Contact> sender = contact(handle, analysis.from());
        Match bySender = sender.map(contact -> byContact(handle, mailboxId, contact, analysis.subject(), analysis,
                "sender")).orElse(Match.NONE);
        if (bySender.enrollmentId() != null) {
            return bySender;
        }
        return byThread(handle, mailboxId, analysis).orElse(bySender);
    }

    @Override
    public Match ofOutbound(Handle handle, OutboundMessage message, String method) {
        if (!message.isStep()) {
            Long contactId = contacts.findByEmail(handle, message.toAddress()).map(Contact::id).orElse(null);
            return new Match(message.id(), null, contactId, method, message.messageId());
        }
        Enrolled enrollment = enrollments.of(handle, message.enrollmentId());
        return new Match(message.id(), enrollment.enrollmentId(), enrollment.contactId(), method,
                message.messageId());
    }

    private Match byContact(Handle handle, long mailboxId, Contact contact, String subject, InboundAnalysis analysis,
                            String method) {
        List<Enrolled> live = enrollments.liveOfContact(handle, contact.id()).stream()
                .filter(enrollment -> enrollment.mailboxId() == mailboxId)
                .filter(enrollment -> writtenAfterEnrollment(analysis, enrollment))
                .toList();
        if (live.isEmpty()) {
            return new Match(null, null, contact.id(), method);
        }
        String key = Subjects.key(subject);
        for (Enrolled enrollment : live) {
            if (!key.isEmpty() && key.equals(Subjects.key(enrollment.threadSubject()))) {
                return new Match(null, enrollment.enrollmentId(), contact.id(), "subject");
            }
        }
        Enrolled latest = live.get(live.size() - 1);
        return new Match(null, latest.enrollmentId(), contact.id(), method);
    }

    private Optional<Match> byThread(Handle handle, long mailboxId, InboundAnalysis analysis) {
        String key = Subjects.key(analysis.subject());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<Enrolled> threads = enrollments.liveByThreadKey(handle, mailboxId, key).stream()
                .filter(enrollment -> writtenAfterEnrollment(analysis, enrollment))
                .toList();
        if (threads.size() == 1) {
            Enrolled enrollment = threads.get(0);
            return Optional.of(new Match(null, enrollment.enrollmentId(), enrollment.contactId(), "other_address"));
        }
        String domain = domain(analysis.from());
        if (threads.size() > 1 && domain != null) {
            List<Enrolled> sameDomain = threads.stream()
                    .filter(enrollment -> domain.equals(domain(contacts.byId(handle, enrollment.contactId()).email())))
                    .toList();
            if (sameDomain.size() == 1) {
                Enrolled enrollment = sameDomain.get(0);
                return Optional.of(new Match(null, enrollment.enrollmentId(), enrollment.contactId(), "colleague"));
            }
        }
        return Optional.empty();
    }

    private Optional<Contact> contact(Handle handle, String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        return contacts.findByEmail(handle, address);
    }

    private static boolean writtenAfterEnrollment(InboundAnalysis analysis, Enrolled enrollment) {
        return analysis == null || analysis.date() == null
                || !analysis.date().isBefore(enrollment.enrolledAt().minus(CLOCK_SKEW));
    }

    private static String domain(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** A subject without reply/forward prefixes in the common languages, folded to lower case. */
    public static String normalizeSubject(String subject) {
        return Subjects.key(subject);
    }
}
