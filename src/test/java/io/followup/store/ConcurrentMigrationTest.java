package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pools migrating one embedded database at the same moment on the one H2 engine that owns the file, as a daemon
 * and a command did through the old AUTO_SERVER and as a command the daemon runs for its socket does now: every
 * migration is applied and recorded once.
 */
class ConcurrentMigrationTest {

    @TempDir
    Path dataDir;

    @Test
    void twoConcurrentMigrationsOfOneEmbeddedDatabaseApplyEachVersionOnce() throws Exception {
        String url = Database.embeddedUrl(dataDir);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (Database first = Database.open(url, "sa", "", 2); Database second = Database.open(url, "sa", "", 2)) {
            for (Database database : List.of(first, second)) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return "applied " + database.migrate();
                    } catch (RuntimeException e) {
                        return "failed: " + e.getMessage();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            List<String> versions = first.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL")
                    .mapTo(String.class).list());
            assertThat(outcomes).as("both finish").allMatch(outcome -> outcome.startsWith("applied"));
            assertThat(versions).as(outcomes.toString()).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }
}
