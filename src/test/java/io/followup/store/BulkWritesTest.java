package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#withBulkWrites}: H2's write delay is raised only around the work, and only on a file of its own. */
class BulkWritesTest {

    @TempDir
    Path dataDir;

    private static String writeDelay(Database database) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")
                .mapTo(String.class).one());
    }

    @Test
    void anEmbeddedDatabaseDelaysItsWritesDuringTheWorkAndStoresEverythingAfterIt() {
        try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "", 2)) {
            assertThat(writeDelay(database)).isEqualTo("0");

            String during = database.withBulkWrites(() -> {
                database.jdbi().useHandle(handle -> handle.execute("CREATE TABLE t (id INT PRIMARY KEY)"));
                database.jdbi().useHandle(handle -> handle.execute("INSERT INTO t VALUES (1)"));
                return writeDelay(database);
            });

            assertThat(during).isEqualTo("500");
            assertThat(writeDelay(database)).isEqualTo("0");
        }
        try (Database reopened = Database.open(Database.embeddedUrl(dataDir), "sa", "", 2)) {
            int rows = reopened.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM t")
                    .mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void aFailingWorkSetsTheDelayBackToZero() {
        try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "", 2)) {
            assertThatThrownBy(() -> database.withBulkWrites(() -> {
                throw new IllegalStateException("import failed");
            })).hasMessage("import failed");

            assertThat(writeDelay(database)).isEqualTo("0");
        }
    }

    @Test
    void aDatabaseOtherProcessesMayOpenKeepsItsWritesImmediate() {
        String shared = "jdbc:h2:file:" + dataDir.resolve("shared") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        try (Database database = Database.open(shared, "sa", "", 2)) {
            assertThat(database.withBulkWrites(() -> writeDelay(database))).isEqualTo("0");
        }
    }

    @Test
    void aBorrowedDatabaseKeepsItsWritesImmediateForItsLenderWritesMeanwhile() {
        try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "", 2)) {
            Database borrowed = database.borrowed();

            assertThat(borrowed.withBulkWrites(() -> writeDelay(borrowed))).isEqualTo("0");
            assertThat(writeDelay(database)).isEqualTo("0");
        }
    }
}
