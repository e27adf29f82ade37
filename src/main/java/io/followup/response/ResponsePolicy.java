package io.followup.response;

import io.followup.inbound.InboundMessage;
import io.followup.inbound.Match;
import io.followup.inbound.classify.FailedRecipient;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.AutoReplyReturn;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.Wait;
import io.followup.store.EventLog;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a classified, matched inbound message does to its enrollment: a human reply stops it at once; an
 * auto-reply pauses it until the return date plus one business day (or a default pause); a hard bounce or a
 * complaint stops it. Every decision is written to the event log with the message that caused it. Stateless and
 * thread-safe; call inside the transaction that records the message.
 */
public final class ResponsePolicy {

    private static final Logger log = LoggerFactory.getLogger(ResponsePolicy.class);
    static final Wait DEFAULT_AUTO_REPLY_PAUSE = new Wait(7, Wait.Unit.DAYS);

    private final EnrollmentStore enrollments;
    private final OutboxStore outbox;
    private final EventLog events;
    private final AutoReplyReturn returns;

    public ResponsePolicy(EnrollmentStore enrollments, OutboxStore outbox, EventLog events) {
        this(enrollments, outbox, events, null);
    }

    /** With {@code returns} resuming after an out-of-office in the sequence's calendar (null: UTC weekends). */
    public ResponsePolicy(EnrollmentStore enrollments, OutboxStore outbox, EventLog events,
                          AutoReplyReturn returns) {
        this.returns = returns;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.events = events;
    }

    public void apply(Handle handle, long inboundId, InboundMessage message, Match match, Instant now) {
        InboundAnalysis analysis = message.analysis();
        String cause = analysis.kind().wireName() + " " + (analysis.messageId() == null ? "#" + inboundId
                : analysis.messageId());
        if (match.enrollmentId() == null) {
            if (match.contactId() != null) {
                events.append(handle, now, EventLog.Event.of("inbound_from_contact", cause).contact(match.contactId())
                        .inbound(inboundId).detail(analysis.kind().wireName() + ": " + analysis.subject()));
            }
            return;
        }
        long enrollmentId = match.enrollmentId();
        switch (analysis.kind()) {
            case HUMAN_REPLY -> stop(handle, enrollmentId, "replied", "reply", cause, inboundId,
                    message.intent() == null ? null : "intent " + message.intent().intent().wireName(), now);
            case COMPLAINT -> stop(handle, enrollmentId, "complaint", "complaint", cause, inboundId, null, now);
            case BOUNCE -> {
                boolean hard = analysis.failedRecipients().isEmpty()
                        || analysis.failedRecipients().stream().anyMatch(FailedRecipient::hard);
                if (hard) {
                    stop(handle, enrollmentId, "bounced", "bounce", cause, inboundId,
                            analysis.failedRecipients().toString(), now);
                } else {
                    events.append(handle, now, EventLog.Event.of("soft_bounce", cause).enrollment(enrollmentId)
                            .inbound(inboundId).detail(analysis.failedRecipients().toString()));
                }
            }
            case AUTO_REPLY -> pause(handle, enrollmentId, analysis, cause, inboundId, now);
            case OTHER -> events.append(handle, now, EventLog.Event.of("inbound_other", cause)
                    .enrollment(enrollmentId).inbound(inboundId).detail(analysis.explanation()));
        }
    }

    private void stop(Handle handle, long enrollmentId, String reason, String event, String cause, long inboundId,
                      String detail, Instant now) {
        events.append(handle, now, EventLog.Event.of(event, cause).enrollment(enrollmentId).inbound(inboundId)
                .detail(detail));
        if (enrollments.finish(handle, enrollmentId, EnrollmentState.STOPPED, reason, now)) {
            int cancelled = outbox.cancelUnsent(handle, enrollmentId, "enrollment stopped: " + reason, now);
            events.append(handle, now, EventLog.Event.of("stopped", cause).enrollment(enrollmentId).inbound(inboundId)
                    .detail(reason + (cancelled > 0 ? ", " + cancelled + " unsent draft(s) cancelled" : "")));
            log.info("enrollment #{} stopped: {} ({})", enrollmentId, reason, cause);
        }
    }

    private void pause(Handle handle, long enrollmentId, InboundAnalysis analysis, String cause, long inboundId,
                       Instant now) {
        Enrollment enrollment = enrollments.byId(handle, enrollmentId);
        if (enrollment.state() != EnrollmentState.ACTIVE && enrollment.state() != EnrollmentState.PAUSED) {
            return;
        }
        Instant resumeAt = analysis.autoReplyUntil() != null && returns != null
                ? returns.resumeAt(handle, enrollment, analysis.autoReplyUntil())
                : analysis.autoReplyUntil() != null
                ? new Wait(1, Wait.Unit.BUSINESS_DAYS).after(
                        analysis.autoReplyUntil().atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC), ZoneOffset.UTC)
                : DEFAULT_AUTO_REPLY_PAUSE.after(now, ZoneOffset.UTC);
        if (!resumeAt.isAfter(now)) {
            events.append(handle, now, EventLog.Event.of("auto_reply", cause).enrollment(enrollmentId)
                    .inbound(inboundId).detail("return date already passed; not paused"));
            return;
        }
        if (enrollments.pause(handle, enrollmentId, resumeAt, "auto-reply", now)) {
            events.append(handle, now, EventLog.Event.of("paused", cause).enrollment(enrollmentId).inbound(inboundId)
                    .detail("auto-reply" + (analysis.autoReplyUntil() != null ? " until " + analysis.autoReplyUntil()
                            : "") + "; resumes " + resumeAt.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
        }
    }
}
