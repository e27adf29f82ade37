package io.followup.outbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of an SMTP server: its code ({@code 451}), its enhanced status code when it gives one ({@code 4.3.0},
 * RFC 3463; null otherwise) and its text. A code of 0 or less means no reply (the connection dropped or timed out).
 */
public record SmtpReply(int code, String enhancedStatus, String text) {

    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    /** Parses {@code code} and the server's raw response (e.g. {@code "550 5.1.1 No such user"}). */
    public static SmtpReply of(int code, String response) {
        String text = response == null ? "" : response.strip().replaceAll("\\s+", " ");
        Matcher matcher = ENHANCED.matcher(text);
        return new SmtpReply(code, matcher.find() ? matcher.group(1) : null, text);
    }

    /** A 2xx or 3xx reply. */
    public boolean positive() {
        return code >= 200 && code < 400;
    }

    /** A 4xx: the server refuses for now. */
    public boolean transientRefusal() {
        return code >= 400 && code < 500;
    }

    /** A 5xx: the server refuses for good. */
    public boolean permanentRefusal() {
        return code >= 500 && code < 600;
    }

    /** {@code 421}: the server is closing the connection (for any command). */
    public boolean closing() {
        return code == 421;
    }

    /** Whether the server answered at all. */
    public boolean answered() {
        return code > 0;
    }
}
