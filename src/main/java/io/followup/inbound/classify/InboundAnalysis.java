package io.followup.inbound.classify;
import java.util.List;
public record InboundAnalysis(MessageKind kind, String messageId, String from, String subject, java.time.Instant date,
    List<FailedRecipient> failedRecipients, java.time.LocalDate autoReplyUntil, String bodyText, List<String> references, String error, String explanation) {}
