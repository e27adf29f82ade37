package io.followup.inbound;

import io.followup.store.UniqueKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's database leases on the folders of its mailboxes, so that with several daemons on one database exactly
 * one watches each folder (the folders of one mailbox may be watched by different nodes). The holder renews a lease
 * while it watches; another node takes it only once it expired. Leases run on wall-clock time, whatever the business
 * clock does.
 *
 * <p>With a heartbeat ({@link #beat(WatcherThreads)}), the node writes its row in {@code lease_node} every
 * {@link #BEAT} and renews all its leases in one statement, so a lease lasts {@link #TTL} whatever the poll
 * interval, and the nodes split the folders: with {@code live} nodes seen within {@link #TTL} and {@code total}
 * folders, a node takes a free folder only while it holds fewer than {@code share = ceil(total / live)}, and gives one
 * up (for another node to take) while it holds more (at {@code share} it neither takes nor gives: no churn). So no
 * node holds more than its share, and each holds at least {@code total - (live - 1) * share}. A node that stops
 * deletes its row and its leases; one that dies loses them after {@link #TTL}, and the others take them over at
 * their next heartbeat: each takes up to its share of the expired leases of folders its watchers wait for, in one
 * transaction, starting at its own place in the list of expired leases (so that the survivors mostly take different
 * ones), and wakes those watchers. Watchers waiting for a lease also try by themselves every {@link #RETRY} (for a
 * folder nobody leased yet), but not while the last heartbeat saw another node's unexpired lease on it (a thousand
 * waiting watchers would otherwise fail a thousand takes every {@link #RETRY}). {@code total} is the number of
 * folders this node's configuration watches (all nodes are expected to share one configuration).
 * Thread-safe: one instance per node, shared by all its watchers.
 */
public final class MailboxLease {

    private static final Logger log = LoggerFactory.getLogger(MailboxLease.class);
    /** How often a node with a heartbeat writes it and renews all its leases. */
    public static final Duration BEAT = Duration.ofSeconds(3);
    /** How long a lease (and a node's heartbeat) lasts after its last renewal, with a heartbeat. */
    public static final Duration TTL = Duration.ofSeconds(15);
    /** How often a watcher waiting for a lease tries to take it. */
    public static final Duration RETRY = Duration.ofSeconds(3);
    /** Every how many heartbeats one reads every lease row even when nothing says it must (a safety net). */
    static final int WHOLE_READ_EVERY = 10;

    private final Jdbi jdbi;
    private final Clock wallClock;
    private final String nodeId;
    /** The folders this node holds (or is taking). */
    private final Set<FolderKey> held = new HashSet<>();
    /** The folders being taken now (in {@link #held} already, not yet committed). */
    private final Set<FolderKey> taking = new HashSet<>();
    /** Every folder a watcher of this node asked for. */
    private final Set<FolderKey> known = new HashSet<>();
    /** The folders a watcher of this node watches or waits for now, with how to wake it (the heartbeat takes these). */
    private final Map<FolderKey, Runnable> watchers = new HashMap<>();
    /** The folders another node held an unexpired lease on at the last heartbeat, and until when. */
    private Map<FolderKey, Instant> othersUntil = Map.of();
    /** The folders leased (by any node) at the last heartbeat that read every lease row, and how many rows it read. */
    private Set<FolderKey> leased = Set.of();
    private int leaseRows = -1;
    /** Lease rows this node inserted (+) or deleted (-) since that read: the count the next heartbeat expects. */
    private int ownRowChanges;
    private int beatsSinceWholeRead;
    private int lastBeatRows;
    private int expected;
    private int liveNodes = 1;
    /** When the heartbeat last renewed this node's leases and found which it holds (null: not yet). */
    private Instant renewedAt;
    private volatile ScheduledFuture<?> beating;

    public MailboxLease(Jdbi jdbi, Clock wallClock, String nodeId) {
        this.jdbi = jdbi;
        this.wallClock = wallClock;
        this.nodeId = nodeId;
    }

    /**
     * How long a watcher's renewal makes the lease last: {@link #TTL} with a heartbeat (which renews it in between),
     * else three poll intervals (at least ten seconds, so that a loaded machine does not lose it between two renewals).
     */
    public Duration ttl(Duration pollInterval) {
        return beating != null ? TTL : Duration.ofMillis(Math.max(10_000, 3 * pollInterval.toMillis()));
    }

    /** The number of folders every node watches (all nodes share one configuration), before their watchers start. */
    public synchronized void expect(int folders) {
        expected = folders;
    }

    /** Writes the heartbeat now and every {@link #BEAT} on {@code threads}' timer, until {@link #leave()}. */
    public void beat(WatcherThreads threads) {
        beatOnce();
        beating = threads.every(BEAT, () -> {
            try {
                beatOnce();
            } catch (RuntimeException e) {
                log.warn("node {}: cannot write the leases' heartbeat ({})", nodeId, e.getMessage());
            }
        });
    }

    /** Stops the heartbeat and deletes this node's row (its watchers release their leases as they stop). */
    public void leave() {
        ScheduledFuture<?> current = beating;
        if (current != null) {
            current.cancel(false);
        }
        jdbi.useTransaction(handle -> handle.createUpdate("DELETE FROM lease_node WHERE node_id = :node")
                .bind("node", nodeId).execute());
    }

    /**
     * Writes this node's heartbeat, renews its leases, finds the live nodes and who holds which folder, and takes up to
     * this node's share of the expired leases of folders its watchers wait for (waking those watchers).
     */
    void beatOnce() {
        Instant now = wallClock.instant();
        Beat beat = jdbi.inTransaction(handle -> {
            if (handle.createUpdate("UPDATE lease_node SET seen_at = :now WHERE node_id = :node")
                    .bind("now", now).bind("node", nodeId).execute() == 0) {
                UniqueKey.inserted(() -> handle.createUpdate(
                                "INSERT INTO lease_node (node_id, seen_at) VALUES (:node, :now)")
                        .bind("node", nodeId).bind("now", now).execute() == 1);
            }
            int renewed = handle.createUpdate(
                            "UPDATE mailbox_folder_lease SET expires_at = :expires WHERE node_id = :node")
                    .bind("expires", now.plus(TTL)).bind("node", nodeId).execute();
            List<String> nodes = handle.createQuery(
                            "SELECT node_id FROM lease_node WHERE seen_at >= :since ORDER BY node_id")
                    .bind("since", now.minus(TTL)).mapTo(String.class).list();
            int rows = handle.createQuery("SELECT COUNT(*) FROM mailbox_folder_lease").mapTo(Integer.class).one();
            return new Beat(renewed, nodes, rows);
        });
        List<String> live = beat.live();
        boolean whole;
        synchronized (this) {
            whole = mustReadAll(beat, now);
        }
        List<Lease> leases = jdbi.withHandle(handle -> (whole
                ? handle.createQuery("SELECT mailbox_id, folder, node_id, expires_at FROM mailbox_folder_lease")
                : handle.createQuery("""
                        SELECT mailbox_id, folder, node_id, expires_at FROM mailbox_folder_lease
                        WHERE expires_at < :now AND node_id <> :node""").bind("now", now).bind("node", nodeId))
                .map((rs, ctx) -> new Lease(new FolderKey(rs.getLong(1), rs.getString(2)), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)))).list());
        Set<FolderKey> mine = new HashSet<>();
        Map<FolderKey, Instant> others = new HashMap<>();
        List<FolderKey> expired = new ArrayList<>();
        for (Lease lease : leases) {
            if (lease.node().equals(nodeId)) {
                mine.add(lease.key());
            } else if (lease.expires().isBefore(now)) {
                expired.add(lease.key());
            } else {
                others.put(lease.key(), lease.expires());
            }
        }
        List<FolderKey> orphans;
        List<FolderKey> toTake;
        synchronized (this) {
            lastBeatRows = leases.size();
            if (whole) {
                leased = new HashSet<>(mine);
                leased.addAll(others.keySet());
                leased.addAll(expired);
                leaseRows = leases.size();
                ownRowChanges = 0;
                beatsSinceWholeRead = 0;
            } else {
                // no row of ours expired since the last heartbeat (so none was taken), none of ours is missing or
                // extra (the renewal's count), no row was added or deleted (the count): ours are what we hold,
                // and every other folder seen leased and not expired now is another live node's, until at least the
                // next heartbeat
                mine.addAll(held);
                Instant until = now.plus(BEAT);
                for (FolderKey key : leased) {
                    if (!mine.contains(key) && !expired.contains(key)) {
                        others.put(key, until);
                    }
                }
                beatsSinceWholeRead++;
            }
            liveNodes = Math.max(1, live.size());
            othersUntil = others;
            // a lease another node took (ours expired meanwhile) is no longer ours (a take in flight may be missing
            // from "mine" and stays); a row of ours that no watcher holds (a give-up whose DELETE failed) would be
            // renewed by every heartbeat with nobody watching the folder: it is deleted
            held.removeIf(key -> !mine.contains(key) && !taking.contains(key));
            orphans = mine.stream().filter(key -> !held.contains(key)).toList();
            renewedAt = now;
            toTake = chooseExpired(expired, live);
            held.addAll(toTake);
            taking.addAll(toTake);
        }
        for (FolderKey orphan : orphans) {
            log.info("node {}: deleting the lease of {} that no watcher of it holds", nodeId, orphan);
            release(orphan.mailboxId(), orphan.folder());
        }
        if (!toTake.isEmpty()) {
            takeExpired(toTake, now);
        }
    }

    /**
     * Whether this heartbeat must read every lease row (as the first one does) rather than only the expired leases of
     * other nodes: when a lease of ours may have expired since our last renewal (another node may have taken it), a
     * take of ours is in flight, the renewal touched another number of rows than we hold, another node added or
     * deleted rows since the last whole read (the count is not the one then plus our own inserts and deletes: a
     * folder leased for the first time, or released), a folder a watcher of ours waits for was not leased then, or
     * {@link #WHOLE_READ_EVERY} heartbeats went by. A release and an insert by two other nodes between two heartbeats
     * leave the count as it was: then a waiting watcher of the released folder (if it was not the inserted one) waits
     * for the next whole read, at most {@link #WHOLE_READ_EVERY} heartbeats. Called holding the lock.
     */
    private boolean mustReadAll(Beat beat, Instant now) {
        boolean oursMayHaveExpired = renewedAt == null || !renewedAt.plus(TTL).isAfter(now);
        return oursMayHaveExpired || !taking.isEmpty() || beat.renewed() != held.size()
                || beat.rows() != leaseRows + ownRowChanges
                || beatsSinceWholeRead + 1 >= WHOLE_READ_EVERY
                || !watchers.keySet().stream().allMatch(key -> held.contains(key) || leased.contains(key));
    }

    /** The number of lease rows the last heartbeat read (for tests). */
    synchronized int lastBeatRows() {
        return lastBeatRows;
    }

    /** What a heartbeat's transaction found: how many of our leases it renewed, the live nodes, all lease rows. */
    private record Beat(int renewed, List<String> live, int rows) {
    }

    /**
     * Up to this node's share of the {@code expired} leases whose folders a watcher of this node waits for, from this
     * node's place in the list on ({@code live}: the live nodes' ids in order), so that two nodes that take at once
     * start at different folders. Called holding the lock.
     */
    private List<FolderKey> chooseExpired(List<FolderKey> expired, List<String> live) {
        int wanted = share() - held.size();
        if (wanted <= 0 || expired.isEmpty()) {
            return List.of();
        }
        List<FolderKey> waiting = new ArrayList<>(expired.stream()
                .filter(key -> watchers.containsKey(key) && !held.contains(key)).sorted().toList());
        int place = Math.max(0, live.indexOf(nodeId));
        Collections.rotate(waiting, -(int) ((long) waiting.size() * place / Math.max(1, live.size())));
        List<FolderKey> chosen = new ArrayList<>(waiting.subList(0, Math.min(wanted, waiting.size())));
        Collections.sort(chosen); // every node locks the rows in the same order: no deadlock between two takes
        return chosen;
    }

    /**
     * Takes the expired leases {@code keys} (held and taking already) in one transaction, each only if it is still
     * expired (another node may have taken it since it was read), then wakes the watchers of those taken.
     */
    private void takeExpired(List<FolderKey> keys, Instant now) {
        List<FolderKey> taken = new ArrayList<>();
        try {
            int[] counts = jdbi.inTransaction(handle -> {
                var batch = handle.prepareBatch("""
                        UPDATE mailbox_folder_lease SET node_id = :node, expires_at = :expires
                        WHERE mailbox_id = :mailbox AND folder = :folder AND expires_at < :now""");
                for (FolderKey key : keys) {
                    batch.bind("node", nodeId).bind("expires", now.plus(TTL))
                            .bind("mailbox", key.mailboxId())
                            .bind("folder", key.folder()).bind("now", now).add();
                }
                return batch.execute();
            });
            for (int i = 0; i < keys.size(); i++) {
                if (counts[i] > 0) {
                    taken.add(keys.get(i));
                }
            }
        } finally {
            List<Runnable> wake = new ArrayList<>();
            synchronized (this) {
                taking.removeAll(keys);
                for (FolderKey key : keys) {
                    if (!taken.contains(key)) {
                        held.remove(key);
                    } else if (watchers.containsKey(key)) {
                        wake.add(watchers.get(key));
                    }
                }
            }
            if (!taken.isEmpty()) {
                log.info("node {}: took {} expired folder lease(s) over ({} live node(s))", nodeId, taken.size(),
                        liveNodes);
            }
            wake.forEach(Runnable::run);
        }
    }

    /**
     * A watcher of this node watches the folder or waits for its lease: the heartbeat may take its expired lease
     * and then calls {@code wake} (which must not block). Until {@link #unwatch}.
     */
    public synchronized void watch(long mailboxId, String folder, Runnable wake) {
        watchers.put(new FolderKey(mailboxId, folder), wake);
    }

    /** The watcher of the folder stops (before it releases the lease): the heartbeat no longer takes its lease. */
    public synchronized void unwatch(long mailboxId, String folder) {
        watchers.remove(new FolderKey(mailboxId, folder));
    }

    /** One row of {@code mailbox_folder_lease}. */
    private record Lease(FolderKey key, String node, Instant expires) {
    }

    /**
     * Takes or renews the lease for {@code ttl}; false when another node holds a lease that has not expired, when this
     * node holds its share already (it does not take it), or holds more than its share (it gives this one up).
     */
    public boolean acquire(long mailboxId, String folder, Duration ttl) {
        FolderKey key = new FolderKey(mailboxId, folder);
        boolean renewing;
        synchronized (this) {
            known.add(key);
            if (taking.contains(key)) {
                return false; // the heartbeat is taking it now, and wakes the watcher if it gets it
            }
            int share = share();
            renewing = held.contains(key);
            if (renewing && held.size() > share) {
                held.remove(key);
                log.info("node {}: holds {} folder leases, more than its share of {} ({} live node(s)); giving up "
                        + "{}", nodeId, held.size() + 1, share, liveNodes, key);
                release(mailboxId, folder);
                return false;
            }
            if (!renewing && held.size() >= share) {
                return false;
            }
            Instant othersLease = othersUntil.get(key);
            if (!renewing && othersLease != null && !othersLease.isBefore(wallClock.instant())) {
                return false; // another node's lease, unexpired still: no take to try before the next heartbeat
            }
            if (renewing && renewedAt != null && renewedAt.plus(TTL.minus(BEAT)).isAfter(wallClock.instant())) {
                return true; // renewed by the heartbeat, which just found it ours
            }
            held.add(key);
            taking.add(key);
        }
        boolean holds = false;
        try {
            holds = take(mailboxId, folder, ttl);
            return holds;
        } finally {
            synchronized (this) {
                taking.remove(key);
                if (!holds) {
                    held.remove(key);
                }
            }
        }
    }

    /** The number of folders this node takes: all of them alone, an even part of them with others. */
    private int share() {
        int total = Math.max(expected, known.size());
        return Math.max(1, (total + liveNodes - 1) / liveNodes);
    }

    private boolean take(long mailboxId, String folder, Duration ttl) {
        Instant now = wallClock.instant();
        Instant expires = now.plus(ttl);
        boolean renewed = jdbi.inTransaction(handle -> handle.createUpdate("""
                UPDATE mailbox_folder_lease SET node_id = :node, expires_at = :expires
                WHERE mailbox_id = :mailbox AND folder = :folder AND (node_id = :node OR expires_at < :now)""")
                .bind("node", nodeId).bind("expires", expires).bind("mailbox", mailboxId).bind("folder", folder)
                .bind("now", now).execute() == 1);
        if (renewed) {
            return true;
        }
        // false too when another node inserted the lease between our look and our INSERT
        boolean inserted = UniqueKey.inserted(() -> jdbi.inTransaction(handle -> {
                boolean exists = handle.createQuery("""
                                SELECT COUNT(*) FROM mailbox_folder_lease WHERE mailbox_id = :mailbox
                                AND folder = :folder""")
                        .bind("mailbox", mailboxId).bind("folder", folder).mapTo(Integer.class).one() > 0;
                if (exists) {
                    return false;
                }
                handle.createUpdate("""
                        INSERT INTO mailbox_folder_lease (mailbox_id, folder, node_id, expires_at)
                        VALUES (:mailbox, :folder, :node, :expires)""")
                        .bind("mailbox", mailboxId).bind("folder", folder).bind("node", nodeId)
                        .bind("expires", expires).execute();
                return true;
            }));
        if (inserted) {
            countOwn(1);
        }
        return inserted;
    }

    /** Gives the lease up (when this node stops watching the folder), so another node can take over at once. */
    public void release(long mailboxId, String folder) {
        synchronized (this) {
            held.remove(new FolderKey(mailboxId, folder));
        }
        int deleted = jdbi.inTransaction(handle -> handle.createUpdate("""
                        DELETE FROM mailbox_folder_lease WHERE mailbox_id = :mailbox AND folder = :folder
                        AND node_id = :node""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("node", nodeId).execute());
        countOwn(-deleted);
    }

    /** Counts rows this node inserted or deleted, for the next heartbeat. */
    private synchronized void countOwn(int rows) {
        ownRowChanges += rows;
    }

    /** The node holding an unexpired lease on the folder, if any. */
    public Optional<String> holder(long mailboxId, String folder) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT node_id FROM mailbox_folder_lease WHERE mailbox_id = :mailbox AND folder = :folder
                        AND expires_at >= :now""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("now", wallClock.instant())
                .mapTo(String.class).findOne());
    }

    /** The number of unexpired leases each node holds, by node id (for the split across nodes). */
    public List<java.util.Map.Entry<String, Integer>> perNode() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT node_id, COUNT(*) FROM mailbox_folder_lease WHERE expires_at >= :now
                        GROUP BY node_id ORDER BY node_id""")
                .bind("now", wallClock.instant())
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getInt(2))).list());
    }
}
