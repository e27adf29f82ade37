package io.followup.oauth;

import io.followup.config.AppConfig;
import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.OAuthConfig;
import io.followup.config.Secret;
import io.followup.config.SmtpConfig;
import io.followup.testing.TestAuthorizationServer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test configurations whose first mailbox logs in with OAuth2 against a {@link TestAuthorizationServer}. */
final class OAuthMailboxes {

    static final String TOKEN_KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});

    private OAuthMailboxes() {
    }

    static OAuthConfig oauth(TestAuthorizationServer server, String clientSecret) {
        return new OAuthConfig("custom", TestAuthorizationServer.CLIENT_ID, Secret.of(clientSecret),
                server.uri("/authorize"), server.uri("/token"), List.of("mail"), Map.of(), "127.0.0.1",
                Secret.of(TOKEN_KEY));
    }

    /** {@code config} with its first mailbox on OAuth2: no passwords at all, XOAUTH2 for SMTP and IMAP. */
    static AppConfig withOAuth(AppConfig config, OAuthConfig oauth) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        SmtpConfig smtp = mailbox.smtp();
        ImapConfig imap = mailbox.imap();
        MailboxConfig changed = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), new SmtpConfig(smtp.host(), smtp.port(), smtp.security(),
                smtp.username(), Secret.NONE, smtp.timeout(), smtp.trust()),
                new ImapConfig(imap.host(), imap.port(), imap.security(), imap.username(), Secret.NONE, imap.folders(),
                        imap.idle(), imap.pollInterval(), imap.timeout(), imap.trust(), imap.sentFolder(),
                        imap.junk()),
                mailbox.caps(), mailbox.proof(), oauth);
        return config.withMailboxes(List.of(changed));
    }
}
