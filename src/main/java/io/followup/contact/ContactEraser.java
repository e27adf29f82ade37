package io.followup.contact;

import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.template.HtmlEscape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Forgets a contact (an erasure request): deletes the contact and everything that holds its personal data — its
 * enrollments with their rendered messages (outbound rows, approval decisions, Sent-folder copies, A/B choices,
 * referrals), the inbound mail it sent or that was matched to it, its tasks, keep-in-touch and opt-out rows, its search words, and
 * every event about any of these or naming the address — then keeps only a salted hash of the address in the suppression list, so the
 * address is never contacted again. Audited by a {@code contact_forgotten} event that names no one. All in the
 * caller's transaction: all or nothing. Introductions it made are kept, without the link to it. Thread-safe.
 */
public final class ContactEraser {

    /**
     * What was erased.
     *
     * @param enrollments enrollments deleted
     * @param outbound    outbound messages deleted
     * @param inbound     inbound messages deleted
     * @param events      event-log rows deleted
     * @param redacted    other outbound messages (digests, notices to owners and colleagues) that named the contact:
     *                    the address and the name replaced by {@value #REDACTED}
     */
    public record Erased(int enrollments, int outbound, int inbound, int events, int redacted) {
    }

    private final SuppressionList suppressions;
    private final EventLog events;
    private final ReceivedMail inboundMail;
    private final OutboundErasure outbound;
    private final EnrollmentErasure enrollmentRows;
    private final List<ErasureParticipant> participants;
    private final ContactStore contacts = new ContactStore();

    /**
     * @param inboundMail the owner of the inbound messages, which finds and deletes the contact's
     * @param outbound    the outbound messages' owner ({@code outbox.OutboxStore})
     * @param enrollments the enrollments' owner ({@code sequence.EnrollmentStore})
     * @param participants the owners of the other tables that hold rows of a contact, its enrollments or its
     *                     messages (decisions, notices, digests, Sent-folder copies, A/B choices, referrals,
     *                     introductions, tasks, opt-outs, keep-in-touch), run in this order before the messages,
     *                     enrollments and contact are deleted
     */
    public ContactEraser(SuppressionList suppressions, EventLog events, ReceivedMail inboundMail,
                         OutboundErasure outbound, EnrollmentErasure enrollments,
                         List<ErasureParticipant> participants) {
        this.suppressions = suppressions;
        this.events = events;
        this.inboundMail = inboundMail;
        this.outbound = outbound;
        this.enrollmentRows = enrollments;
        this.participants = List.copyOf(participants);
    }

    /**
     * Forgets {@code email} (any case). An address that is no contact is still suppressed by hash, and inbound mail
     * from it is still erased.
     */
    public Erased forget(Handle handle, String email, String source, Instant now) {
        String address = ContactStore.normalizeAddress(email.trim().toLowerCase(Locale.ROOT));
        Optional<Long> contact = contacts.idIgnoringCase(handle, address);
        long contactId = contact.orElse(-1L);
        List<String> names = contact.isEmpty() ? List.of() : fullNames(contacts.names(handle, contactId));
        List<Long> enrollments = enrollmentRows.idsOfContact(handle, contactId);
        List<Long> outbound = this.outbound.idsOf(handle, address, enrollments);
        List<Long> inbound = inboundMail.ofContact(handle, contactId, address, enrollments);
        int eventRows = events.erase(handle, contactId, enrollments, outbound, inbound,
                "%" + likeEscaped(address) + "%");
        List<Long> redacted = redactMentions(handle, address, names, outbound);
        ErasureParticipant.Forgotten forgotten =
                new ErasureParticipant.Forgotten(contactId, enrollments, outbound, redacted);
        for (ErasureParticipant participant : participants) {
            participant.forget(handle, forgotten);
        }
        inboundMail.delete(handle, inbound);
        this.outbound.deleteAll(handle, outbound);
        enrollmentRows.deleteAll(handle, enrollments);
        contacts.erase(handle, contactId);
        suppressions.forgetEntry(handle, address);
        suppressions.addForgotten(handle, address, source, now);
        Erased erased = new Erased(enrollments.size(), outbound.size(), inbound.size(), eventRows, redacted.size());
        events.append(handle, now, EventLog.Event.of(EventKind.CONTACT_FORGOTTEN, source).detail("erased "
                + (contact.isPresent() ? "a contact" : "no contact") + ", " + erased.enrollments()
                + " enrollment(s), " + erased.outbound() + " outbound and " + erased.inbound()
                + " inbound message(s), " + erased.events() + " event(s), mentions redacted in " + erased.redacted()
                + " message(s) to owners; address kept as a salted hash"));
        return erased;
    }

    /** What replaces the forgotten address and name in the messages that mention them. */
    public static final String REDACTED = "[forgotten contact]";

    /**
     * Replaces the address and the contact's names in the other outbound messages that name the address (a weekly
     * digest, a notice about the contact to an owner): those messages belong to the owner and stay, without the
     * person. (Their Sent-folder copies not yet stored are dropped by {@code sentfolder.SentCopyStore}, one of the
     * participants: a stored one is on the IMAP server, out of followup's reach.) Returns the ids of the messages
     * redacted.
     */
    private List<Long> redactMentions(Handle handle, String address, List<String> names, List<Long> erased) {
        String mention = "%" + likeEscaped(address) + "%";
        String escapedMention = "%" + likeEscaped(HtmlEscape.escape(address)) + "%";
        List<OutboundErasure.Content> found = outbound.mentioning(handle, mention, escapedMention).stream()
                .filter(row -> !erased.contains(row.id())).toList();
        List<String> needles = new ArrayList<>();
        List<String> plain = new ArrayList<>(names);
        plain.add(0, address);
        for (String needle : plain) {
            needles.add(needle);
            needles.add(HtmlEscape.escape(needle));
        }
        for (OutboundErasure.Content row : found) {
            outbound.rewrite(handle, new OutboundErasure.Content(row.id(), redact(row.subject(), needles),
                    redact(row.text(), needles), redact(row.html(), needles)));
        }
        return found.stream().map(OutboundErasure.Content::id).toList();
    }

    /** The names a contact may be shown by, longest first (so "Bob Brown" goes before "Bob"). */
    private static List<String> fullNames(List<String> stored) {
        String name = stored.get(0);
        String first = stored.get(1);
        String last = stored.get(2);
        List<String> names = new ArrayList<>();
        for (String candidate : new String[] {name, first == null || last == null ? null : first + " " + last,
                first, last}) {
            if (candidate != null && candidate.strip().length() >= 2 && !names.contains(candidate.strip())) {
                names.add(candidate.strip());
            }
        }
        names.sort(Comparator.comparingInt(String::length).reversed());
        return names;
    }

    private static String redact(String text, List<String> needles) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String needle : needles) {
            result = Pattern.compile(Pattern.quote(needle),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
        }
        return result;
    }

    /** {@code text} with the LIKE wildcards escaped by {@code !} (for {@code LIKE ... ESCAPE '!'}). */
    public static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
