package io.followup.inbound.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Enhanced status codes (RFC 3463) and basic SMTP reply codes found in text. */
final class StatusCodes {

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.#-])([45][0-5]\\d)(?=[ -])");

    private StatusCodes() {
    }

    /** The first enhanced status code in the text, e.g. {@code 5.1.1}, or null. */
    static String find(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ENHANCED.matcher(text);
        while (matcher.find()) {
            String code = matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3);
            if (!code.startsWith("2")) {
                return code;
            }
        }
        return null;
    }

    /** The first basic SMTP reply code (4xx/5xx) in the text, or null. */
    static String findReply(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = REPLY.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
