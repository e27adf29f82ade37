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
 * @param oauth       OAuth2 (XOAUTH2) login for SMTP and IMAP; null: passwords ({@code auth: password}, the default)
 */
public record MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
        SmtpConfig smtp, ImapConfig imap, CapsConfig caps, ProofConfig proof, OAuthConfig oauth) {

    /** A mailbox that logs in with passwords. */
    public MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
                         SmtpConfig smtp, ImapConfig imap, CapsConfig caps, ProofConfig proof) {
        this(name, address, displayName, owner, timeZone, smtp, imap, caps, proof, null);
    }

    public MailboxConfig {
        caps = caps == null ? CapsConfig.UNLIMITED : caps;
        proof = proof == null ? ProofConfig.DEFAULTS : proof;
    }

    /** Whether SMTP and IMAP log in with OAuth2 (XOAUTH2) rather than passwords. */
    public boolean usesOAuth() {
        return oauth != null;
    }

    /** The user name XOAUTH2 presents for {@code protocolUser} (the SMTP or IMAP username): it, or the address. */
    public String oauthUser(String protocolUser) {
        return protocolUser == null || protocolUser.isBlank() ? address : protocolUser;
    }

    /** A mailbox with {@link ProofConfig#DEFAULTS} (no VERP, no trusted Authentication-Results). */
    public MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
                         SmtpConfig smtp, ImapConfig imap, CapsConfig caps) {
        this(name, address, displayName, owner, timeZone, smtp, imap, caps, ProofConfig.DEFAULTS, null);
    }

    /** A mailbox without caps ({@link CapsConfig#UNLIMITED}); the loader applies {@link CapsConfig#DEFAULTS}. */
    public MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
                         SmtpConfig smtp, ImapConfig imap) {
        this(name, address, displayName, owner, timeZone, smtp, imap, CapsConfig.UNLIMITED, ProofConfig.DEFAULTS,
                null);
    }
}
