package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MultiRow#insert}: values and NULLs bound by position; one bad row fails the statement, nothing of it stays.
 * {@link MultiRow#insertReturning}: the id and key of every inserted row, the same as stored.
 */
class MultiRowTest {

    private static final List<String> COLUMNS = List.of("id", "at", "event", "enrollment_id", "cause", "detail");
    private static final int[] TYPES = {Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.BIGINT, Types.VARCHAR,
        Types.VARCHAR};

    @TempDir
    Path base;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void rowsAreWrittenByPositionWithTheirNullsAndADuplicateKeyFailsTheWholeStatement(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, base); Database opened = database.open()) {
            int written = opened.jdbi().inTransaction(handle -> MultiRow.insert(handle, "event_log", COLUMNS, TYPES,
                    List.of(new Object[] {10L, 1000L, "sent", 7L, "first", null},
                            new Object[] {11L, 2000L, "queued", null, "second", "a detail"})));

            assertThat(written).isEqualTo(2);
            List<String> rows = opened.jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT CONCAT(id, '/', at, '/', event, '/', COALESCE(enrollment_id, -1), '/', cause, '/', "
                                    + "COALESCE(detail, '-')) FROM event_log ORDER BY id")
                    .mapTo(String.class).list());
            assertThat(rows).containsExactly("10/1000/sent/7/first/-", "11/2000/queued/-1/second/a detail");

            assertThatThrownBy(() -> opened.jdbi().useTransaction(handle -> MultiRow.insert(handle, "event_log",
                    COLUMNS, TYPES, List.of(new Object[] {12L, 3000L, "sent", null, "new", null},
                            new Object[] {10L, 3000L, "sent", null, "taken id", null}))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("event_log")
                    .satisfies(failure -> assertThat(UniqueKey.violated(failure)).isTrue());
            int kept = opened.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM event_log")
                    .mapTo(Integer.class).one());
            assertThat(kept).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void anInsertReturnsTheGeneratedIdOfEveryRowWithItsKeyAndAFailedOneReturnsNothing(TestDatabase.Kind kind) {
        List<String> columns = COLUMNS.subList(1, COLUMNS.size());
        int[] types = java.util.Arrays.copyOfRange(TYPES, 1, TYPES.length);
        try (TestDatabase database = TestDatabase.create(kind, base); Database opened = database.open()) {
            opened.jdbi().useTransaction(handle -> MultiRow.insert(handle, "event_log", columns, types,
                    List.<Object[]>of(new Object[] {500L, "sent", null, "before", null})));
            List<Object[]> rows = new java.util.ArrayList<>();
            for (int row = 0; row < 250; row++) {
                rows.add(new Object[] {1000L + row, "queued", row % 2 == 0 ? null : (long) row, "key" + row, null});
            }

            List<Object[]> returned = opened.jdbi().inTransaction(handle -> MultiRow.insertReturning(handle,
                    "event_log", columns, types, rows, "id", "cause"));

            java.util.Map<String, Long> stored = new java.util.HashMap<>();
            opened.jdbi().useHandle(handle -> handle.createQuery("SELECT id, cause FROM event_log WHERE cause LIKE 'key%'")
                    .map((rs, ctx) -> stored.put(rs.getString("cause"), rs.getLong("id"))).list());
            assertThat(stored).hasSize(250);
            java.util.Map<String, Long> byKey = new java.util.HashMap<>();
            returned.forEach(row -> byKey.put((String) row[1], ((Number) row[0]).longValue()));
            assertThat(returned).hasSize(250);
            assertThat(byKey).isEqualTo(stored);

            long taken = stored.get("key7");
            assertThatThrownBy(() -> opened.jdbi().useTransaction(handle -> MultiRow.insertReturning(handle,
                    "event_log", COLUMNS, TYPES, List.of(new Object[] {null, 3000L, "sent", null, "new", null},
                            new Object[] {taken, 3000L, "sent", null, "taken id", null}), "id", "cause")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("event_log")
                    .satisfies(failure -> assertThat(UniqueKey.violated(failure)).isTrue());
            int kept = opened.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM event_log")
                    .mapTo(Integer.class).one());
            assertThat(kept).isEqualTo(251);
        }
    }
}
