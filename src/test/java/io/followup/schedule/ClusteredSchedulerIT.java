package io.followup.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.store.Database;
import io.followup.testing.ChoreNode;
import io.followup.testing.DaemonProcess;
import io.followup.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two chore schedulers with {@code clustered: true} on one MariaDB, each in its own JVM ({@link ChoreNode}): every
 * firing of a chore runs exactly once, on one node, never on both and never two runs at once; when the node running
 * a chore is killed with {@code kill -9}, the other node recovers its triggers and runs the chore again. Skipped
 * without {@code FOLLOWUP_TEST_MARIADB_URL} (a clustered scheduler needs MariaDB).
 */
class ClusteredSchedulerIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path base;

    private final List<Process> nodes = new ArrayList<>();
    private TestDatabase testDatabase;
    private Database database;

    @AfterEach
    void tearDown() {
        nodes.forEach(Process::destroyForcibly);
        if (database != null) {
            database.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void eachFiringRunsOnceOnOneNodeAndADeadNodesTriggersAreRecovered() throws Exception {
        Assumptions.assumeTrue(TestDatabase.kinds().anyMatch(kind -> kind == TestDatabase.Kind.MARIADB),
                TestDatabase.MARIADB_URL_VARIABLE + " is not set: a clustered scheduler needs MariaDB; skipped");
        testDatabase = TestDatabase.create(TestDatabase.Kind.MARIADB, base);
        database = testDatabase.open();
        database.migrate();
        database.jdbi().useHandle(handle -> handle.execute("""
                CREATE TABLE chore_probe (id BIGINT AUTO_INCREMENT PRIMARY KEY, node VARCHAR(20) NOT NULL,
                    firing BIGINT NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT)"""));
        database.jdbi().useHandle(handle -> handle.execute("""
                CREATE TABLE node_probe (id BIGINT AUTO_INCREMENT PRIMARY KEY, node VARCHAR(20) NOT NULL,
                    started_at BIGINT NOT NULL, ended_at BIGINT)"""));
        start("node-a");
        start("node-b");
        // every node (re)schedules the chores when it starts, which restarts Quartz's firing count: count from here
        long bothRunning = System.currentTimeMillis();

        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM chore_probe WHERE ended_at IS NOT NULL "
                + "AND started_at > " + bothRunning) >= 8);
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM chore_probe WHERE ended_at IS NULL") == 1);
        String running = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT node FROM chore_probe WHERE ended_at IS NULL").mapTo(String.class).one());
        long killedAt = System.currentTimeMillis();
        Process victim = nodes.get(running.equals("node-a") ? 0 : 1);
        victim.destroyForcibly().waitFor();
        String survivor = running.equals("node-a") ? "node-b" : "node-a";

        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM chore_probe WHERE node = '" + survivor
                + "' AND started_at > " + killedAt + " AND ended_at IS NOT NULL") >= 2);
        long recoveredAt = count("SELECT MIN(started_at) FROM chore_probe WHERE started_at > " + killedAt);
        long nodeChoreAfterKill = count("SELECT MIN(started_at) FROM node_probe WHERE node = '" + survivor
                + "' AND started_at > " + killedAt);
        System.out.printf("per-node chore: %s ran it again %.1f s after the kill%n", survivor,
                (nodeChoreAfterKill - killedAt) / 1000.0);
        assertThat(nodeChoreAfterKill - killedAt).as("a per-node chore does not wait for the cluster to notice a "
                + "dead node").isLessThan(3_000);
        assertThat(count("SELECT COUNT(*) FROM node_probe a JOIN node_probe b ON a.node < b.node "
                + "AND a.started_at < b.ended_at AND b.started_at < a.ended_at")).as("both nodes ran the per-node "
                + "chore at the same time").isPositive();
        System.out.printf("clustered scheduler: %s killed while running the chore; %s ran it again after %.1f s%n",
                running, survivor, (recoveredAt - killedAt) / 1000.0);

        assertThat(count("SELECT COUNT(*) FROM (SELECT firing FROM chore_probe WHERE started_at > " + bothRunning
                + " GROUP BY firing HAVING COUNT(*) > 1) twice")).as("a firing that ran twice").isZero();
        List<Map<String, Object>> runs = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT node, started_at, ended_at FROM chore_probe ORDER BY started_at, id").mapToMap().list());
        for (int i = 1; i < runs.size(); i++) {
            Object previousEnd = runs.get(i - 1).get("ended_at");
            if (previousEnd != null) {
                assertThat(((Number) runs.get(i).get("started_at")).longValue()).as("run %d started before run %d "
                        + "ended: %s", i, i - 1, runs).isGreaterThanOrEqualTo(((Number) previousEnd).longValue());
            }
        }
        assertThat(runs.stream().filter(run -> run.get("ended_at") == null)).as("only the killed run is unfinished")
                .hasSizeLessThanOrEqualTo(2).allSatisfy(run -> assertThat(run.get("node")).isEqualTo(running));
    }

    private void start(String node) throws IOException {
        Path log = base.resolve(node + ".log");
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", DaemonProcess.classpath(),
                ChoreNode.class.getName(), testDatabase.url(), node, "500", "300"));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        nodes.add(process);
        await().atMost(PATIENCE).until(() -> !process.isAlive() || Files.readString(log).contains("chore node "
                + node + " running"));
        assertThat(process.isAlive()).as(() -> node + " exited: " + read(log)).isTrue();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
