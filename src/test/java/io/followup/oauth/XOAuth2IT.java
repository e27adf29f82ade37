package io.followup.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.contact.ContactSpec;
import io.followup.digest.NeedsYou;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.store.EventLog;
import io.followup.testing.Chores;
import io.followup.testing.Closing;
import io.followup.testing.MutableClock;
import io.followup.testing.TestAuthorizationServer;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OAuth2 mailboxes end to end on GreenMail's AUTH XOAUTH2 (SMTP and IMAP), with a token endpoint served by the test
 * whose every new access token becomes the only credential GreenMail accepts: sending and IDLE-watching log in with
 * tokens only; an expired token and a token the server stopped accepting are refreshed mid-run; a revoked grant
 * pauses the mailbox visibly and loses nothing (queued mail stays queued, a reply that arrives meanwhile is read
 * after reconnecting); a wrong client secret is a clear error that does not show the secret.
 */
class XOAuth2IT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path base;

    private TestMail mail;
    private TestDatabase testDatabase;
    private TestAuthorizationServer server;
    private Daemon daemon;

    @AfterEach
    void tearDown() {
        Closing.all(daemon, server, mail, testDatabase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void sendsAndWatchesWithXoauth2RefreshingExpiredAndRefusedTokensMidRun(TestDatabase.Kind kind) throws Exception {
        AppConfig config = start(kind, TestAuthorizationServer.CLIENT_SECRET);
        server.lifetime(2);
        connect(config, server.grant());
        daemon.start();

        Enrollment alice = enroll("alice@example.org", "Alice");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("alice@example.org").size() == 1);
        Instant expired = Instant.now().plusSeconds(2);
        int afterFirst = server.refreshes();
        assertThat(afterFirst).as("the first send fetched a token").isPositive();

        mail.reply("alice@example.org", "Re: Great to meet you, Alice", "Thanks, talk soon!",
                messageId("alice@example.org"), messageId("alice@example.org"));
        await().atMost(PATIENCE).alias("the reply is seen by the watcher logged in with XOAUTH2")
                .until(() -> state(alice) == EnrollmentState.STOPPED);

        server.lifetime(3600);
        await().atMost(PATIENCE).alias("the 2 s token expires").until(() -> Instant.now().isAfter(expired));
        enroll("bob@example.org", "Bob");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("bob@example.org").size() == 1);
        int afterExpiry = server.refreshes();
        assertThat(afterExpiry).as("an expired token was refreshed before sending").isGreaterThan(afterFirst);

        mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword("no-longer-" + UUID.randomUUID());
        enroll("carol@example.org", "Carol");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("carol@example.org").size() == 1);
        assertThat(server.refreshes()).as("a token the server refused was replaced once").isEqualTo(afterExpiry + 1);
        assertThat(sendAttempts("carol@example.org")).as("and the send did not count as failed").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aRevokedGrantPausesTheMailboxVisiblyLosesNothingAndResumesAfterReconnecting(TestDatabase.Kind kind)
            throws Exception {
        AppConfig config = start(kind, TestAuthorizationServer.CLIENT_SECRET);
        String grant = server.grant();
        connect(config, grant);
        daemon.start();
        Enrollment alice = enroll("alice@example.org", "Alice");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("alice@example.org").size() == 1);

        server.revoke(grant);
        mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword("revoked-" + UUID.randomUUID());
        Enrollment bob = enroll("bob@example.org", "Bob");
        await().atMost(PATIENCE).alias("the revocation is noticed").until(this::revoked);

        await().atMost(PATIENCE).alias("Bob's step goes back to the queue")
                .until(() -> outboundState("bob@example.org").equals("queued"));
        assertThat(events()).anyMatch(detail -> detail.contains("mailbox main") && detail.contains("invalid_grant"));
        NeedsYou.Items needs = daemon.database().jdbi().withHandle(handle -> new NeedsYou().read(handle,
                List.of(mailboxId()), Instant.now()));
        assertThat(needs.reconnect()).singleElement().satisfies(item ->
                assertThat(item.what()).contains("reconnect mailbox main", "followup mailboxes connect main"));
        assertThat(new GrantStore().revokedNames(daemon.database().jdbi())).containsExactly("main");

        mail.reply("alice@example.org", "Re: Great to meet you, Alice", "Thanks, talk soon!",
                messageId("alice@example.org"), messageId("alice@example.org"));

        String newGrant = server.grant();
        connect(config, newGrant);
        ((MutableClock) daemon.clock()).advance(Duration.ofMinutes(5));
        await().atMost(PATIENCE).alias("sending resumes").until(() -> mail.inboxOf("bob@example.org").size() == 1);
        await().atMost(PATIENCE).alias("the reply that came while paused is read")
                .until(() -> state(alice) == EnrollmentState.STOPPED);
        assertThat(state(bob)).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(mail.inboxOf("bob@example.org")).as("sent once").hasSize(1);
        assertThat(revoked()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aWrongClientSecretIsAClearErrorThatDoesNotShowTheSecretAndKeepsTheMailQueued(TestDatabase.Kind kind) {
        String wrongSecret = "wrong-secret-" + UUID.randomUUID();
        AppConfig config = start(kind, wrongSecret);
        connect(config, server.grant());
        enroll("alice@example.org", "Alice");
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

    private AppConfig start(TestDatabase.Kind kind, String clientSecret) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        server = new TestAuthorizationServer(TestMail.OWNER, token ->
                mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword(token));
        mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword("no-password-" + UUID.randomUUID());
        AppConfig config = OAuthMailboxes.withOAuth(TestConfigs.aConfig(base, mail, testDatabase),
                OAuthMailboxes.oauth(server, clientSecret));
        daemon = Daemon.open(config, TestConfigs.intro(), new MutableClock(Instant.parse("2026-03-02T09:00:00Z")));
        return config;
    }

    private void connect(AppConfig config, String refreshToken) {
        new MailboxConnector(daemon.database().jdbi(), java.time.Clock.systemUTC(), new GrantStore(), new EventLog())
                .store(mailboxId(), config.mailboxes().get(0), refreshToken);
    }

    private long mailboxId() {
        return daemon.catalog().mailboxId("main");
    }

    private Enrollment enroll(String email, String name) {
        return daemon.enrollments().enroll(ContactSpec.of(email, name).withFields(Map.of("met_at", "the meetup")),
                TestConfigs.SEQUENCE, "test");
    }

    private EnrollmentState state(Enrollment enrollment) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, enrollment.id()))
                .state();
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
