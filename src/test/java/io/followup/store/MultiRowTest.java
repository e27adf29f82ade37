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

/** {@link MultiRow#insert}: values and NULLs bound by position; one bad row fails the statement, nothing of it stays. */
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
}
