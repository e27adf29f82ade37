package io.followup.oauth;

import io.followup.config.MailboxConfig;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access tokens of the OAuth2 mailboxes: cached per mailbox, refreshed from the stored (encrypted) refresh token
 * before they expire (a quarter of their lifetime ahead, at most a minute) and after the server refused one. A failed
 * refresh is not repeated before a growing delay (1 s, 2 s, 4 s... at most 5 min). A revoked grant
 * ({@code invalid_grant}) is marked in the database once, logged and recorded as an {@code oauth_revoked} event:
 * the mailbox is then {@link #paused} (sending and watching wait) until {@code followup mailboxes connect} stores a
 * new grant. Thread-safe: one refresh at a time per mailbox.
 */
public final class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final Duration MAX_AHEAD = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private final GrantStore grants;
    private final TokenEndpoint endpoint;
    private final EventLog events;
    private final ToLongFunction<String> mailboxIds;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param mailboxIds a configured mailbox's id by its name */
    public AccessTokens(Jdbi jdbi, Clock clock, GrantStore grants, TokenEndpoint endpoint, EventLog events,
                        ToLongFunction<String> mailboxIds) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.grants = grants;
        this.endpoint = endpoint;
        this.events = events;
        this.mailboxIds = mailboxIds;
    }

    /** The cached and refreshed state of one mailbox's token; guarded by itself. */
    private static final class Entry {
        String token;
        Instant refreshAt = Instant.MIN;
        Instant expiresAt = Instant.MIN;
        int failures;
        Instant retryAt = Instant.MIN;
        OAuthException lastFailure;
    }

    /**
     * A valid access token for the mailbox, refreshed when due.
     *
     * @throws OAuthException when none can be had: not connected, revoked, the client refused, the endpoint down
     *                        (then tried again only after the backoff delay)
     */
    public String accessToken(MailboxConfig mailbox) {
        Entry entry = entries.computeIfAbsent(mailbox.name(), name -> new Entry());
        synchronized (entry) {
            Instant now = clock.instant();
            if (entry.token != null && now.isBefore(entry.refreshAt)) {
                return entry.token;
            }
            if (entry.lastFailure != null && now.isBefore(entry.retryAt)) {
                if (entry.token != null && now.isBefore(entry.expiresAt)) {
                    return entry.token;
                }
                throw new OAuthException(entry.lastFailure.reason(), entry.lastFailure.getMessage()
                        + " (next try at " + entry.retryAt + ")");
            }
            try {
                refresh(mailbox, entry, now);
                return entry.token;
            } catch (OAuthException e) {
                failed(mailbox, entry, e, now);
                throw e;
            }
        }
    }

    /** The server refused {@code token}: the next {@link #accessToken} call fetches a new one (backoff permitting). */
    public void rejected(MailboxConfig mailbox, String token) {
        Entry entry = entries.get(mailbox.name());
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            if (token != null && token.equals(entry.token)) {
                entry.token = null;
                log.info("mailbox {}: the server refused its access token; fetching a new one", mailbox.name());
            }
        }
    }

    /** Whether the mailbox waits for {@code followup mailboxes connect}: its grant is missing or revoked. */
    public boolean paused(MailboxConfig mailbox) {
        if (!mailbox.usesOAuth()) {
            return false;
        }
        long id = mailboxIds.applyAsLong(mailbox.name());
        return jdbi.withHandle(handle -> grants.find(handle, id)).map(GrantStore.Grant::revoked).orElse(true);
    }

    private void refresh(MailboxConfig mailbox, Entry entry, Instant now) {
        long id = mailboxIds.applyAsLong(mailbox.name());
        GrantStore.Grant grant = jdbi.withHandle(handle -> grants.find(handle, id)).orElseThrow(() ->
                new OAuthException(OAuthException.Reason.NOT_CONNECTED, "mailbox " + mailbox.name() + " is not "
                        + "connected yet: run followup mailboxes connect " + mailbox.name()));
        if (grant.revoked()) {
            throw new OAuthException(OAuthException.Reason.REVOKED, "mailbox " + mailbox.name() + ": its OAuth2 grant "
                    + "was revoked (" + grant.problem() + "); reconnect it: followup mailboxes connect "
                    + mailbox.name());
        }
        TokenCipher cipher = TokenCipher.forKey(mailbox.oauth().tokenKey().reveal());
        String refreshToken = cipher.decrypt(grant.refreshToken(), mailbox.name());
        TokenEndpoint.Issued issued = endpoint.refresh(mailbox.name(), mailbox.oauth(), refreshToken, now);
        if (issued.refreshToken() != null && !issued.refreshToken().equals(refreshToken)) {
            String sealed = cipher.encrypt(issued.refreshToken(), mailbox.name());
            jdbi.useTransaction(handle -> grants.rotate(handle, id, sealed, now));
        }
        Duration lifetime = Duration.between(now, issued.expiresAt());
        Duration ahead = lifetime.dividedBy(4).compareTo(MAX_AHEAD) > 0 ? MAX_AHEAD : lifetime.dividedBy(4);
        entry.token = issued.accessToken();
        entry.expiresAt = issued.expiresAt();
        entry.refreshAt = issued.expiresAt().minus(ahead);
        entry.failures = 0;
        entry.lastFailure = null;
        log.debug("mailbox {}: new access token, valid until {}", mailbox.name(), issued.expiresAt());
    }

    private void failed(MailboxConfig mailbox, Entry entry, OAuthException failure, Instant now) {
        entry.token = null;
        if (failure.reason() == OAuthException.Reason.REVOKED) {
            long id = mailboxIds.applyAsLong(mailbox.name());
            boolean marked = jdbi.inTransaction(handle -> {
                boolean first = grants.markRevoked(handle, id, failure.getMessage(), now);
                if (first) {
                    events.append(handle, now, EventLog.Event.of(EventKind.OAUTH_REVOKED, "oauth")
                            .detail("mailbox " + mailbox.name() + ": " + failure.getMessage()));
                }
                return first;
            });
            if (marked) {
                log.warn("OAuth2 grant of mailbox {} revoked or invalid: sending and watching paused until it is "
                        + "reconnected; {}", mailbox.name(), failure.getMessage());
            }
            entry.failures = 0;
            entry.lastFailure = null;
            return;
        }
        if (failure.reason() == OAuthException.Reason.NOT_CONNECTED) {
            entry.lastFailure = null;
            return;
        }
        entry.failures++;
        entry.lastFailure = failure;
        entry.retryAt = now.plus(backoff(entry.failures));
        log.warn("no access token: {}; next try in {} s", failure.getMessage(), backoff(entry.failures).toSeconds());
    }

    static Duration backoff(int failures) {
        long seconds = 1L << Math.min(failures - 1, 9);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }
}
