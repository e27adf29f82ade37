package io.followup.outbox;

import io.followup.config.MailboxConfig;
import io.followup.oauth.MailLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * Holds back the queued mail of an OAuth2 mailbox that cannot log in: its grant was revoked or never connected
 * (until {@code followup mailboxes connect}), or no access token can be had just now. The message stays queued, with
 * no send attempt counted, and is looked at again every {@link #RECHECK}. Password mailboxes always pass.
 * Thread-safe.
 */
public final class MailboxLoginGate implements SendGate {

    /** How long a held-back message waits before it is looked at again. */
    static final Duration RECHECK = Duration.ofMinutes(1);

    private final LongFunction<MailboxConfig> mailboxes;
    private final MailLogin login;

    public MailboxLoginGate(LongFunction<MailboxConfig> mailboxes, MailLogin login) {
        this.mailboxes = mailboxes;
        this.login = login;
    }

    @Override
    public Instant notBefore(OutboundMessage message, Instant now) {
        MailboxConfig mailbox = mailboxes.apply(message.mailboxId());
        if (mailbox == null || !mailbox.usesOAuth()) {
            return null;
        }
        return login.paused(mailbox) || !login.ready(mailbox) ? now.plus(RECHECK) : null;
    }
}
