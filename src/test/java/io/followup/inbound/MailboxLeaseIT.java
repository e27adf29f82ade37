package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.SchedulerConfig;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two daemons on one database, a mailbox with two folders: exactly one node watches each folder (each has its own
 * lease), each node one of them (the even split of {@link LeaseBalanceIT}); the other takes every folder over when
 * the first stops.
 */
class MailboxLeaseIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path base;

    private TestMail mail;
    private TestDatabase testDatabase;
    private Daemon first;
    private Daemon second;

    @AfterEach
    void tearDown() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (mail != null) {
            mail.close();
        }
        testDatabase.close();
    }

    static Stream<TestDatabase.Kind> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseErrorIsNotTakenForALostRace(TestDatabase.Kind kind) throws Exception {
        testDatabase = TestDatabase.create(kind, base);
        try (var database = testDatabase.open()) {
            database.migrate();
            MailboxLease lease = new MailboxLease(database.jdbi(), Clock.systemUTC(), "node-1");
            // a folder the table cannot take (NOT NULL): a failed INSERT that no other node caused; it used to read
            // as "another node holds the lease", and the folder went unwatched without a word
            assertThatThrownBy(() -> lease.acquire(1, null, Duration.ofSeconds(10)))
                    .isInstanceOf(UnableToExecuteStatementException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void exactlyOneNodeWatchesAMailboxAndAnotherTakesOverWhenItStops(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        MutableClock clock = new MutableClock(Instant.now());
        mail.createFolder("Clients");
        AppConfig config = TestConfigs.withFolders(TestConfigs.aConfig(base, mail, testDatabase),
                java.util.List.of("INBOX", "Clients"), io.followup.config.JunkFolder.NONE);
        first = Daemon.open(node(config, "node-a"), TestConfigs.intro(), clock);
        first.start();
        MailboxLease lease = new MailboxLease(first.database().jdbi(), Clock.systemUTC(), "observer");
        await().atMost(PATIENCE).until(() -> lease.holder(1, "INBOX").isPresent()
                && lease.holder(1, "Clients").isPresent());
        assertThat(lease.holder(1, "INBOX")).contains("node-a");
        assertThat(lease.holder(1, "Clients")).contains("node-a");
        second = Daemon.open(node(config, "node-b"), TestConfigs.intro(), clock);
        second.start();
        MailboxLease observer = new MailboxLease(second.database().jdbi(), Clock.systemUTC(), "observer");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark") == 2);

        mail.reply("someone@example.org", "Hello", "a first message", null, null);
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 1);
        // with two live nodes each takes its share: one folder each (which one is whoever came first)
        await().atMost(PATIENCE).until(() -> observer.holder(1, "INBOX").isPresent()
                && observer.holder(1, "Clients").isPresent()
                && !observer.holder(1, "INBOX").equals(observer.holder(1, "Clients")));

        first.close();
        first = null;
        await().atMost(PATIENCE).until(() -> observer.holder(1, "INBOX").filter("node-b"::equals).isPresent()
                && observer.holder(1, "Clients").filter("node-b"::equals).isPresent());
        mail.reply("someone@example.org", "Hello again", "a second message", null, null);
        mail.deliverInto("Clients", ("From: someone@example.org\r\nTo: " + TestMail.OWNER + "\r\nSubject: filed"
                + "\r\nMessage-ID: <filed@example.org>\r\n\r\nfiled by a rule\r\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 3);
        assertThat(count("SELECT COUNT(DISTINCT uid) FROM inbound_message WHERE folder = 'INBOX'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE folder = 'Clients'")).isEqualTo(1);
    }

    private static AppConfig node(AppConfig config, String nodeId) {
        return config.withNode(nodeId, new SchedulerConfig("followup-test-" + UUID.randomUUID(), false,
                Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    private long count(String sql) {
        return second.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
