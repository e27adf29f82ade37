package io.followup.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts refresh tokens for the database with AES-256-GCM: a random 96-bit nonce per value, the mailbox name as
 * associated data (a value copied to another mailbox's row does not decrypt), stored as {@code v1:} + base64url of
 * nonce and ciphertext. Thread-safe.
 */
public final class TokenCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes */
    public TokenCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A cipher for the key written as configured: base64 (standard or URL-safe) of 32 bytes. */
    public static TokenCipher forKey(String base64) {
        String text = base64.strip();
        return new TokenCipher(text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                : Base64.getDecoder().decode(text));
    }

    /** {@code plain} sealed for {@code mailbox}. */
    public String encrypt(String plain, String mailbox) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(mailbox));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The value sealed for {@code mailbox}.
     *
     * @throws OAuthException (refused) when it was sealed with another key or for another mailbox, or is damaged
     */
    public String decrypt(String stored, String mailbox) {
        try {
            if (!stored.startsWith(PREFIX)) {
                throw new GeneralSecurityException("unknown format");
            }
            byte[] bytes = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
            if (bytes.length <= NONCE_BYTES) {
                throw new GeneralSecurityException("too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associated(mailbox));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new OAuthException(OAuthException.Reason.REFUSED, "mailbox " + mailbox + ": the stored refresh token "
                    + "cannot be decrypted (" + e.getClass().getSimpleName() + "): was the token key changed? Run "
                    + "followup mailboxes connect " + mailbox + " again");
        }
    }

    private static byte[] associated(String mailbox) {
        return ("followup-oauth-refresh-token:" + mailbox).getBytes(StandardCharsets.UTF_8);
    }
}
