package io.followup.schedule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.store.Database;
import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.utils.DBConnectionManager;

/** The chore scheduler leaves nothing of a closed daemon in Quartz's static connection-provider registry. */
class ChoreSchedulerIT {

    @TempDir
    Path base;

    @Test
    void aClosedSchedulerNoLongerHandsOutConnectionsOfItsPool() throws Exception {
        try (TestDatabase testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
             Database database = testDatabase.open()) {
            database.migrate();
            ChoreScheduler scheduler = new ChoreScheduler("leak-test", "node-1", false, database.dataSource())
                    .every("nothing", Duration.ofHours(1), () -> 0);
            scheduler.start();
            DBConnectionManager.getInstance().getConnection(ChoreScheduler.providerName("leak-test")).close();

            scheduler.close();

            assertThatThrownBy(() -> DBConnectionManager.getInstance()
                    .getConnection(ChoreScheduler.providerName("leak-test")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("closed");
        }
    }
}
