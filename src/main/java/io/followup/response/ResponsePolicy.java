package io.followup.response;

import io.followup.contact.Contact;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.inbound.InboundMessage;
import io.followup.inbound.Responder;
import io.followup.inbound.proof.Match;
import io.followup.inbound.classify.FailedRecipient;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageKind;
import io.followup.inbound.text.Intent;
import io.followup.inbound.text.IntentResult;
import io.followup.outbox.Draft;
import io.followup.outbox.MessageIds;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.AutoReplyReturn;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentService;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.OptOutStore;
import io.followup.sequence.ReferralStore;
import io.followup.sequence.ResponseAction;
import io.followup.sequence.ResponseRules;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.timing.Wait;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a classified, matched inbound message does, by its sequence's {@link ResponseRules}:
 * <ul>
 * <li>a human reply stops the enrollment at once; by intent it may also notify the owner (interested), opt the
 * contact out of the sequence (not interested), enroll the person it names (referral) or suppress the address
 * everywhere (unsubscribe: also when the reply matched no live enrollment);</li>
 * <li>an auto-reply pauses the enrollment until the return date plus one business day (09:00 in the contact's
 * zone), or for a default period; the dispatcher resumes it;</li>
 * <li>a hard bounce stops it and suppresses the address; a soft bounce sends the same step again later, a
 * bounded number of times, then stops;</li>
 * <li>a complaint stops it, suppresses the address and notifies the owner.</li>
 * </ul>
 * Every decision is written to the event log with the message that caused it. Stateless and thread-safe; call
 * inside the transaction that records the message.
 */
public final class ResponsePolicy implements Responder {

    private static final Logger log = LoggerFactory.getLogger(ResponsePolicy.class);

    private final SequenceCatalog catalog;
    private final LongFunction<ResponseRules> rules;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final EnrollmentService enrollmentService;
    private final OutboxStore outbox;
    private final OptOutStore optOuts;
    private final Suppressor suppressor;
    private final OwnerNotifier notifier;
    private final MessageIds messageIds;
    private final EventLog events;
    private final List<ResponseListener> listeners;
    private final AutoReplyReturn returns;
    private final ReferralStore referrals;

    /**
     * @param rules     the response rules of a sequence, by sequence id
     * @param listeners told about mail from known contacts (before the policy acts) and replies that stop an
     *                  enrollment (keep-in-touch clocks, introducer thank-yous)
     */
    public ResponsePolicy(SequenceCatalog catalog, LongFunction<ResponseRules> rules, ContactStore contacts,
                          EnrollmentStore enrollments, EnrollmentService enrollmentService, OutboxStore outbox,
                          OptOutStore optOuts, Suppressor suppressor, OwnerNotifier notifier, MessageIds messageIds,
                          EventLog events, List<ResponseListener> listeners) {
        this(catalog, rules, contacts, enrollments, enrollmentService, outbox, optOuts, suppressor, notifier,
                messageIds, events, null, new ReferralStore(), listeners);
    }

    /**
     * Like the constructor above, with {@code returns} resuming after an out-of-office on the next working day of
     * the sequence's calendar at its send window's opening (null: the next weekday at 09:00), and {@code referrals}
     * recording the contacts enrolled from replies.
     */
    public ResponsePolicy(SequenceCatalog catalog, LongFunction<ResponseRules> rules, ContactStore contacts,
                          EnrollmentStore enrollments, EnrollmentService enrollmentService, OutboxStore outbox,
                          OptOutStore optOuts, Suppressor suppressor, OwnerNotifier notifier, MessageIds messageIds,
                          EventLog events, AutoReplyReturn returns, ReferralStore referrals,
                          List<ResponseListener> listeners) {
        this.returns = returns;
        this.referrals = referrals;
        this.catalog = catalog;
        this.rules = rules;
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.enrollmentService = enrollmentService;
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.suppressor = suppressor;
        this.notifier = notifier;
        this.messageIds = messageIds;
        this.events = events;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void apply(Handle handle, long inboundId, InboundMessage message, Match match, Instant now) {
        InboundAnalysis analysis = message.analysis();
        Decision decision = new Decision(handle, inboundId, message, match, now, analysis.kind().wireName() + " "
                + (analysis.messageId() == null ? "#" + inboundId : analysis.messageId()));
        if (match.contactId() != null) {
            listeners.forEach(listener -> listener.fromContact(handle, match.contactId(), inboundId, message, now));
        }
        if (match.enrollmentId() == null) {
            withoutEnrollment(decision);
            foundInJunk(decision);
            return;
        }
        Enrollment enrollment = enrollments.byId(handle, match.enrollmentId());
        ResponseRules sequenceRules = rules.apply(enrollment.sequenceId());
        switch (analysis.kind()) {
            case HUMAN_REPLY -> humanReply(decision, enrollment, sequenceRules);
            case COMPLAINT -> {
                stop(decision, enrollment.id(), "complaint", EventKind.COMPLAINT, null);
                act(decision, enrollment, sequenceRules.onComplaint(), "complaint");
            }
            case BOUNCE -> bounce(decision, enrollment, sequenceRules);
            case AUTO_REPLY -> pause(decision, enrollment, sequenceRules);
            case OTHER -> events.append(handle, now, EventLog.Event.of(EventKind.INBOUND_OTHER, decision.cause)
                    .enrollment(enrollment.id()).inbound(inboundId).detail(analysis.explanation()));
        }
        foundInJunk(decision);
    }

    /**
     * An unverified message (see {@code io.followup.inbound.proof.ProofJudge}): never suppresses, opts out, pauses,
     * enrolls or sends. The one quiet, reversible action: a human reply from another address at the contact's own
     * organisation ({@code fromContactsOrganisation}) stops the enrollment, as a colleague's answer would. Records
     * the reason in the event log.
     *
     * @return what the message asked for (e.g. {@code stop intro for carol@example.org; suppress carol@example.org}),
     *         for the owner to apply or dismiss; null when it asked for nothing
     */
    @Override
    public String applyUnverified(Handle handle, long inboundId, InboundMessage message, Match match, String reason,
                                  boolean fromContactsOrganisation, Instant now) {
        InboundAnalysis analysis = message.analysis();
        Decision decision = new Decision(handle, inboundId, message, match, now, analysis.kind().wireName() + " "
                + (analysis.messageId() == null ? "#" + inboundId : analysis.messageId()) + " (unverified)");
        String requested = requested(handle, message, match);
        EventLog.Event event = EventLog.Event.of(EventKind.INBOUND_UNVERIFIED, decision.cause).inbound(inboundId)
                .detail(reason + (requested == null ? "" : "; asks: " + requested));
        event = match.enrollmentId() == null ? event : event.enrollment(match.enrollmentId());
        events.append(handle, now, match.contactId() == null ? event : event.contact(match.contactId()));
        if (fromContactsOrganisation && analysis.kind() == MessageKind.HUMAN_REPLY && match.enrollmentId() != null) {
            stop(decision, match.enrollmentId(), "answered from the contact's organisation (unverified)",
                    EventKind.REPLY_UNVERIFIED, reason);
        }
        return requested;
    }

    /** In words, what applying this message as proven would do; null when nothing. */
    private String requested(Handle handle, InboundMessage message, Match match) {
        InboundAnalysis analysis = message.analysis();
        Intent intent = message.intent() == null ? Intent.NEUTRAL : message.intent().intent();
        Contact contact = match.contactId() == null ? null : contacts.byId(handle, match.contactId());
        if (match.enrollmentId() == null) {
            if (contact != null && (intent == Intent.UNSUBSCRIBE || analysis.kind() == MessageKind.COMPLAINT)) {
                return "suppress " + contact.email() + (intent == Intent.UNSUBSCRIBE ? " (unsubscribe)" : " (complaint)");
            }
            return null;
        }
        Enrollment enrollment = enrollments.byId(handle, match.enrollmentId());
        contact = contacts.byId(handle, enrollment.contactId());
        ResponseRules sequenceRules = rules.apply(enrollment.sequenceId());
        String sequence = catalog.sequence(enrollment.sequenceId()).name();
        String stop = "stop " + sequence + " for " + contact.email();
        Set<ResponseAction> actions;
        switch (analysis.kind()) {
            case HUMAN_REPLY -> {
                stop += " (reply, intent " + intent.wireName() + ")";
                actions = sequenceRules.onReply(intent);
            }
            case COMPLAINT -> {
                stop += " (complaint)";
                actions = sequenceRules.onComplaint();
            }
            case BOUNCE -> {
                boolean hard = analysis.failedRecipients().isEmpty()
                        || analysis.failedRecipients().stream().anyMatch(FailedRecipient::hard);
                if (!hard) {
                    return "send the last step to " + contact.email() + " again later (soft bounce)";
                }
                stop += " (hard bounce)";
                actions = sequenceRules.onHardBounce();
            }
            case AUTO_REPLY -> {
                return sequenceRules.pauseOnAutoReply() ? "pause " + sequence + " for " + contact.email()
                        + (analysis.autoReplyUntil() == null ? " (auto-reply)" : " until "
                        + analysis.autoReplyUntil() + " (auto-reply)") : null;
            }
            default -> {
                return null;
            }
        }
        StringBuilder text = new StringBuilder(stop);
        for (ResponseAction action : actions.stream().sorted().toList()) {
            text.append("; ").append(switch (action) {
                case NOTIFY_OWNER -> "notify the owner";
                case OPT_OUT -> "opt " + contact.email() + " out of " + sequence;
                case SUPPRESS -> "suppress " + contact.email();
                case ENROLL_REFERRAL -> "enroll " + (message.intent() == null
                        || message.intent().referralAddress() == null ? "the person named"
                        : message.intent().referralAddress()) + " (referral)";
            });
        }
        return text.toString();
    }

    /** A message from a known contact that answers no live enrollment: only an opt-out still has effect. */
    private void withoutEnrollment(Decision decision) {
        if (decision.match.contactId() == null) {
            return;
        }
        InboundAnalysis analysis = decision.message.analysis();
        events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.INBOUND_FROM_CONTACT, decision.cause)
                .contact(decision.match.contactId()).inbound(decision.inboundId)
                .detail(analysis.kind().wireName() + ": " + analysis.subject()));
        Contact contact = contacts.byId(decision.handle, decision.match.contactId());
        boolean unsubscribe = decision.message.intent() != null
                && decision.message.intent().intent() == Intent.UNSUBSCRIBE;
        if (unsubscribe || analysis.kind() == MessageKind.COMPLAINT) {
            suppress(decision, contact.email(), unsubscribe ? "unsubscribe request" : "complaint", null);
        }
    }

    private void humanReply(Decision decision, Enrollment enrollment, ResponseRules sequenceRules) {
        IntentResult intent = decision.message.intent();
        Intent kind = intent == null ? Intent.NEUTRAL : intent.intent();
        Contact contact = contacts.byId(decision.handle, enrollment.contactId());
        if (stop(decision, enrollment.id(), "replied", EventKind.REPLY, "intent " + kind.wireName()
                + (intent == null || intent.explanation() == null ? "" : " (" + intent.explanation() + ")"))) {
            ReplyStop stopped = new ReplyStop(enrollment, contact, decision.inboundId, decision.message);
            listeners.forEach(listener -> listener.replyStopped(decision.handle, stopped, decision.now));
        }
        act(decision, enrollment, contact, sequenceRules.onReply(kind), kind.wireName());
    }

    private void act(Decision decision, Enrollment enrollment, Set<ResponseAction> actions, String why) {
        act(decision, enrollment, contacts.byId(decision.handle, enrollment.contactId()), actions, why);
    }

    private void act(Decision decision, Enrollment enrollment, Contact contact, Set<ResponseAction> actions,
                     String why) {
        for (ResponseAction action : actions) {
            switch (action) {
                case NOTIFY_OWNER -> notifyOwner(decision, enrollment, contact, why);
                case OPT_OUT -> {
                    optOuts.add(decision.handle, contact.id(), enrollment.sequenceId(), why, decision.now);
                    events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.OPTED_OUT, decision.cause)
                            .enrollment(enrollment.id()).contact(contact.id()).inbound(decision.inboundId)
                            .detail("not enrolled in " + catalog.sequence(enrollment.sequenceId()).name() + " again"));
                }
                case SUPPRESS -> suppress(decision, contact.email(), why, enrollment.id());
                case ENROLL_REFERRAL -> enrollReferral(decision, enrollment, contact);
            }
        }
    }

    private void notifyOwner(Decision decision, Enrollment enrollment, Contact contact, String why) {
        InboundAnalysis analysis = decision.message.analysis();
        String replyText = decision.message.replyText() == null ? analysis.bodyText() : decision.message.replyText();
        String subject = "followup: " + (contact.name() == null ? contact.email() : contact.name()) + " — " + why
                + (decision.message.junk() ? " (it went to your Junk folder)" : "");
        String text = OwnerNotices.withArticle(why.replace('_', ' ')) + " response from " + contact.email() + " stopped \""
                + catalog.sequence(enrollment.sequenceId()).name() + "\" (enrollment #" + enrollment.id()
                + "). Please answer it yourself.\n\n" + (decision.message.junk() ? junkNote(decision) + "\n\n" : "")
                + "Subject: " + analysis.subject() + "\n\n"
                + (replyText == null ? "" : replyText.strip()) + "\n";
        decision.ownerNotified = true;
        notifier.notifyOwner(decision.handle, enrollment, "notice:" + why + ":" + decision.inboundId, subject,
                text, decision.now);
        events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.OWNER_NOTIFIED, decision.cause)
                .enrollment(enrollment.id()).contact(contact.id()).inbound(decision.inboundId).detail(subject));
    }

    /**
     * A proven message from the mailbox's Junk folder: acted on like any other, and the owner is told where it was
     * (event {@code found_in_junk} on the contact and enrollment; a notice when it answers an enrollment, unless the
     * policy's own notice about the message went out and says so). Called after the policy acted, so that stopping
     * the enrollment does not cancel the notice.
     */
    private void foundInJunk(Decision decision) {
        if (!decision.message.junk()) {
            return;
        }
        InboundAnalysis analysis = decision.message.analysis();
        String where = "found in the Junk folder \"" + decision.message.folder() + "\"";
        EventLog.Event event = EventLog.Event.of(EventKind.FOUND_IN_JUNK, decision.cause).inbound(decision.inboundId)
                .detail(analysis.kind().wireName() + " from " + analysis.from() + " " + where);
        event = decision.match.contactId() == null ? event : event.contact(decision.match.contactId());
        events.append(decision.handle, decision.now, decision.match.enrollmentId() == null ? event
                : event.enrollment(decision.match.enrollmentId()));
        if (decision.match.enrollmentId() == null || decision.ownerNotified) {
            return; // no enrollment to tell about, or the owner's notice about this message says it already
        }
        Enrollment enrollment = enrollments.byId(decision.handle, decision.match.enrollmentId());
        String subject = "followup: a " + analysis.kind().wireName().replace('_', ' ') + " from " + analysis.from()
                + " went to your Junk folder";
        String text = "A " + analysis.kind().wireName().replace('_', ' ') + " from " + analysis.from() + " to \""
                + catalog.sequence(enrollment.sequenceId()).name() + "\" (enrollment #" + enrollment.id() + ") was "
                + where + ". followup acted on it as on any other message (a reply stops the enrollment); mark the "
                + "sender as not spam so that you see the next one.\n\nSubject: " + analysis.subject() + "\n";
        notifier.notifyOwner(decision.handle, enrollment, "junk:" + decision.inboundId, subject, text,
                decision.now);
    }

    private static String junkNote(Decision decision) {
        return "It was found in the Junk folder \"" + decision.message.folder() + "\": mark the sender as not spam so "
                + "that you see the next one.";
    }

    /** Suppresses the address everywhere; the suppression list records the event, caused by this message. */
    private void suppress(Decision decision, String address, String reason, Long enrollmentId) {
        suppressor.suppress(decision.handle, address, reason, decision.cause, decision.now);
        log.info("{} suppressed: {} ({}{})", address, reason, decision.cause,
                enrollmentId == null ? "" : ", enrollment #" + enrollmentId);
    }

    /**
     * Enrolls the person a reply names, introduced by the replier: only while the replier's enrollment is live or
     * was stopped by this very reply, at most {@link ResponseRules#referralLimit()} per replier, as a new contact of
     * the default tier (never the replier's), its first message waiting for approval unless the sequence opted
     * out. A refused referral changes nothing but the event log.
     */
    private void enrollReferral(Decision decision, Enrollment enrollment, Contact replier) {
        IntentResult intent = decision.message.intent();
        if (intent == null || intent.referralAddress() == null) {
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.REFERRAL_WITHOUT_ADDRESS,
                    decision.cause).enrollment(enrollment.id()).inbound(decision.inboundId)
                    .detail("the reply names someone but no address; left to the owner"));
            return;
        }
        ResponseRules sequenceRules = rules.apply(enrollment.sequenceId());
        String refusal = referralRefusal(decision, enrollment, replier, sequenceRules);
        if (refusal != null) {
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.REFERRAL_NOT_ENROLLED,
                    decision.cause)
                    .enrollment(enrollment.id()).inbound(decision.inboundId)
                    .detail(intent.referralAddress() + ": " + refusal));
            return;
        }
        String sequenceName = sequenceRules.referralSequence() != null ? sequenceRules.referralSequence()
                : catalog.sequence(enrollment.sequenceId()).name();
        long sequenceId = catalog.sequenceId(sequenceName).orElse(enrollment.sequenceId());
        boolean known = contacts.findByEmail(decision.handle, intent.referralAddress()).isPresent();
        ContactSpec referral = known
                ? new ContactSpec(intent.referralAddress(), null, null, null, null, null, null, null, List.of(),
                        java.util.Map.of(), null)
                : new ContactSpec(intent.referralAddress(), intent.referralName(), null, null, null, null, null,
                        replier.timeZone(), List.of(), java.util.Map.of(), replier.email());
        try {
            Enrollment created = enrollmentService.enroll(decision.handle, referral, sequenceId,
                    "referral by " + replier.email());
            referrals.insert(decision.handle, created.id(), replier.id(), decision.inboundId,
                    sequenceRules.referralApproval(), decision.now);
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.REFERRAL_ENROLLED, decision.cause)
                    .enrollment(created.id()).contact(created.contactId()).inbound(decision.inboundId)
                    .detail(intent.referralAddress() + " introduced by " + replier.email() + " in " + sequenceName
                            + (sequenceRules.referralApproval() ? "; first message waits for approval" : "")));
        } catch (io.followup.FollowupException refused) {
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.REFERRAL_NOT_ENROLLED,
                    decision.cause)
                    .enrollment(enrollment.id()).inbound(decision.inboundId).detail(refused.getMessage()));
        }
    }

    /** Why this reply may not enroll the person it names, or null when it may. */
    private String referralRefusal(Decision decision, Enrollment enrollment, Contact replier, ResponseRules rules) {
        Enrollment now = enrollments.byId(decision.handle, enrollment.id());
        boolean stoppedByThisReply = events.caused(decision.handle, EventKind.STOPPED, enrollment.id(),
                decision.inboundId);
        if (!now.state().isLive() && !stoppedByThisReply) {
            return "the replier's enrollment #" + enrollment.id() + " had already ended (" + now.state().db()
                    + (now.stopReason() == null ? "" : ": " + now.stopReason()) + ")";
        }
        int made = referrals.countByReplier(decision.handle, replier.id());
        if (made >= rules.referralLimit()) {
            return replier.email() + " already referred " + made + " contact(s) (limit " + rules.referralLimit()
                    + " per replier)";
        }
        return null;
    }

    private void bounce(Decision decision, Enrollment enrollment, ResponseRules sequenceRules) {
        List<FailedRecipient> recipients = decision.message.analysis().failedRecipients();
        boolean hard = recipients.isEmpty() || recipients.stream().anyMatch(FailedRecipient::hard);
        if (hard) {
            stop(decision, enrollment.id(), "bounced", EventKind.BOUNCE, describe(recipients));
            if (sequenceRules.onHardBounce().contains(ResponseAction.SUPPRESS)) {
                Contact contact = contacts.byId(decision.handle, enrollment.contactId());
                suppress(decision, contact.email(), "hard bounce", enrollment.id());
            }
            act(decision, enrollment, without(sequenceRules.onHardBounce(), ResponseAction.SUPPRESS), "hard_bounce");
            return;
        }
        OutboundMessage bounced = decision.match.outboundId() != null
                ? outbox.byId(decision.handle, decision.match.outboundId())
                : outbox.ofEnrollment(decision.handle, enrollment.id()).stream()
                        .filter(message -> message.sentAt() != null).reduce((first, second) -> second).orElse(null);
        int retriesUsed = bounced == null ? Integer.MAX_VALUE : bounced.attempt() - 1;
        if (bounced == null || retriesUsed >= sequenceRules.softBounceRetries()) {
            stop(decision, enrollment.id(), "bounced (soft, retries exhausted)", EventKind.SOFT_BOUNCE_EXHAUSTED,
                    describe(recipients));
            return;
        }
        Contact contact = contacts.byId(decision.handle, enrollment.contactId());
        Instant retryAt = sequenceRules.softBounceRetryAfter().after(decision.now,
                catalog.zoneOf(contact, enrollment.mailboxId()));
        boolean retried = enrollments.awaitRetry(decision.handle, enrollment.id(), bounced.stepNo(), decision.now)
                && outbox.insert(decision.handle, retryOf(bounced, retryAt), decision.now).isPresent();
        events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.SOFT_BOUNCE, decision.cause)
                .enrollment(enrollment.id()).inbound(decision.inboundId).outbound(bounced.id())
                .detail(describe(recipients) + (retried ? "; step " + bounced.stepNo() + " will be sent again at "
                        + retryAt + " (retry " + (retriesUsed + 1) + " of " + sequenceRules.softBounceRetries() + ")"
                        : "; already retried")));
    }

    /** The same message again, as the next attempt of its step, under a new Message-ID, not before {@code at}. */
    private Draft retryOf(OutboundMessage bounced, Instant at) {
        return new Draft(bounced.enrollmentId(), bounced.mailboxId(), bounced.stepNo(), bounced.attempt() + 1,
                messageIds.next(bounced.fromAddress(), at), bounced.template(), bounced.fromAddress(),
                bounced.fromName(), bounced.toAddress(), bounced.toName(), bounced.subject(), bounced.bodyText(),
                bounced.bodyHtml(), bounced.inReplyTo(), bounced.referencesHeader(), OutboundState.QUEUED, null)
                .notBefore(at);
    }

    private void pause(Decision decision, Enrollment enrollment, ResponseRules sequenceRules) {
        InboundAnalysis analysis = decision.message.analysis();
        if (!sequenceRules.pauseOnAutoReply()
                || (enrollment.state() != EnrollmentState.ACTIVE && enrollment.state() != EnrollmentState.PAUSED)) {
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.AUTO_REPLY, decision.cause)
                    .enrollment(enrollment.id()).inbound(decision.inboundId).detail("not paused"));
            return;
        }
        ZoneId zone = catalog.zoneOf(contacts.byId(decision.handle, enrollment.contactId()), enrollment.mailboxId());
        Instant resumeAt = analysis.autoReplyUntil() != null && returns != null
                ? returns.resumeAt(decision.handle, enrollment, analysis.autoReplyUntil())
                : analysis.autoReplyUntil() != null
                ? new Wait(1, Wait.Unit.BUSINESS_DAYS).after(
                        analysis.autoReplyUntil().atTime(LocalTime.of(9, 0)).atZone(zone).toInstant(), zone)
                : sequenceRules.autoReplyDefaultPause().after(decision.now, zone);
        if (!resumeAt.isAfter(decision.now)) {
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.AUTO_REPLY, decision.cause)
                    .enrollment(enrollment.id()).inbound(decision.inboundId)
                    .detail("return date already passed; not paused"));
            return;
        }
        if (enrollments.pause(decision.handle, enrollment.id(), resumeAt, "auto-reply", decision.now)) {
            log.info("enrollment #{} paused by an auto-reply (inbound #{}) until {}", enrollment.id(),
                    decision.inboundId, resumeAt);
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.PAUSED, decision.cause)
                    .enrollment(enrollment.id()).inbound(decision.inboundId)
                    .detail("auto-reply" + (analysis.autoReplyUntil() != null ? " until "
                            + analysis.autoReplyUntil() : "") + "; resumes "
                            + resumeAt.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
        }
    }

    /** Stops a live enrollment (events, unsent drafts cancelled); false when it was not live any more. */
    private boolean stop(Decision decision, long enrollmentId, String reason, EventKind event, String detail) {
        events.append(decision.handle, decision.now, EventLog.Event.of(event, decision.cause)
                .enrollment(enrollmentId).inbound(decision.inboundId).detail(detail));
        if (enrollments.finish(decision.handle, enrollmentId, EnrollmentState.STOPPED, reason, decision.now)) {
            int cancelled = outbox.cancelUnsent(decision.handle, enrollmentId, "enrollment stopped: " + reason,
                    decision.now);
            events.append(decision.handle, decision.now, EventLog.Event.of(EventKind.STOPPED, decision.cause)
                    .enrollment(enrollmentId).inbound(decision.inboundId)
                    .detail(reason + (cancelled > 0 ? ", " + cancelled + " unsent draft(s) cancelled" : "")));
            log.info("enrollment #{} stopped: {} ({})", enrollmentId, reason, decision.cause);
            return true;
        }
        return false;
    }

    private static Set<ResponseAction> without(Set<ResponseAction> actions, ResponseAction removed) {
        return actions.stream().filter(action -> action != removed).collect(Collectors.toSet());
    }

    /** "ana@example.org 5.1.1 invalid_recipient (hard)", one per failed recipient. */
    static String describe(List<FailedRecipient> recipients) {
        return recipients.stream().map(recipient -> (recipient.address() == null ? "(unknown address)"
                        : recipient.address()) + (recipient.status() == null ? "" : " " + recipient.status()) + " "
                        + recipient.bounceClass().wireName() + (recipient.hard() ? " (hard)" : " (soft)"))
                .collect(Collectors.joining(", "));
    }

    /** One message's decision context. */
    /** One message being acted on; {@code ownerNotified} once a notice to the owner was queued for it. */
    private static final class Decision {
        private final Handle handle;
        private final long inboundId;
        private final InboundMessage message;
        private final Match match;
        private final Instant now;
        private final String cause;
        private boolean ownerNotified;

        private Decision(Handle handle, long inboundId, InboundMessage message, Match match, Instant now,
                         String cause) {
            this.handle = handle;
            this.inboundId = inboundId;
            this.message = message;
            this.match = match;
            this.now = now;
            this.cause = cause;
        }
    }
}
