package io.followup.outbox;

import io.followup.config.MailboxConfig;
import io.followup.template.RenderedMessage;
import io.followup.template.TemplateEngine;
import io.followup.template.TemplateException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Puts messages that are not sequence steps in the outbox (notices, check-ins, thank-yous), once per idempotency
 * key. They are sent by the ordinary {@link OutboxSender}; approval, when asked for, leaves them in
 * {@code pending_approval}. Stateless and thread-safe; call inside a transaction.
 */
public final class StandaloneOutbox {

    /** What {@link #compose} stored. */
    public record Composed(long outboundId, OutboundState state, String holdReason) {
    }

    /** Who a composed message goes to and what it is. */
    public record Request(OutboundKind kind, String idempotencyKey, Long enrollmentId, long mailboxId,
                          MailboxConfig mailbox, String toAddress, String toName, String template,
                          Map<String, Object> model, boolean approval) {
    }

    private final TemplateEngine templates;
    private final MessageIds messageIds;
    private final OutboxStore outbox = new OutboxStore();

    public StandaloneOutbox(TemplateEngine templates, MessageIds messageIds) {
        this.templates = templates;
        this.messageIds = messageIds;
    }

    /**
     * Renders the request's template and stores the message: {@code pending_approval} when approval is asked
     * for, else {@code queued}; {@code held} with the reason when the template cannot be rendered (a missing
     * value). Returns empty when a message with the same idempotency key exists.
     */
    public Optional<Composed> compose(Handle handle, Request request, Instant now) {
        if (outbox.keyExists(handle, request.idempotencyKey())) {
            return Optional.empty();
        }
        String subject = null;
        String text = null;
        String html = null;
        String holdReason = null;
        try {
            RenderedMessage rendered = templates.render(request.template(), request.model());
            subject = rendered.subject();
            text = rendered.text();
            html = rendered.html();
        } catch (TemplateException e) {
            holdReason = e.getMessage();
        }
        OutboundState state = holdReason != null ? OutboundState.HELD
                : request.approval() ? OutboundState.PENDING_APPROVAL : OutboundState.QUEUED;
        MailboxConfig mailbox = request.mailbox();
        StandaloneDraft draft = new StandaloneDraft(request.kind(), request.idempotencyKey(), request.enrollmentId(),
                request.mailboxId(), messageIds.next(mailbox.address(), now), request.template(), mailbox.address(),
                mailbox.displayName(), request.toAddress(), request.toName(), subject, text, html, state, holdReason);
        String reason = holdReason;
        return insert(handle, draft, now).map(id -> new Composed(id, state, reason));
    }

    /**
     * A message written in full by its caller (a notice, a digest), to be queued from its mailbox's address under a
     * new Message-ID. {@code enrollmentId} is the enrollment it relates to, or null; {@code label} stands where a
     * template's name would, such as {@code (hand-off notice)}; {@code html} may be null.
     */
    public record Written(OutboundKind kind, String idempotencyKey, Long enrollmentId, long mailboxId,
                          MailboxConfig mailbox, String label, String toAddress, String toName, String subject,
                          String text, String html) {
    }

    /** Queues {@code message}; returns its id, or empty when a message with the same idempotency key exists. */
    public Optional<Long> queue(Handle handle, Written message, Instant now) {
        MailboxConfig mailbox = message.mailbox();
        return insert(handle, new StandaloneDraft(message.kind(), message.idempotencyKey(), message.enrollmentId(),
                message.mailboxId(), messageIds.next(mailbox.address(), now), message.label(), mailbox.address(),
                mailbox.displayName(), message.toAddress(), message.toName(), message.subject(), message.text(),
                message.html(), OutboundState.QUEUED, null), now);
    }

    /** Stores a draft; returns its id, or empty when a message with the same idempotency key exists. */
    public Optional<Long> insert(Handle handle, StandaloneDraft draft, Instant now) {
        return outbox.insertStandalone(handle, draft, now);
    }

    /** Whether an unsent message of this kind to this address waits in the outbox (held, approval, queued). */
    public boolean unsentExists(Handle handle, OutboundKind kind, String toAddress) {
        return outbox.unsentExists(handle, kind, toAddress);
    }
}
