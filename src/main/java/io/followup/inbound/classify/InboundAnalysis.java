package io.followup.inbound.classify;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of classifying one raw inbound message. Immutable.
 *
 * @param kind             what the message is
 * @param messageId        the message's own Message-ID as {@code <id@host>}, or null
 * @param from             the sender address in lower case, or null
 * @param subject          the decoded subject, or null
 * @param date             the Date header, or null when absent or unreadable
 * @param failedRecipients the failed recipients; empty unless {@code kind} is {@link MessageKind#BOUNCE}
 * @param autoReplyUntil   the return date an auto-reply announces, or null
 * @param bodyText         the best plain text of the message, never null
 * @param references       Message-IDs this message refers to (threading headers, and for bounces and
 *                         complaints the quoted original), each as {@code <id@host>}, no duplicates
 * @param error            null unless the message could not be parsed fully
 * @param explanation      a short human-readable reason for {@code kind}
 */
public record InboundAnalysis(
        MessageKind kind,
        String messageId,
        String from,
        String subject,
        Instant date,
        List<FailedRecipient> failedRecipients,
        LocalDate autoReplyUntil,
        String bodyText,
        List<String> references,
        String error,
        String explanation) {

    public InboundAnalysis {
        Objects.requireNonNull(kind, "kind");
        failedRecipients = failedRecipients == null ? List.of() : List.copyOf(failedRecipients);
        references = references == null ? List.of() : List.copyOf(references);
        bodyText = bodyText == null ? "" : bodyText;
    }
}
