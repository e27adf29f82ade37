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
        if (exists(handle, request.idempotencyKey())) {
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

    /** Stores a draft; returns its id, or empty when a message with the same idempotency key exists. */
    public Optional<Long> insert(Handle handle, StandaloneDraft draft, Instant now) {
        if (exists(handle, draft.idempotencyKey())) {
            return Optional.empty();
        }
        return Optional.of(handle.createUpdate("""
                INSERT INTO outbound_message (kind, enrollment_id, mailbox_id, step_no, attempt, idempotency_key,
                    state, message_id, template, from_address, from_name, to_address, to_name, subject, body_text,
                    body_html, hold_reason, tier, created_at, updated_at)
                VALUES (:kind, :enrollment, :mailbox, 0, 1, :key, :state, :messageId, :template, :fromAddress,
                    :fromName, :toAddress, :toName, :subject, :text, :html, :holdReason,
                    COALESCE((SELECT c.tier FROM contact c WHERE c.email = :toAddress), 3), :now, :now)""")
                .bind("kind", draft.kind().db()).bindByType("enrollment", draft.enrollmentId(), Long.class)
                .bind("mailbox", draft.mailboxId()).bind("key", draft.idempotencyKey())
                .bind("state", draft.state().db()).bind("messageId", draft.messageId())
                .bind("template", draft.template()).bind("fromAddress", draft.fromAddress())
                .bind("fromName", draft.fromName()).bind("toAddress", draft.toAddress())
                .bind("toName", draft.toName()).bind("subject", draft.subject()).bind("text", draft.bodyText())
                .bind("html", draft.bodyHtml()).bind("holdReason", truncate(draft.holdReason()))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** Whether an unsent message of this kind to this address waits in the outbox (held, approval, queued). */
    public boolean unsentExists(Handle handle, OutboundKind kind, String toAddress) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM outbound_message WHERE kind = :kind AND to_address = :to
                AND state IN ('held', 'pending_approval', 'queued')""")
                .bind("kind", kind.db()).bind("to", toAddress).mapTo(Integer.class).one() > 0;
    }

    private static boolean exists(Handle handle, String key) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key = :key")
                .bind("key", key).mapTo(Integer.class).one() > 0;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
