package io.followup.inbound.proof;

import io.followup.config.MailboxConfig;
import io.followup.config.ProofConfig;
import io.followup.contact.ContactStore;
import io.followup.inbound.classify.FailedRecipient;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageKind;
import io.followup.inbound.classify.TraceHeaders;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.VerpAddresses;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Handle;

/**
 * Decides how strongly a classified, matched inbound message is tied to what followup sent (DESIGN "Proof before
 * action"), most certain first:
 * <ol>
 * <li>a message whose trusted {@code Authentication-Results} fail for its From domain (DMARC fail, or SPF fail
 * without a DKIM pass) is unverified, whatever else it matches;</li>
 * <li>delivered to a valid signed return address (VERP): proven for that outbound message (a bounce naming
 * another recipient is not);</li>
 * <li>a bounce or complaint: proven only when its returned headers (attached message, rfc822-headers, or
 * {@code Message-ID:} quoted in its text) name a Message-ID we sent to the recipient it reports;</li>
 * <li>a reply or auto-reply naming our Message-ID in In-Reply-To/References: proven for that thread (the ids are
 * 96-bit random, unguessable);</li>
 * <li>matched by sender: proven when the sender is the contact's own address and is authenticated (a trusted
 * pass) or, without a trusted result, its Return-Path is aligned with From (same organisational domain);</li>
 * <li>matched by subject from another address, or by the domain: unverified.</li>
 * </ol>
 * Stateless and thread-safe; call inside the transaction that records the message.
 */
public final class ProofJudge {

    private final OutboxStore outbox;
    private final ContactStore contacts;
    private final OutboundMatches matcher;
    private final LongFunction<MailboxConfig> mailboxes;
    private final VerpAddresses verp;

    /**
     * @param matcher   ties an outbound message a message is proven to concern to its enrollment or contact
     * @param mailboxes the configuration of a mailbox by id
     * @param verp      verifies signed return addresses; null when the daemon has no VERP key
     */
    public ProofJudge(OutboxStore outbox, ContactStore contacts, OutboundMatches matcher,
                      LongFunction<MailboxConfig> mailboxes, VerpAddresses verp) {
        this.outbox = outbox;
        this.contacts = contacts;
        this.matcher = matcher;
        this.mailboxes = mailboxes;
        this.verp = verp;
    }

    /** The proof of one message that {@code match} (the matcher's result) ties to followup's mail, or not. */
    public Proof judge(Handle handle, long mailboxId, InboundAnalysis analysis, TraceHeaders trace, Match match) {
        MailboxConfig mailbox = mailboxes.apply(mailboxId);
        ProofConfig config = mailbox.proof();
        AuthenticationResults.Verdict auth = AuthenticationResults.evaluate(trace.authenticationResults(),
                config.trustedAuthservIds(), analysis.from());
        if (auth.state() == AuthenticationResults.State.FAIL) {
            return match.found() ? Proof.unverified(auth.detail(), match) : Proof.none(auth.detail());
        }
        Optional<Proof> byVerp = byVerp(handle, config.verpBase(mailbox.address()), analysis, trace);
        if (byVerp.isPresent()) {
            return byVerp.get();
        }
        if (analysis.kind() == MessageKind.BOUNCE || analysis.kind() == MessageKind.COMPLAINT) {
            return byReturnedHeaders(handle, analysis, trace, match);
        }
        if (!match.found()) {
            return Proof.none("matches nothing followup sent");
        }
        return switch (match.method()) {
            case "references" -> Proof.proven("our Message-ID " + messageIdOf(handle, match)
                    + " in In-Reply-To/References", match);
            case "sender", "subject" -> bySender(analysis, trace, auth, match);
            default -> byThread(handle, analysis, match);
        };
    }

    private Optional<Proof> byVerp(Handle handle, String base, InboundAnalysis analysis, TraceHeaders trace) {
        if (verp == null) {
            return Optional.empty();
        }
        for (String address : trace.deliveredTo()) {
            if (!VerpAddresses.looksLikeOne(base, address)) {
                continue;
            }
            OptionalLong outboundId = verp.outboundId(base, address);
            Optional<OutboundMessage> sent = outboundId.isPresent() ? outbox.find(handle, outboundId.getAsLong())
                    : Optional.empty();
            if (sent.isEmpty()) {
                continue;
            }
            OutboundMessage message = sent.get();
            Match match = matcher.ofOutbound(handle, message, "verp");
            List<String> named = failedAddresses(analysis);
            if (!named.isEmpty() && !named.contains(lower(message.toAddress()))) {
                return Optional.of(Proof.unverified("VERP address of outbound #" + message.id() + " (to "
                        + message.toAddress() + ") but the report names " + String.join(", ", named), match));
            }
            return Optional.of(Proof.proven("VERP return address valid for outbound #" + message.id() + " to "
                    + message.toAddress(), match));
        }
        return Optional.empty();
    }

    private Proof byReturnedHeaders(Handle handle, InboundAnalysis analysis, TraceHeaders trace, Match match) {
        String what = analysis.kind() == MessageKind.BOUNCE ? "DSN" : "complaint";
        List<String> named = failedAddresses(analysis);
        String mismatch = null;
        for (String id : trace.returnedMessageIds()) {
            Optional<OutboundMessage> ours = outbox.byMessageId(handle, id);
            if (ours.isEmpty()) {
                continue;
            }
            OutboundMessage message = ours.get();
            if (named.isEmpty() || named.contains(lower(message.toAddress()))) {
                return Proof.proven(what + " returned headers quote " + id + ", which we sent to "
                        + message.toAddress(), matcher.ofOutbound(handle, message, "references"));
            }
            mismatch = id + " went to " + message.toAddress() + ", not to " + String.join(", ", named);
        }
        String reason = mismatch != null ? what + " returns our message, but " + mismatch
                : what + " returned headers quote no Message-ID we sent"
                + (named.isEmpty() ? "" : " to " + String.join(", ", named));
        return match.found() ? Proof.unverified(reason, match) : Proof.none(reason);
    }

    private Proof byThread(Handle handle, InboundAnalysis analysis, Match match) {
        String contactEmail = match.contactId() == null ? null : contacts.byId(handle, match.contactId()).email();
        boolean colleague = OrganizationalDomain.aligned(contactEmail, analysis.from());
        return new Proof(ProofLevel.UNVERIFIED, "matched by " + ("colleague".equals(match.method())
                ? "subject and domain" : "subject") + " only, from another address (" + analysis.from()
                + (colleague ? ", at the contact's own domain" : "") + ")", match, colleague);
    }

    private static Proof bySender(InboundAnalysis analysis, TraceHeaders trace, AuthenticationResults.Verdict auth,
                                  Match match) {
        if (auth.state() == AuthenticationResults.State.PASS) {
            return Proof.proven("sender is the contact's own address, authenticated (" + auth.detail() + ")",
                    match);
        }
        String returnPath = trace.returnPath();
        if (returnPath != null && !returnPath.isEmpty() && OrganizationalDomain.aligned(returnPath, analysis.from())) {
            return Proof.proven("sender is the contact's own address; Return-Path <" + returnPath
                    + "> aligned with From", match);
        }
        return Proof.unverified("From " + analysis.from() + " is the contact's address but Return-Path "
                + (returnPath == null ? "is missing" : "<" + returnPath + "> is not aligned")
                + " and no trusted Authentication-Results", match);
    }

    private String messageIdOf(Handle handle, Match match) {
        if (match.outboundMessageId() != null) {
            return match.outboundMessageId();
        }
        return match.outboundId() == null ? "" : outbox.find(handle, match.outboundId())
                .map(OutboundMessage::messageId).orElse("#" + match.outboundId());
    }

    private static List<String> failedAddresses(InboundAnalysis analysis) {
        return analysis.failedRecipients().stream().map(FailedRecipient::address).filter(Objects::nonNull)
                .map(ProofJudge::lower).distinct().toList();
    }

    private static String lower(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
