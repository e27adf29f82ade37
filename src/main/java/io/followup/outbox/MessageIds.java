package io.followup.outbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Generates globally unique Message-IDs ({@code <time.random@sender-domain>}), so a reply's In-Reply-To names
 * exactly one stored message. Thread-safe.
 */
public final class MessageIds {

    private final SecureRandom random = new SecureRandom();

    public String next(String fromAddress, Instant now) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        int at = fromAddress.lastIndexOf('@');
        String domain = at >= 0 ? fromAddress.substring(at + 1).toLowerCase(Locale.ROOT) : "followup.invalid";
        return "<" + Long.toString(now.toEpochMilli(), 36) + "." + HexFormat.of().formatHex(bytes) + "@" + domain
                + ">";
    }
}
