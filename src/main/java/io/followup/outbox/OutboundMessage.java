package io.followup.outbox;

import java.time.Instant;
import java.util.List;

/**
 * One outbound message as stored: the rendered draft, its threading headers and where it stands. {@code kind}
 * says whether it is a sequence step; a message that belongs to no enrollment (a keep-in-touch check-in) has
 * {@code enrollmentId} 0 and {@code stepNo} 0. {@code unsubscribeUrl} is the link fixed at draft time for the
 * {@code List-Unsubscribe} header, set only for sequences with {@code unsubscribe: header} (null: no list headers;
 * personal mail may still show a link in its body). {@code inlineParts} are images its HTML shows as {@code cid:} (a digest's charts), usually none.
 */
public record OutboundMessage(long id, long enrollmentId, long mailboxId, int stepNo, int attempt,
                              String idempotencyKey, OutboundState state, String messageId, String template,
                              String fromAddress, String fromName, String toAddress, String toName,
                              String subject, String bodyText, String bodyHtml, String inReplyTo,
                              String referencesHeader, String holdReason, String lastError, int sendAttempts,
                              Instant notBefore, Instant sentAt, Instant createdAt, String unsubscribeUrl,
                              OutboundKind kind, List<InlinePart> inlineParts) {

    public OutboundMessage {
        kind = kind == null ? OutboundKind.STEP : kind;
        inlineParts = inlineParts == null ? List.of() : List.copyOf(inlineParts);
    }

    /** A message without inline parts. */
    public OutboundMessage(long id, long enrollmentId, long mailboxId, int stepNo, int attempt,
                           String idempotencyKey, OutboundState state, String messageId, String template,
                           String fromAddress, String fromName, String toAddress, String toName,
                           String subject, String bodyText, String bodyHtml, String inReplyTo,
                           String referencesHeader, String holdReason, String lastError, int sendAttempts,
                           Instant notBefore, Instant sentAt, Instant createdAt, String unsubscribeUrl,
                           OutboundKind kind) {
        this(id, enrollmentId, mailboxId, stepNo, attempt, idempotencyKey, state, messageId, template, fromAddress,
                fromName, toAddress, toName, subject, bodyText, bodyHtml, inReplyTo, referencesHeader, holdReason,
                lastError, sendAttempts, notBefore, sentAt, createdAt, unsubscribeUrl, kind, List.of());
    }

    /** A sequence step (the form used before messages had a kind). */
    public OutboundMessage(long id, long enrollmentId, long mailboxId, int stepNo, int attempt,
                           String idempotencyKey, OutboundState state, String messageId, String template,
                           String fromAddress, String fromName, String toAddress, String toName,
                           String subject, String bodyText, String bodyHtml, String inReplyTo,
                           String referencesHeader, String holdReason, String lastError, int sendAttempts,
                           Instant notBefore, Instant sentAt, Instant createdAt) {
        this(id, enrollmentId, mailboxId, stepNo, attempt, idempotencyKey, state, messageId, template, fromAddress,
                fromName, toAddress, toName, subject, bodyText, bodyHtml, inReplyTo, referencesHeader, holdReason,
                lastError, sendAttempts, notBefore, sentAt, createdAt, null, OutboundKind.STEP);
    }

    /** Whether this is a step of a sequence (and so moves its enrollment on when sent). */
    public boolean isStep() {
        return kind == OutboundKind.STEP;
    }

    static OutboundMessage read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OutboundMessage(rs.getLong("id"), rs.getLong("enrollment_id"), rs.getLong("mailbox_id"),
                rs.getInt("step_no"), rs.getInt("attempt"), rs.getString("idempotency_key"),
                OutboundState.ofDb(rs.getString("state")), rs.getString("message_id"), rs.getString("template"),
                rs.getString("from_address"), rs.getString("from_name"), rs.getString("to_address"),
                rs.getString("to_name"), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), rs.getString("in_reply_to"), rs.getString("references_header"),
                rs.getString("hold_reason"), rs.getString("last_error"), rs.getInt("send_attempts"),
                instant(rs, "not_before"), instant(rs, "sent_at"), instant(rs, "created_at"),
                rs.getString("unsubscribe_url"), OutboundKind.ofDb(rs.getString("kind")),
                InlinePart.decode(rs.getString("inline_parts")));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
