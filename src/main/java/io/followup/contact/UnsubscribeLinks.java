package io.followup.contact;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed unsubscribe links: {@code BASE_URL/u/TOKEN}, where the token is base64url(contact id, enrollment id,
 * HMAC-SHA256 of both under the configured or generated secret). A token cannot be forged or altered without the
 * secret; {@link #verify} compares in constant time. Immutable and thread-safe.
 */
public final class UnsubscribeLinks {

    /** What a valid token names. */
    public record Target(long contactId, long enrollmentId) {
    }

    private static final String ALGORITHM = "HmacSHA256";
    private static final int IDS = 2 * Long.BYTES;
    private static final int MAC = 32;

    private final byte[] key;
    private final String baseUrl;

    /**
     * @param key     the signing key (at least 16 bytes); never logged
     * @param baseUrl the public address of the daemon's HTTP endpoint, without a trailing slash
     */
    public UnsubscribeLinks(byte[] key, String baseUrl) {
        if (key.length < 16) {
            throw new IllegalArgumentException("an unsubscribe key needs at least 16 bytes");
        }
        this.key = key.clone();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The unsubscribe link of one contact's enrollment. */
    public String link(long contactId, long enrollmentId) {
        return baseUrl + "/u/" + token(contactId, enrollmentId);
    }

    /** The token part of a link. */
    public String token(long contactId, long enrollmentId) {
        ByteBuffer buffer = ByteBuffer.allocate(IDS + MAC);
        buffer.putLong(contactId).putLong(enrollmentId);
        buffer.put(mac(Arrays.copyOf(buffer.array(), IDS)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** What the token names, or empty when it is malformed, altered or signed with another key. */
    public Optional<Target> verify(String token) {
        if (token == null || token.length() != 64) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        if (bytes.length != IDS + MAC) {
            return Optional.empty();
        }
        byte[] expected = mac(Arrays.copyOf(bytes, IDS));
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, IDS, IDS + MAC))) {
            return Optional.empty();
        }
        ByteBuffer ids = ByteBuffer.wrap(bytes, 0, IDS);
        return Optional.of(new Target(ids.getLong(), ids.getLong()));
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "UnsubscribeLinks[" + baseUrl + "]";
    }
}
