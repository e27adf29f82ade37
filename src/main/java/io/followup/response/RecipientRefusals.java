package io.followup.response;

import io.followup.outbox.OutboundMessage;
import io.followup.outbox.SendListener;
import io.followup.outbox.SmtpReply;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.ResponseAction;
import io.followup.sequence.ResponseRules;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Instant;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Handle;

/**
 * A recipient the SMTP server refused for good at RCPT (e.g. {@code 550 5.1.1}) is a hard bounce that came back at
 * once: like a hard bounce by mail, the address is suppressed when the sequence's {@code hard_bounce} rules say
 * {@code suppress} (the default; the defaults for messages of no sequence). The enrollment itself already ended as
 * failed ({@code SequenceProgress}). Passes every call on to {@code next}. Stateless and thread-safe.
 */
public final class RecipientRefusals implements SendListener {

    private final SendListener next;
    private final LongFunction<ResponseRules> rules;
    private final EnrollmentStore enrollments;
    private final Suppressor suppressor;
    private final EventLog events;

    /** @param rules the response rules of a sequence, by sequence id */
    public RecipientRefusals(SendListener next, LongFunction<ResponseRules> rules, EnrollmentStore enrollments,
                             Suppressor suppressor, EventLog events) {
        this.next = next;
        this.rules = rules;
        this.enrollments = enrollments;
        this.suppressor = suppressor;
        this.events = events;
    }

    @Override
    public void sent(Handle handle, OutboundMessage message, Instant now) {
        next.sent(handle, message, now);
    }

    @Override
    public void sentAll(Handle handle, java.util.List<Sent> messages) {
        next.sentAll(handle, messages);
    }

    @Override
    public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
        next.failed(handle, message, reason, now);
    }

    @Override
    public void recipientRefused(Handle handle, OutboundMessage message, SmtpReply reply, Instant now) {
        next.recipientRefused(handle, message, reply, now);
        ResponseRules sequenceRules = message.isStep()
                ? rules.apply(enrollments.byId(handle, message.enrollmentId()).sequenceId())
                : ResponseRules.DEFAULTS;
        String why = "hard bounce: the server refused the recipient (" + reply.text() + ")";
        events.append(handle, now, EventLog.Event.of(EventKind.HARD_BOUNCE, "smtp").outbound(message.id())
                .enrollment(message.enrollmentId()).detail(message.toAddress() + ": "
                        + reply.text()));
        if (sequenceRules.onHardBounce().contains(ResponseAction.SUPPRESS)) {
            suppressor.suppress(handle, message.toAddress(), why, "smtp", now);
        }
    }
}
