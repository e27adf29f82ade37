package io.followup.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.store.EventLog;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestAuthorizationServer;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import io.followup.testing.TestMail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The watcher on a real Dovecot whose only login is XOAUTH2, checked by Dovecot's {@code oauth2} passdb against an
 * introspection endpoint served by the test ({@code introspection_mode = post}): a reply is read over an XOAUTH2
 * IMAP login. (Sending goes through GreenMail, also with XOAUTH2; refreshing a refused token is shown in
 * {@link XOAuth2IT}.)
 */
class OAuthDovecotIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DaemonTest(TestDatabase.Kind.H2)
    void theWatcherLogsIntoDovecotWithXoauth2CheckedByItsOauth2PassdbAndReadsTheReply(TestDaemon followup)
            throws Exception {
        Assumptions.assumeTrue(TestDovecot.available(), "needs dovecot-imapd and root");
        TestMail mail = followup.mail();
        TestAuthorizationServer server = followup.closing(new TestAuthorizationServer(TestDovecot.USER, token ->
                mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword(token)));
        TestDovecot dovecot = followup.closing(TestDovecot.withOAuth2(server.uri("/introspect")));
        AppConfig config = followup.configure(current -> OAuthMailboxes.withOAuth(TestConfigs.withImap(current,
                dovecot.port(), TestDovecot.USER, "unused"),
                OAuthMailboxes.oauth(server, TestAuthorizationServer.CLIENT_SECRET))).config();
        MailboxConfig mailbox = config.mailboxes().get(0);
        assertThat(mailbox.imap().password().isPresent()).as("no password anywhere").isFalse();
        Daemon daemon = followup.daemon();
        new MailboxConnector(daemon.database().jdbi(), Clock.systemUTC(), new GrantStore(), new EventLog())
                .store(daemon.catalog().mailboxId("main"), mailbox, server.grant());
        daemon.start();
        await().atMost(PATIENCE).alias("the watcher logged in and took its first look")
                .until(() -> followup.count("SELECT COUNT(*) FROM mailbox_watermark") > 0);
        assertThat(server.introspections()).as("Dovecot asked the introspection endpoint").isPositive();

        Enrollment alice = followup.enroll("alice@example.org", "Alice", "the meetup");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("alice@example.org").size() == 1);
        dovecot.deliver(TestMail.rawMessage("alice@example.org", "Re: Great to meet you", "Thanks, let's talk! "
                + UUID.randomUUID(), mail.inboxOf("alice@example.org").get(0).getMessageID(), false,
                Instant.parse("2026-03-02T09:05:00Z")));
        await().atMost(PATIENCE).alias("Alice's reply read over XOAUTH2")
                .until(() -> followup.state(alice.id()) == EnrollmentState.STOPPED);
    }
}
