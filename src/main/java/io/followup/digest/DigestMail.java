package io.followup.digest;

import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.StandaloneOutbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Puts a rendered digest in the outbox as one {@code digest} message from the owner's mailbox to the owner: the
 * text and HTML alternatives plus the charts as inline parts, so that {@code MimeBuilder} sends
 * multipart/related{multipart/alternative{text, html}, image/png...}. The Message-ID is stored with the row, before
 * any SMTP transaction; the idempotency key is {@code digest:OWNER:YYYY-Www}. Stateless and thread-safe; call
 * inside a transaction.
 */
public final class DigestMail {

    private static final int KEY_LIMIT = 100;

    private final StandaloneOutbox standalone;
    private final OutboxStore outbox;

    public DigestMail(StandaloneOutbox standalone, OutboxStore outbox) {
        this.standalone = standalone;
        this.outbox = outbox;
    }

    /** The idempotency key of an owner's digest of a week (the address hashed when the key would be too long). */
    public static String idempotencyKey(String ownerEmail, IsoWeek week) {
        String owner = ownerEmail.toLowerCase(Locale.ROOT);
        String key = "digest:" + owner + ":" + week;
        return key.length() <= KEY_LIMIT ? key : "digest:" + sha256(owner).substring(0, 40) + ":" + week;
    }

    /** Queues the digest; returns the outbound id, or empty when this owner's digest of that week exists. */
    public Optional<Long> queue(Handle handle, OwnerConfig owner, long mailboxId, MailboxConfig mailbox,
                                IsoWeek week, DigestRenderer.Rendered rendered, Instant now) {
        Optional<Long> id = standalone.queue(handle, new StandaloneOutbox.Written(OutboundKind.DIGEST,
                idempotencyKey(owner.email(), week), null, mailboxId, mailbox, "digest", owner.email(), owner.name(),
                rendered.subject(), rendered.text(), rendered.html()), now);
        id.ifPresent(outboundId -> outbox.attachInlineParts(handle, outboundId, rendered.parts()));
        return id;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
