package io.followup.inbound.text;

import java.util.Locale;
import java.util.regex.Pattern;

/** Subject lines compared the way mail clients thread them: without reply/forward prefixes and case. */
public final class Subjects {

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*((re|aw|sv|antw|vs|wg|fw|fwd|tr|rv|r|odp|ynt|ref|res|enc)(\\[\\d+]|\\(\\d+\\))?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_KEY = 255;

    private Subjects() {
    }

    /**
     * A subject without reply/forward prefixes in the common languages ("Re:", "AW:", "SV:", "Antw:", "Re[2]:",
     * "Fwd:"...), white space folded, lower case, at most 255 characters: the key a reply's thread is found by.
     */
    public static String key(String subject) {
        if (subject == null) {
            return "";
        }
        String key = REPLY_PREFIX.matcher(subject).replaceFirst("").replaceAll("\\s+", " ").trim()
                .toLowerCase(Locale.ROOT);
        return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY);
    }
}
