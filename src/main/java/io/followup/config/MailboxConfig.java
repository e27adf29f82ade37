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
 */
public record MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
        SmtpConfig smtp, ImapConfig imap, CapsConfig caps) {

    public MailboxConfig {
        caps = caps == null ? CapsConfig.UNLIMITED : caps;
    }

    /** A mailbox without caps ({@link CapsConfig#UNLIMITED}); the loader applies {@link CapsConfig#DEFAULTS}. */
    public MailboxConfig(String name, String address, String displayName, String owner, ZoneId timeZone,
                         SmtpConfig smtp, ImapConfig imap) {
        this(name, address, displayName, owner, timeZone, smtp, imap, CapsConfig.UNLIMITED);
    }
}
