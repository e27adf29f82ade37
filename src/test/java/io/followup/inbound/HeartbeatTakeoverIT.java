package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.store.Database;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestDaemon;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A dead node's leases are taken over by the survivors' heartbeats, without waiting for their watchers to retry: two
 * survivors beating at the same moment take every expired lease whose folder one of their watchers waits for, each
 * at most its share, none twice, and wake exactly the watchers of the folders they got; a folder that no watcher of
 * theirs waits for is left alone, and a live node's lease is never taken.
 */
class HeartbeatTakeoverIT {

    private static final int FOLDERS = 30;

    @DaemonTest
    void survivorsTakeADeadNodesLeasesAtTheirNextHeartbeat(TestDaemon followup) {
        Database database = followup.openDatabase();
        database.jdbi().useHandle(handle -> {
            for (long id = 1; id <= FOLDERS; id++) {
                handle.execute("INSERT INTO mailbox (id, name, address, updated_at) VALUES (?, ?, ?, 0)", id,
                        "box" + id, "box" + id + "@example.org");
            }
        });
        MutableClock clock = followup.clock();
        clock.set(Instant.now());
        Map<String, MailboxLease> nodes = new java.util.LinkedHashMap<>();
        Map<String, Set<Long>> woken = new ConcurrentHashMap<>();
        for (String node : List.of("node-a", "node-b", "node-c")) {
            MailboxLease lease = new MailboxLease(database.jdbi(), clock, node);
            lease.expect(FOLDERS);
            woken.put(node, ConcurrentHashMap.newKeySet());
            for (long mailbox = 1; mailbox <= FOLDERS; mailbox++) {
                long id = mailbox;
                lease.watch(mailbox, "INBOX", () -> woken.get(node).add(id));
            }
            nodes.put(node, lease);
        }
        MailboxLease a = nodes.get("node-a");
        MailboxLease b = nodes.get("node-b");
        MailboxLease c = nodes.get("node-c");
        for (int round = 0; round < 2; round++) { // the second round: every node sees three live nodes
            nodes.values().forEach(MailboxLease::beatOnce);
        }
        for (long mailbox = 1; mailbox <= FOLDERS; mailbox++) {
            for (MailboxLease lease : nodes.values()) {
                lease.acquire(mailbox, "INBOX", MailboxLease.TTL);
            }
        }
        assertThat(holders(database)).hasSize(FOLDERS);
        assertThat(countPerNode(holders(database))).containsEntry("node-a", 10L).containsEntry("node-b", 10L)
                .containsEntry("node-c", 10L);
        Set<Long> ofTheDead = holders(database).entrySet().stream().filter(entry -> entry.getValue().equals("node-c"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        long unwatched = ofTheDead.stream().max(Long::compare).orElseThrow();
        a.unwatch(unwatched, "INBOX");
        b.unwatch(unwatched, "INBOX");

        // node-c dies: it beats no more; a and b beat every 3 s, on the same clock ticks
        for (int tick = 0; tick < 5; tick++) {
            clock.advance(MailboxLease.BEAT);
            a.beatOnce();
            b.beatOnce();
            // until the dead node's leases expire nobody takes them (nor any other lease)
            assertThat(woken.get("node-a")).isEmpty();
            assertThat(woken.get("node-b")).isEmpty();
            assertThat(countPerNode(holders(database))).containsEntry("node-c", 10L);
        }
        assertThat(c.holder(unwatched, "INBOX")).contains("node-c");
        clock.advance(MailboxLease.BEAT);
        assertThat(c.holder(unwatched, "INBOX")).isEmpty(); // expired now, and node-c no longer seen live
        CompletableFuture<Void> beatA = CompletableFuture.runAsync(a::beatOnce);
        CompletableFuture<Void> beatB = CompletableFuture.runAsync(b::beatOnce);
        beatA.join();
        beatB.join();

        Map<Long, String> after = holders(database);
        Set<Long> takenByA = taken(after, ofTheDead, "node-a");
        Set<Long> takenByB = taken(after, ofTheDead, "node-b");
        assertThat(after.get(unwatched)).isEqualTo("node-c"); // no watcher of a or b waits for it
        Set<Long> watchedOfTheDead = new HashSet<>(ofTheDead);
        watchedOfTheDead.remove(unwatched);
        assertThat(union(takenByA, takenByB)).isEqualTo(watchedOfTheDead);
        assertThat(woken.get("node-a")).isEqualTo(takenByA);
        assertThat(woken.get("node-b")).isEqualTo(takenByB);
        assertThat(countPerNode(after).get("node-a")).isLessThanOrEqualTo(15L); // the share of two live nodes
        assertThat(countPerNode(after).get("node-b")).isLessThanOrEqualTo(15L);
        for (long mailbox : takenByA) {
            assertThat(a.acquire(mailbox, "INBOX", MailboxLease.TTL)).isTrue();
            assertThat(b.acquire(mailbox, "INBOX", MailboxLease.TTL)).isFalse();
            assertThat(a.holder(mailbox, "INBOX")).contains("node-a");
        }
        for (long mailbox : takenByB) {
            assertThat(b.acquire(mailbox, "INBOX", MailboxLease.TTL)).isTrue();
            assertThat(a.acquire(mailbox, "INBOX", MailboxLease.TTL)).isFalse();
        }
        // the next heartbeats keep what was taken and take nothing more
        clock.advance(MailboxLease.BEAT);
        a.beatOnce();
        b.beatOnce();
        assertThat(holders(database)).isEqualTo(after);
        assertThat(woken.get("node-a")).isEqualTo(takenByA);
        assertThat(woken.get("node-b")).isEqualTo(takenByB);
    }

    /** Who holds each folder's lease row (expired or not), by mailbox id. */
    private static Map<Long, String> holders(Database database) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT mailbox_id, node_id FROM mailbox_folder_lease WHERE folder = 'INBOX'")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, Long> countPerNode(Map<Long, String> holders) {
        return holders.values().stream().collect(Collectors.groupingBy(node -> node, Collectors.counting()));
    }

    private static Set<Long> taken(Map<Long, String> holders, Set<Long> ofTheDead, String node) {
        return ofTheDead.stream().filter(mailbox -> node.equals(holders.get(mailbox))).collect(Collectors.toSet());
    }

    private static Set<Long> union(Set<Long> one, Set<Long> other) {
        Set<Long> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }
}
