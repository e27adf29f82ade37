package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The facts of a raw message that say where it came from and what it returns, for deciding whether it is proven
 * to concern a message followup sent (the classification itself is {@link MessageClassifier}'s). Immutable.
 *
 * @param returnPath            the address of the topmost {@code Return-Path} (the envelope sender the receiving
 *                              server recorded), lower case; {@code ""} for the null sender {@code <>}; null when
 *                              the message has none
 * @param authenticationResults the values of the top-level {@code Authentication-Results} fields, in order (RFC
 *                              8601; whose server wrote each is for the caller to check)
 * @param deliveredTo           the addresses the message was delivered to, as the receiving side recorded them
 *                              ({@code Delivered-To}, {@code X-Original-To}, {@code Envelope-To},
 *                              {@code X-Envelope-To}, then {@code To} and {@code Cc}), lower case, no duplicates
 * @param returnedMessageIds    the Message-IDs of the message(s) a report returns: the {@code Message-ID} of each
 *                              attached {@code message/rfc822} or {@code text/rfc822-headers} part, and
 *                              {@code Message-ID:} lines quoted in the report's own text (non-standard MTAs) and
 *                              the original ids of an Amazon SES notification, as
 *                              {@code <id@host>}; never the report's own id or its threading headers
 */
public record TraceHeaders(String returnPath, List<String> authenticationResults, List<String> deliveredTo,
                           List<String> returnedMessageIds) {

    private static final TraceHeaders NONE = new TraceHeaders(null, List.of(), List.of(), List.of());
    private static final String[] DELIVERY_FIELDS = {"delivered-to", "x-original-to", "envelope-to", "x-envelope-to",
            "to", "cc"};

    public TraceHeaders {
        authenticationResults = List.copyOf(authenticationResults);
        deliveredTo = List.copyOf(deliveredTo);
        returnedMessageIds = List.copyOf(returnedMessageIds);
    }

    /** Reads the trace facts of a raw RFC 5322 message; never throws (an unreadable message has none). */
    public static TraceHeaders read(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return NONE;
        }
        try {
            ParseLimits limits = ParseLimits.defaults();
            MimeEntity root = new MimeParser(limits).parse(raw).root();
            Headers headers = root.headers();
            return new TraceHeaders(returnPath(headers.get("return-path")), headers.getAll("authentication-results"),
                    deliveredTo(headers), returned(root, MessageIds.first(headers.get("message-id")),
                    limits.maxTextChars()));
        } catch (RuntimeException | StackOverflowError unreadable) {
            return NONE;
        }
    }

    private static String returnPath(String value) {
        if (value == null) {
            return null;
        }
        String address = Addresses.first(value);
        return address != null ? address : "";
    }

    private static List<String> deliveredTo(Headers headers) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String field : DELIVERY_FIELDS) {
            for (String value : headers.getAll(field)) {
                addresses.addAll(Addresses.all(value));
            }
        }
        return new ArrayList<>(addresses);
    }

    private static List<String> returned(MimeEntity root, String ownId, int maxTextChars) {
        Set<String> ids = new LinkedHashSet<>();
        for (MimeEntity entity : root.flatten()) {
            if (MimeEntity.isEmbeddedMessage(entity) && !entity.children().isEmpty()) {
                ids.addAll(MessageIds.parse(entity.children().get(0).headers().get("message-id")));
            }
        }
        StringBuilder ownText = new StringBuilder();
        for (MimeEntity entity : root.ownParts()) {
            if (ownText.length() > maxTextChars) {
                break;
            }
            if (entity.contentType().mimeType().startsWith("text/") && !MimeEntity.isEmbeddedMessage(entity)) {
                ownText.append(entity.text()).append('\n');
            }
        }
        ids.addAll(MessageIds.inlineIds(ownText.length() > maxTextChars ? ownText.substring(0, maxTextChars)
                : ownText.toString()));
        SesNotification.Parsed ses = SesNotification.parse(BodyText.of(root, maxTextChars));
        if (ses != null) {
            ids.addAll(ses.originalIds());
        }
        if (ownId != null) {
            ids.remove(ownId);
        }
        return new ArrayList<>(ids);
    }
}
