package io.followup.outbox;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed per-message return addresses (VERP): {@code local+b-ID-MAC@domain}, where ID is the outbound message's id
 * in base 36 and MAC the first 64 bits (16 hex digits) of HMAC-SHA256 over the base address and the id, under a
 * key only the daemon knows. A bounce delivered to such an address proves which outbound message it concerns; the
 * address cannot be made up for a message it was not given to. Lower case only, since some servers fold the local
 * part. Immutable and thread-safe.
 */
public final class VerpAddresses {

    private static final Pattern TOKEN = Pattern.compile("^(.+)\\+b-([0-9a-z]{1,13})-([0-9a-f]{16})@(.+)$");

    private final byte[] key;

    /** @param key the HMAC key (e.g. the {@code verp} app secret); never logged */
    public VerpAddresses(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a VERP key needs at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** The return address for outbound message {@code outboundId} based on {@code baseAddress} (local@domain). */
    public String envelopeSender(String baseAddress, long outboundId) {
        String base = baseAddress.strip().toLowerCase(Locale.ROOT);
        int at = base.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not an address: " + baseAddress);
        }
        String id = Long.toString(outboundId, 36);
        return base.substring(0, at) + "+b-" + id + "-" + mac(base, id) + base.substring(at);
    }

    /**
     * The outbound message id a return address based on {@code baseAddress} stands for, or empty when the address
     * is not one of ours or its MAC does not verify.
     */
    public OptionalLong outboundId(String baseAddress, String address) {
        if (address == null || baseAddress == null) {
            return OptionalLong.empty();
        }
        Matcher matcher = TOKEN.matcher(address.strip().toLowerCase(Locale.ROOT));
        String base = baseAddress.strip().toLowerCase(Locale.ROOT);
        if (!matcher.matches() || !base.equals(matcher.group(1) + "@" + matcher.group(4))) {
            return OptionalLong.empty();
        }
        String id = matcher.group(2);
        if (!MessageDigest.isEqual(mac(base, id).getBytes(StandardCharsets.US_ASCII),
                matcher.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(id, 36));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }

    /** True when {@code address} has the shape of a return address based on {@code baseAddress} (valid or not). */
    public static boolean looksLikeOne(String baseAddress, String address) {
        if (address == null || baseAddress == null) {
            return false;
        }
        Matcher matcher = TOKEN.matcher(address.strip().toLowerCase(Locale.ROOT));
        return matcher.matches() && baseAddress.strip().toLowerCase(Locale.ROOT)
                .equals(matcher.group(1) + "@" + matcher.group(4));
    }

    private String mac(String base, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((base + "\n" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
