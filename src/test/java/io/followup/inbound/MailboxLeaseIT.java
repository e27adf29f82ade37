package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.app.Daemon;
import io.followup.config.JunkFolder;
import io.followup.store.Database;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Two daemons on one database, a mailbox with two folders: exactly one node watches each folder (each has its own
 * lease), each node one of them (the even split of {@link LeaseBalanceIT}); the other takes every folder over when
 * the first stops.
 */
class MailboxLeaseIT {

    @DaemonTest
    void aDatabaseErrorIsNotTakenForALostRace(TestDaemon followup) {
        Database database = followup.openDatabase();
        MailboxLease lease = new MailboxLease(database.jdbi(), Clock.systemUTC(), "node-1");
        // a folder the table cannot take (NOT NULL): a failed INSERT that no other node caused; it used to read
        // as "another node holds the lease", and the folder went unwatched without a word
        assertThatThrownBy(() -> lease.acquire(1, null, Duration.ofSeconds(10)))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }

    @DaemonTest
    void exactlyOneNodeWatchesAMailboxAndAnotherTakesOverWhenItStops(TestDaemon followup) {
        TestMail mail = followup.mail();
        followup.clock().set(Instant.now());
        mail.createFolder("Clients");
        followup.configure(config -> TestConfigs.asNode(
                TestConfigs.withFolders(config, List.of("INBOX", "Clients"), JunkFolder.NONE), "node-a"));
        Daemon first = followup.start();
        MailboxLease lease = new MailboxLease(first.database().jdbi(), Clock.systemUTC(), "observer");
        followup.await("node-a's leases", () -> lease.holder(1, "INBOX").isPresent()
                && lease.holder(1, "Clients").isPresent());
        assertThat(lease.holder(1, "INBOX")).contains("node-a");
        assertThat(lease.holder(1, "Clients")).contains("node-a");
        Daemon second = followup.node("node-b", followup.clock());
        second.start();
        MailboxLease observer = new MailboxLease(second.database().jdbi(), Clock.systemUTC(), "observer");
        followup.await("both folders looked at", () -> count(second, "SELECT COUNT(*) FROM mailbox_watermark") == 2);

        mail.reply("someone@example.org", "Hello", "a first message", null, null);
        followup.await("the first message", () -> count(second, "SELECT COUNT(*) FROM inbound_message") == 1);
        // with two live nodes each takes its share: one folder each (which one is whoever came first)
        followup.await("one folder each", () -> observer.holder(1, "INBOX").isPresent()
                && observer.holder(1, "Clients").isPresent()
                && !observer.holder(1, "INBOX").equals(observer.holder(1, "Clients")));

        followup.closeDaemon();
        followup.await("node-b holding both folders", () -> observer.holder(1, "INBOX").filter("node-b"::equals)
                .isPresent() && observer.holder(1, "Clients").filter("node-b"::equals).isPresent());
        mail.reply("someone@example.org", "Hello again", "a second message", null, null);
        mail.deliverInto("Clients", ("From: someone@example.org\r\nTo: " + TestMail.OWNER + "\r\nSubject: filed"
                + "\r\nMessage-ID: <filed@example.org>\r\n\r\nfiled by a rule\r\n").getBytes(StandardCharsets.UTF_8));
        followup.await("all three messages", () -> count(second, "SELECT COUNT(*) FROM inbound_message") == 3);
        assertThat(count(second, "SELECT COUNT(DISTINCT uid) FROM inbound_message WHERE folder = 'INBOX'"))
                .isEqualTo(2);
        assertThat(count(second, "SELECT COUNT(*) FROM inbound_message WHERE folder = 'Clients'")).isEqualTo(1);
    }

    private static long count(Daemon node, String sql) {
        return node.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
