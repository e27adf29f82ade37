package io.followup.config;

import java.util.Locale;

/**
 * How a mail connection is protected: {@code plain} (no TLS), {@code starttls} (upgrade after
 * connecting) or {@code ssl} (TLS from the first byte).
 */
public enum Security {
    PLAIN(25, 143),
    STARTTLS(587, 143),
    SSL(465, 993);

    private final int defaultSmtpPort;
    private final int defaultImapPort;

    Security(int defaultSmtpPort, int defaultImapPort) {
        this.defaultSmtpPort = defaultSmtpPort;
        this.defaultImapPort = defaultImapPort;
    }

    /** The usual SMTP port for this security: 25, 587 or 465. */
    public int defaultSmtpPort() {
        return defaultSmtpPort;
    }

    /** The usual IMAP port for this security: 143, 143 or 993. */
    public int defaultImapPort() {
        return defaultImapPort;
    }

    /** The configuration spelling: {@code plain}, {@code starttls} or {@code ssl}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
