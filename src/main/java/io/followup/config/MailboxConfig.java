package io.followup.config;

import java.time.ZoneId;

/**
 * One mailbox followup sends from and watches. Immutable and thread-safe.
 *
 * @param name        the unique mailbox name sequences refer to
 * @param address     the sender address
 * @param displayName the sender's display name
 * @param owner       the email of the owner ({@link OwnerConfig#email()}) this mailbox belongs to
 * @param timeZone    the mailbox's time zone
 * @param smtp        outgoing mail
 * @param imap        incoming mail
 * @param caps        sending caps and spacing
 * @param proof       VERP and trusted Authentication-Results (proof of inbound mail)
 */
public record MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
        SmtpConfig smtp, ImapConfig imap, CapsConfig caps, ProofConfig proof) {

    public MailboxConfig {
        caps = caps == null ? CapsConfig.UNLIMITED : caps;
        proof = proof == null ? ProofConfig.DEFAULTS : proof;
    }

    /** A mailbox with {@link ProofConfig#DEFAULTS} (no VERP, no trusted Authentication-Results). */
    public MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
                         SmtpConfig smtp, ImapConfig imap, CapsConfig caps) {
        this(name, address, displayName, owner, timeZone, smtp, imap, caps, ProofConfig.DEFAULTS);
    }

    /** A mailbox without caps ({@link CapsConfig#UNLIMITED}); the loader applies {@link CapsConfig#DEFAULTS}. */
    public MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
                         SmtpConfig smtp, ImapConfig imap) {
        this(name, address, displayName, owner, timeZone, smtp, imap, CapsConfig.UNLIMITED, ProofConfig.DEFAULTS);
    }
}
