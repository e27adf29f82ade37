package io.followup.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.store.EventLog;
import io.followup.testing.Closing;
import io.followup.testing.MutableClock;
import io.followup.testing.TestAuthorizationServer;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on a real Dovecot whose only login is XOAUTH2, checked by Dovecot's {@code oauth2} passdb against an
 * introspection endpoint served by the test ({@code introspection_mode = post}): a reply is read over an XOAUTH2
 * IMAP login. (Sending goes through GreenMail, also with XOAUTH2; refreshing a refused token is shown in
 * {@link XOAuth2IT}.)
 */
class OAuthDovecotIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path base;

    private TestMail mail;
    private TestDovecot dovecot;
    private TestDatabase testDatabase;
    private TestAuthorizationServer server;
    private Daemon daemon;

    @AfterEach
    void tearDown() {
        Closing.all(daemon, dovecot, server, mail, testDatabase);
    }

    @Test
    void theWatcherLogsIntoDovecotWithXoauth2CheckedByItsOauth2PassdbAndReadsTheReply() throws Exception {
        Assumptions.assumeTrue(TestDovecot.available(), "needs dovecot-imapd and root");
        mail = new TestMail();
        server = new TestAuthorizationServer(TestDovecot.USER, token ->
                mail.greenMail().getUserManager().getUserByEmail(TestMail.OWNER).setPassword(token));
        dovecot = TestDovecot.withOAuth2(server.uri("/introspect"));
        testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
        AppConfig config = OAuthMailboxes.withOAuth(TestConfigs.withImap(TestConfigs.aConfig(base, mail,
                testDatabase), dovecot.port(), TestDovecot.USER, "unused"),
                OAuthMailboxes.oauth(server, TestAuthorizationServer.CLIENT_SECRET));
        MailboxConfig mailbox = config.mailboxes().get(0);
        assertThat(mailbox.imap().password().isPresent()).as("no password anywhere").isFalse();
        daemon = Daemon.open(config, TestConfigs.intro(), new MutableClock(Instant.parse("2026-03-02T09:00:00Z")));
        new MailboxConnector(daemon.database().jdbi(), Clock.systemUTC(), new GrantStore(), new EventLog())
                .store(daemon.catalog().mailboxId("main"), mailbox, server.grant());
        daemon.start();
        await().atMost(PATIENCE).alias("the watcher logged in and took its first look").until(this::watermarkStored);
        assertThat(server.introspections()).as("Dovecot asked the introspection endpoint").isPositive();

        Enrollment alice = enroll("alice@example.org", "Alice");
        await().atMost(PATIENCE).until(() -> mail.inboxOf("alice@example.org").size() == 1);
        deliverReply("alice@example.org", mail.inboxOf("alice@example.org").get(0).getMessageID());
        await().atMost(PATIENCE).alias("Alice's reply read over XOAUTH2")
                .until(() -> state(alice) == EnrollmentState.STOPPED);

    }

    private void deliverReply(String from, String inReplyTo) {
        dovecot.deliver(TestMail.rawMessage(from, "Re: Great to meet you", "Thanks, let's talk! "
                + UUID.randomUUID(), inReplyTo, false, Instant.parse("2026-03-02T09:05:00Z")));
    }

    private boolean watermarkStored() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM mailbox_watermark").mapTo(Integer.class).one()) > 0;
    }

    private Enrollment enroll(String email, String name) {
        return daemon.enrollments().enroll(ContactSpec.of(email, name).withFields(Map.of("met_at", "the meetup")),
                TestConfigs.SEQUENCE, "test");
    }

    private EnrollmentState state(Enrollment enrollment) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, enrollment.id()))
                .state();
    }
}
