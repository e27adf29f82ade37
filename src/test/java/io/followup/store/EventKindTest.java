package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.sequence.FirstTouchPlan;
import io.followup.task.Task;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event kinds: the stored values of rows written before the enum, and the migration that named soft stops. */
class EventKindTest {

    @TempDir
    Path dataDir;

    @Test
    void theStoredValueIsTheLowerCaseNameAndReadsBack() {
        assertThat(EventKind.STOPPED.text()).isEqualTo("stopped");
        assertThat(EventKind.SOFT_BOUNCE.text()).isEqualTo("soft_bounce");
        for (EventKind kind : EventKind.values()) {
            assertThat(EventKind.fromText(kind.text())).isEqualTo(kind);
        }
        assertThat(EventKind.find("bounced (soft")).isEmpty();
        assertThatThrownBy(() -> EventKind.fromText("nonsense")).hasMessageContaining("'nonsense'");
    }

    @Test
    void everyTaskOutcomeFirstTouchModeAndGivenUpSentCopyHasAKind() {
        Arrays.stream(Task.Outcome.values()).forEach(outcome -> assertThat(EventKind.of("task_", outcome.db()))
                .isNotNull());
        Arrays.stream(FirstTouchPlan.Mode.values()).forEach(mode -> assertThat(EventKind.of("first_touch_", mode.db()))
                .isNotNull());
        assertThat(List.of(EventKind.of("sent_copy_", "failed"), EventKind.of("sent_copy_", "skipped")))
                .containsExactly(EventKind.SENT_COPY_FAILED, EventKind.SENT_COPY_SKIPPED);
    }

    @Test
    void theMigrationGivesAnOldSoftStopItsKindAndLeavesHardBouncesAlone() {
        try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "", 2)) {
            Flyway.configure().dataSource(database.dataSource())
                    .locations(database.dialect().migrationLocations()).target("27.1").load().migrate();
            database.jdbi().useHandle(handle -> {
                insert(handle, "bounce", 7, "4.2.2 mailbox full");
                insert(handle, "stopped", 7, "bounced (soft, retries exhausted)");
                insert(handle, "bounce", 8, "5.1.1 unknown user");
                insert(handle, "stopped", 8, "bounced");
            });

            database.migrate();

            List<String> events = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT CONCAT(inbound_id, ' ', event) FROM event_log ORDER BY id").mapTo(String.class).list());
            assertThat(events).containsExactly("7 soft_bounce_exhausted", "7 stopped", "8 bounce", "8 stopped");
        }
    }

    private static void insert(org.jdbi.v3.core.Handle handle, String event, long inboundId, String detail) {
        handle.createUpdate("INSERT INTO event_log (at, event, enrollment_id, inbound_id, cause, detail) "
                        + "VALUES (1, :event, 1, :inbound, 'test', :detail)")
                .bind("event", event).bind("inbound", inboundId).bind("detail", detail).execute();
    }
}
