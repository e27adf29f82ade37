package io.followup.oauth;

import io.followup.config.MailboxConfig;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores a mailbox's new OAuth2 grant: the refresh token encrypted with the mailbox's token key, replacing a revoked
 * or older grant (sending and watching of the mailbox resume), and an {@code oauth_connected} event. Thread-safe.
 */
public final class MailboxConnector {

    private final Jdbi jdbi;
    private final Clock clock;
    private final GrantStore grants;
    private final EventLog events;

    public MailboxConnector(Jdbi jdbi, Clock clock, GrantStore grants, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.grants = grants;
        this.events = events;
    }

    /** Stores {@code refreshToken} for the mailbox with id {@code mailboxId}. */
    public void store(long mailboxId, MailboxConfig mailbox, String refreshToken) {
        String sealed = TokenCipher.forKey(mailbox.oauth().tokenKey().reveal()).encrypt(refreshToken, mailbox.name());
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            grants.connect(handle, mailboxId, sealed, now);
            events.append(handle, now, EventLog.Event.of(EventKind.OAUTH_CONNECTED, "cli")
                    .detail("mailbox " + mailbox.name() + " connected (OAuth2, " + mailbox.oauth().provider() + ")"));
        });
    }
}
