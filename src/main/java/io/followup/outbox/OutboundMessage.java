package io.followup.outbox;

import java.time.Instant;

/**
 * One outbound message as stored: the rendered draft, its threading headers and where it stands.
 * {@code unsubscribeUrl} is the link fixed at draft time (null for none).
 */
public record OutboundMessage(long id, long enrollmentId, long mailboxId, int stepNo, int attempt,
                              String idempotencyKey, OutboundState state, String messageId, String template,
                              String fromAddress, String fromName, String toAddress, String toName,
                              String subject, String bodyText, String bodyHtml, String inReplyTo,
                              String referencesHeader, String holdReason, String lastError, int sendAttempts,
                              Instant notBefore, Instant sentAt, Instant createdAt, String unsubscribeUrl) {

    static OutboundMessage read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OutboundMessage(rs.getLong("id"), rs.getLong("enrollment_id"), rs.getLong("mailbox_id"),
                rs.getInt("step_no"), rs.getInt("attempt"), rs.getString("idempotency_key"),
                OutboundState.ofDb(rs.getString("state")), rs.getString("message_id"), rs.getString("template"),
                rs.getString("from_address"), rs.getString("from_name"), rs.getString("to_address"),
                rs.getString("to_name"), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), rs.getString("in_reply_to"), rs.getString("references_header"),
                rs.getString("hold_reason"), rs.getString("last_error"), rs.getInt("send_attempts"),
                instant(rs, "not_before"), instant(rs, "sent_at"), instant(rs, "created_at"),
                rs.getString("unsubscribe_url"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
