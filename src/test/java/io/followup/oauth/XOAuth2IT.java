package io.followup.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.digest.NeedsYou;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.store.EventLog;
import io.followup.testing.Chores;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestAuthorizationServer;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * OAuth2 mailboxes end to end on GreenMail's AUTH XOAUTH2 (SMTP and IMAP), with a token endpoint served by the test
 * whose every new access token becomes the only credential GreenMail accepts: sending and IDLE-watching log in with
 * tokens only; an expired token and a token the server stopped accepting are refreshed mid-run; a revoked grant
 * pauses the mailbox visibly and loses nothing (queued mail stays queued, a reply that arrives meanwhile is read
 * after reconnecting); a wrong client secret is a clear error that does not show the secret.
 */
class XOAuth2IT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestMail mail;
    private TestAuthorizationServer server;
    private Daemon daemon;

    @DaemonTest
    void sendsAndWatchesWithXoauth2RefreshingExpiredAndRefusedTokensMidRun(TestDaemon followup) throws Exception {
        AppConfig config = start(followup, TestAuthorizationServer.CLIENT_SECRET);
        server.lifetime(2);
        connect(config, server.grant());
        daemon.start();

        Enrollment alice = followup.enroll("alice@example.org", "Alice", "the meetup");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("alice@example.org").size() == 1);
        Instant expired = Instant.now().plusSeconds(2);
        int afterFirst = server.refreshes();
        assertThat(afterFirst).as("the first send fetched a token").isPositive();

        mail.reply("alice@example.org", "Re: Great to meet you, Alice", "Thanks, talk soon!",
                messageId("alice@example.org"), messageId("alice@example.org"));
        await().atMost(PATIENCE).alias("the reply is seen by the watcher logged in with XOAUTH2")
                .until(() -> followup.state(alice.id()) == EnrollmentState.STOPPED);

        server.lifetime(3600);
        await().atMost(PATIENCE).alias("the 2 s token expires").until(() -> Instant.now().isAfter(expired));
        followup.enroll("bob@example.org", "Bob", "the meetup");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("bob@example.org").size() == 1);
        int afterExpiry = server.refreshes();
        assertThat(afterExpiry).as("an expired token was refreshed before sending").isGreaterThan(afterFirst);

        mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword("no-longer-" + UUID.randomUUID());
        followup.enroll("carol@example.org", "Carol", "the meetup");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("carol@example.org").size() == 1);
        assertThat(server.refreshes()).as("a token the server refused was replaced once").isEqualTo(afterExpiry + 1);
        assertThat(sendAttempts("carol@example.org")).as("and the send did not count as failed").isEqualTo(1);
    }

    @DaemonTest
    void aRevokedGrantPausesTheMailboxVisiblyLosesNothingAndResumesAfterReconnecting(TestDaemon followup)
            throws Exception {
        AppConfig config = start(followup, TestAuthorizationServer.CLIENT_SECRET);
        String grant = server.grant();
        connect(config, grant);
        daemon.start();
        Enrollment alice = followup.enroll("alice@example.org", "Alice", "the meetup");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("alice@example.org").size() == 1);

        server.revoke(grant);
        mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword("revoked-" + UUID.randomUUID());
        Enrollment bob = followup.enroll("bob@example.org", "Bob", "the meetup");
        await().atMost(PATIENCE).alias("the revocation is noticed").until(this::revoked);

        await().atMost(PATIENCE).alias("Bob's step goes back to the queue")
                .until(() -> outboundState("bob@example.org").equals("queued"));
        assertThat(events()).anyMatch(detail -> detail.contains("mailbox main") && detail.contains("invalid_grant"));
        NeedsYou.Items needs = daemon.database().jdbi().withHandle(handle -> new NeedsYou().read(handle,
                List.of(mailboxId()), Instant.now()));
        assertThat(needs.reconnect()).singleElement().satisfies(item ->
                assertThat(item.what()).contains("reconnect mailbox main", "followup mailboxes connect main"));
        List<String> reconnect = daemon.database().jdbi().withHandle(handle -> io.followup.sequence.SequenceCatalog
                .storedMailboxNames(handle, new GrantStore().revoked(handle)));
        assertThat(reconnect).containsExactly("main");

        mail.reply("alice@example.org", "Re: Great to meet you, Alice", "Thanks, talk soon!",
                messageId("alice@example.org"), messageId("alice@example.org"));

        String newGrant = server.grant();
        connect(config, newGrant);
        ((MutableClock) daemon.clock()).advance(Duration.ofMinutes(5));
        await().atMost(PATIENCE).alias("sending resumes").until(() -> mail.inboxOf("bob@example.org").size() == 1);
        await().atMost(PATIENCE).alias("the reply that came while paused is read")
                .until(() -> followup.state(alice.id()) == EnrollmentState.STOPPED);
        assertThat(followup.state(bob.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(mail.inboxOf("bob@example.org")).as("sent once").hasSize(1);
        assertThat(revoked()).isFalse();
    }

    @DaemonTest
    void aWrongClientSecretIsAClearErrorThatDoesNotShowTheSecretAndKeepsTheMailQueued(TestDaemon followup) {
        String wrongSecret = "wrong-secret-" + UUID.randomUUID();
        AppConfig config = start(followup, wrongSecret);
        connect(config, server.grant());
        followup.enroll("alice@example.org", "Alice", "the meetup");
        Chores.drain(daemon);


        assertThat(outboundState("alice@example.org")).isEqualTo("queued");
        assertThat(sendAttempts("alice@example.org")).as("held back before any SMTP attempt").isZero();
        AccessTokens tokens = new AccessTokens(daemon.database().jdbi(), java.time.Clock.systemUTC(),
                new GrantStore(), new TokenEndpoint(), new EventLog(), daemon.catalog()::mailboxId);
        MailboxConfig mailbox = daemon.catalog().mailbox(mailboxId());
        assertThatThrownBy(() -> tokens.accessToken(mailbox)).isInstanceOf(OAuthException.class)
                .hasMessageContaining("mailbox main").hasMessageContaining("invalid_client")
                .hasMessageContaining("client_secret").hasMessageNotContaining(wrongSecret)
                .satisfies(e -> assertThat(((OAuthException) e).reason()).isEqualTo(OAuthException.Reason.REFUSED));
        assertThat(revoked()).as("a client error is not a revoked grant").isFalse();
        assertThat(mail.inboxOf("alice@example.org")).isEmpty();
    }

    /** Opens the daemon (not started) with its mailbox on OAuth2 through a token endpoint of the test's own. */
    private AppConfig start(TestDaemon followup, String clientSecret) {
        mail = followup.mail();
        server = followup.closing(new TestAuthorizationServer(TestMail.OWNER, token ->
                mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword(token)));
        mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword("no-password-" + UUID.randomUUID());
        daemon = followup.configure(config -> OAuthMailboxes.withOAuth(config,
                OAuthMailboxes.oauth(server, clientSecret))).daemon();
        return followup.config();
    }

    private void connect(AppConfig config, String refreshToken) {
        new MailboxConnector(daemon.database().jdbi(), java.time.Clock.systemUTC(), new GrantStore(), new EventLog())
                .store(mailboxId(), config.mailboxes().get(0), refreshToken);
    }

    private long mailboxId() {
        return daemon.catalog().mailboxId("main");
    }

    private boolean revoked() {
        return daemon.database().jdbi().withHandle(handle -> new GrantStore().find(handle, mailboxId()))
                .map(GrantStore.Grant::revoked).orElse(false);
    }

    private String messageId(String to) throws Exception {
        return mail.inboxOf(to).get(0).getMessageID();
    }

    private String outboundState(String to) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT state FROM outbound_message WHERE to_address = :to").bind("to", to).mapTo(String.class).one());
    }

    private int sendAttempts(String to) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT send_attempts FROM outbound_message WHERE to_address = :to").bind("to", to)
                .mapTo(Integer.class).one());
    }

    private List<String> events() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = 'oauth_revoked'").mapTo(String.class).list());
    }
}
