package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Counts by the stored value of an enum column, on H2 and MariaDB: every constant, none of the unknown values. */
class GroupCountsTest {

    @TempDir
    Path base;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void everyConstantIsCountedZeroWhenAbsentAndAValueNoConstantStoresIsLeftOut(TestDatabase.Kind kind) {
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        List<EventLog.Entry> entries = List.of(new EventLog.Entry(at, EventLog.Event.of(EventKind.SENT, "a")),
                new EventLog.Entry(at, EventLog.Event.of(EventKind.SENT, "b")),
                new EventLog.Entry(at, EventLog.Event.of(EventKind.REPLY, "c")));
        try (TestDatabase database = TestDatabase.create(kind, base); Database opened = database.open()) {
            Map<EventKind, Long> counts = opened.jdbi().inTransaction(handle -> {
                new EventLog().appendAll(handle, entries);
                handle.createUpdate("INSERT INTO event_log (at, event, cause) VALUES (:at, 'no_such_kind', 'd')")
                        .bind("at", at.toEpochMilli()).execute();
                return GroupCounts.of(handle, "SELECT event, COUNT(*) FROM event_log GROUP BY event",
                        EventKind.class, EventKind::text);
            });

            assertThat(counts).hasSize(EventKind.values().length);
            assertThat(counts.get(EventKind.SENT)).isEqualTo(2L);
            assertThat(counts.get(EventKind.REPLY)).isEqualTo(1L);
            assertThat(counts.get(EventKind.BOUNCE)).isZero();
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3L);
        }
    }
}
