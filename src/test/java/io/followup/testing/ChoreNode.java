package io.followup.testing;

import io.followup.schedule.ChoreScheduler;
import io.followup.store.Database;
import java.time.Duration;

/**
 * One node of a clustered chore scheduler, as a child JVM for {@code ClusteredSchedulerIT}: a {@link ChoreScheduler}
 * {@code clustered: true} named {@value #SCHEDULER} on the MariaDB at {@code args[0]}, instance {@code args[1]},
 * with one chore "probe" every {@code args[2]} ms that records each run in the table {@code chore_probe} (node, the
 * firing's number from Quartz's {@code TIMES_TRIGGERED}, start and end in epoch millis) and lasts {@code args[3]} ms.
 * It also runs a per-node chore ({@link ChoreScheduler#everyOnEachNode}) "node-probe" every 100 ms that records
 * each run, lasting {@code args[3]} ms too, in {@code node_probe} (node, start and end).
 * Prints "chore node ID running" once started; runs until killed.
 */
public final class ChoreNode {

    public static final String SCHEDULER = "cluster-it";

    private ChoreNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        String node = args[1];
        long runMillis = Long.parseLong(args[3]);
        Database database = Database.open(args[0], null, null, 3);
        new ChoreScheduler(SCHEDULER, node, true, database.dataSource())
                .every("probe", Duration.ofMillis(Long.parseLong(args[2])), () -> probe(database, node, runMillis))
                .everyOnEachNode("node-probe", Duration.ofMillis(100), () -> nodeProbe(database, node, runMillis))
                .start();
        System.out.println("chore node " + node + " running");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static int nodeProbe(Database database, String node, long runMillis) {
        long id = database.jdbi().withHandle(handle -> handle.createUpdate(
                        "INSERT INTO node_probe (node, started_at) VALUES (:node, :now)")
                .bind("node", node).bind("now", System.currentTimeMillis())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        pause(runMillis);
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE node_probe SET ended_at = :now WHERE id = :id")
                .bind("now", System.currentTimeMillis()).bind("id", id).execute());
        return 1;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int probe(Database database, String node, long runMillis) {
        long id = database.jdbi().withHandle(handle -> {
            long firing = handle.createQuery("""
                    SELECT TIMES_TRIGGERED FROM QRTZ_SIMPLE_TRIGGERS
                    WHERE SCHED_NAME = :scheduler AND TRIGGER_NAME = 'probe'""")
                    .bind("scheduler", SCHEDULER).mapTo(Long.class).one();
            return handle.createUpdate("INSERT INTO chore_probe (node, firing, started_at) VALUES (:node, :firing, :now)")
                    .bind("node", node).bind("firing", firing).bind("now", System.currentTimeMillis())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        pause(runMillis);
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE chore_probe SET ended_at = :now WHERE id = :id")
                .bind("now", System.currentTimeMillis()).bind("id", id).execute());
        return 1;
    }
}
