package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.store.Database;
import io.followup.testing.MutableClock;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's heartbeat reads only the lease rows it needs once the folders are split: none while every lease is
 * renewed in time, only the expired ones of a dead node, and every row again when something changed that it cannot
 * see otherwise (a folder released by another node, a lease of its own taken while it did not beat).
 */
class LeaseHeartbeatReadsIT {

    private static final int FOLDERS = 12;

    private Database database;

    @DaemonTest
    void aSteadyHeartbeatReadsNoRowAndStillSeesReleasesDeathsAndLostLeases(TestDaemon followup) {
        MutableClock clock = new MutableClock(Instant.now());
        Map<String, MailboxLease> nodes = threeNodes(followup, clock);
        MailboxLease a = nodes.get("node-a");
        MailboxLease b = nodes.get("node-b");
        MailboxLease c = nodes.get("node-c");
        beat(nodes.values(), clock);
        beat(nodes.values(), clock);
        for (long mailbox = 1; mailbox <= FOLDERS; mailbox++) {
            for (MailboxLease lease : nodes.values()) {
                lease.acquire(mailbox, "INBOX", MailboxLease.TTL);
            }
        }
        beat(nodes.values(), clock); // the takes added rows: each node reads them all once
        assertThat(a.lastBeatRows()).isEqualTo(FOLDERS);
        beat(nodes.values(), clock);
        assertThat(a.lastBeatRows()).isZero();
        assertThat(b.lastBeatRows()).isZero();
        assertThat(c.lastBeatRows()).isZero();
        long ofB = heldBy("node-b").get(0);
        assertThat(a.acquire(ofB, "INBOX", MailboxLease.TTL)).isFalse(); // b's, unexpired: not even tried

        // b releases one folder (a clean stop of its watcher): the count of rows changed, so a reads all of them,
        // and a's watcher of that folder is no longer told that another node holds it
        b.unwatch(ofB, "INBOX");
        b.release(ofB, "INBOX");
        clock.advance(MailboxLease.BEAT);
        a.beatOnce();
        assertThat(a.lastBeatRows()).isEqualTo(FOLDERS - 1);
        c.beatOnce();
        b.beatOnce();
        a.expect(FOLDERS * 2); // a's share grows, so that it may take released folders
        assertThat(a.acquire(ofB, "INBOX", MailboxLease.TTL)).isTrue();
        // a's own insert and b's release of another folder between two heartbeats leave the count as it was: a
        // expects one row more (its insert), so it reads them all again and sees the second folder free
        long ofB2 = heldBy("node-b").get(0);
        b.unwatch(ofB2, "INBOX");
        b.release(ofB2, "INBOX");
        clock.advance(MailboxLease.BEAT);
        a.beatOnce();
        assertThat(a.lastBeatRows()).isEqualTo(FOLDERS - 1);
        assertThat(a.acquire(ofB2, "INBOX", MailboxLease.TTL)).isTrue();
        beat(nodes.values(), clock);
        beat(nodes.values(), clock);
        assertThat(a.lastBeatRows()).isZero();

        // c dies: a and b read only c's expired leases, and take those their watchers wait for
        List<Long> ofC = heldBy("node-c");
        int mostRead = 0;
        for (int tick = 0; tick < 6; tick++) {
            clock.advance(MailboxLease.BEAT);
            a.beatOnce();
            b.beatOnce();
            mostRead = Math.max(mostRead, Math.max(a.lastBeatRows(), b.lastBeatRows()));
        }
        assertThat(heldBy("node-c")).isEmpty();
        assertThat(heldBy("node-a").size() + heldBy("node-b").size()).isEqualTo(FOLDERS);
        assertThat(mostRead).isPositive().isLessThanOrEqualTo(ofC.size());

        // a does not beat for longer than a lease lasts, and b's heartbeat takes a's folders: a's next beat reads
        // every row and lets them go (its watchers are no longer told they hold them)
        long ofA = heldBy("node-a").get(0);
        clock.advance(MailboxLease.TTL.plus(Duration.ofSeconds(1)));
        b.beatOnce();
        a.beatOnce();
        assertThat(a.lastBeatRows()).isEqualTo(FOLDERS);
        assertThat(heldBy("node-b")).contains(ofA);
        assertThat(a.acquire(ofA, "INBOX", MailboxLease.TTL)).isFalse();
    }

    private Map<String, MailboxLease> threeNodes(TestDaemon followup, MutableClock clock) {
        database = followup.openDatabase();
        database.jdbi().useHandle(handle -> {
            for (long id = 1; id <= FOLDERS; id++) {
                handle.execute("INSERT INTO mailbox (id, name, address, updated_at) VALUES (?, ?, ?, 0)", id,
                        "box" + id, "box" + id + "@example.org");
            }
        });
        Map<String, MailboxLease> nodes = new LinkedHashMap<>();
        for (String node : List.of("node-a", "node-b", "node-c")) {
            MailboxLease lease = new MailboxLease(database.jdbi(), clock, node);
            lease.expect(FOLDERS);
            for (long mailbox = 1; mailbox <= FOLDERS; mailbox++) {
                lease.watch(mailbox, "INBOX", () -> { });
            }
            nodes.put(node, lease);
        }
        return nodes;
    }

    private static void beat(Iterable<MailboxLease> nodes, MutableClock clock) {
        clock.advance(MailboxLease.BEAT);
        nodes.forEach(MailboxLease::beatOnce);
    }

    /** The folders (mailbox ids) whose lease row names the node, expired or not. */
    private List<Long> heldBy(String node) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT mailbox_id FROM mailbox_folder_lease WHERE node_id = :node ORDER BY mailbox_id")
                .bind("node", node).mapTo(Long.class).list());
    }
}
