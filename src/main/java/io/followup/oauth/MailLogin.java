package io.followup.oauth;

import io.followup.config.MailboxConfig;
import io.followup.config.Secret;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.util.Properties;

/**
 * How SMTP and IMAP connections of a mailbox log in: with the configured password, or, for a mailbox with
 * {@code auth: oauth2}, with SASL XOAUTH2 and an access token from {@link AccessTokens}. When the server refuses a
 * token, the token is dropped and the login tried once more with a fresh one. Thread-safe.
 */
public final class MailLogin {

    /** Password logins only (tests and tools that have no OAuth2 mailbox). */
    public static final MailLogin PASSWORDS = new MailLogin(null);

    private final AccessTokens tokens;

    /** @param tokens the access tokens of OAuth2 mailboxes (null: none may use OAuth2) */
    public MailLogin(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** Logs in on an opened connection with a user name and a password or access token. */
    @FunctionalInterface
    public interface Connection {
        void connect(String user, String password) throws MessagingException;
    }

    /**
     * Session properties for XOAUTH2 when the mailbox uses OAuth2 ({@code protocol}: smtp, imap or imaps); nothing
     * otherwise.
     */
    public static void configure(Properties properties, String protocol, MailboxConfig mailbox) {
        if (mailbox.usesOAuth()) {
            properties.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
            if (protocol.equals("smtp")) {
                properties.put("mail.smtp.auth", "true");
            }
        }
    }

    /**
     * Logs in as {@code user} (for OAuth2: it, or the mailbox address when null) with {@code password} or an access
     * token; a refused token is replaced once.
     *
     * @throws OAuthException when the mailbox uses OAuth2 and no token can be had (then nothing was sent)
     */
    public void connect(MailboxConfig mailbox, String user, Secret password, Connection connection)
            throws MessagingException {
        if (!mailbox.usesOAuth()) {
            connection.connect(user, password.isPresent() ? password.reveal() : "");
            return;
        }
        if (tokens == null) {
            throw new OAuthException(OAuthException.Reason.REFUSED, "mailbox " + mailbox.name()
                    + " uses OAuth2, which this command does not support");
        }
        String login = mailbox.oauthUser(user);
        String token = tokens.accessToken(mailbox);
        try {
            connection.connect(login, token);
        } catch (AuthenticationFailedException refused) {
            tokens.rejected(mailbox, token);
            connection.connect(login, tokens.accessToken(mailbox));
        }
    }

    /**
     * Whether a login can be tried now: always for passwords; for OAuth2 when an access token is at hand or could be
     * fetched (a failed fetch is logged, recorded and retried by {@link AccessTokens}).
     */
    public boolean ready(MailboxConfig mailbox) {
        if (!mailbox.usesOAuth()) {
            return true;
        }
        try {
            return tokens != null && tokens.accessToken(mailbox) != null;
        } catch (OAuthException unavailable) {
            return false;
        }
    }

    /** Whether the mailbox waits for {@code followup mailboxes connect} (an OAuth2 grant missing or revoked). */
    public boolean paused(MailboxConfig mailbox) {
        return tokens != null && tokens.paused(mailbox);
    }
}
