package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Events appended together (more than one multi-row statement's worth) are all kept, in order, on H2 and MariaDB. */
class EventLogTest {

    @TempDir
    Path base;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void eventsAppendedTogetherAreAllKeptInTheOrderGivenWithTheirNullIds(TestDatabase.Kind kind) {
        EventLog events = new EventLog();
        int count = EventLog.ROWS * 2 + 7;
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        List<EventLog.Entry> entries = IntStream.range(0, count)
                .mapToObj(index -> new EventLog.Entry(at.plusMillis(index), EventLog.Event.of(EventKind.SENT, "cause " + index)
                        .detail(index % 2 == 0 ? null : "detail " + index)))
                .toList();
        try (TestDatabase database = TestDatabase.create(kind, base); Database opened = database.open()) {
            opened.jdbi().useTransaction(handle -> events.appendAll(handle, entries));

            List<EventLog.Recorded> recorded = opened.jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT id, at, event, enrollment_id, outbound_id, cause, detail FROM event_log ORDER BY id")
                    .map((rs, ctx) -> new EventLog.Recorded(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")),
                            rs.getString("event"), null, null, rs.getString("cause"), rs.getString("detail")))
                    .list());

            assertThat(recorded).hasSize(count);
            assertThat(recorded).extracting(EventLog.Recorded::cause)
                    .containsExactlyElementsOf(entries.stream().map(entry -> entry.event().cause()).toList());
            assertThat(recorded.get(count - 1).at()).isEqualTo(at.plusMillis(count - 1));
            assertThat(recorded.get(2).detail()).isNull();
            assertThat(recorded.get(3).detail()).isEqualTo("detail 3");
        }
    }
}
