package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A lost INSERT race is told apart from the other integrity violations, on H2 and on MariaDB. */
class UniqueKeyTest {

    @TempDir
    Path base;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aDuplicateKeyIsAViolationAForeignKeyOrNotNullFailureIsNot(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, base); Database opened = database.open()) {
            opened.jdbi().useHandle(handle -> {
                handle.execute("CREATE TABLE uk_parent (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE)");
                handle.execute("CREATE TABLE uk_child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL, "
                        + "FOREIGN KEY (parent_id) REFERENCES uk_parent (id))");
                handle.execute("INSERT INTO uk_parent (id, name) VALUES (1, 'one')");
            });

            Throwable duplicateName = catchThrowable(() -> opened.jdbi().useHandle(handle ->
                    handle.execute("INSERT INTO uk_parent (id, name) VALUES (2, 'one')")));
            Throwable duplicateId = catchThrowable(() -> opened.jdbi().useHandle(handle ->
                    handle.execute("INSERT INTO uk_parent (id, name) VALUES (1, 'two')")));
            Throwable foreignKey = catchThrowable(() -> opened.jdbi().useHandle(handle ->
                    handle.execute("INSERT INTO uk_child (id, parent_id) VALUES (1, 99)")));
            Throwable notNull = catchThrowable(() -> opened.jdbi().useHandle(handle ->
                    handle.execute("INSERT INTO uk_parent (id, name) VALUES (3, NULL)")));

            assertThat(UniqueKey.violated(duplicateName)).isTrue();
            assertThat(UniqueKey.violated(duplicateId)).isTrue();
            assertThat(foreignKey).isNotNull();
            assertThat(UniqueKey.violated(foreignKey)).isFalse();
            assertThat(notNull).isNotNull();
            assertThat(UniqueKey.violated(notNull)).isFalse();
            assertThat(UniqueKey.violated(new IllegalStateException("no SQL at all"))).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void insertedIsFalseForALostRaceAndRethrowsAnyOtherFailure(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, base); Database opened = database.open()) {
            opened.jdbi().useHandle(handle -> handle.execute(
                    "CREATE TABLE uk_race (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL)"));
            String insert = "INSERT INTO uk_race (id, name) VALUES (1, 'one')";

            boolean first = UniqueKey.inserted(() -> opened.jdbi().withHandle(handle -> handle.execute(insert) == 1));
            boolean second = UniqueKey.inserted(() -> opened.jdbi().withHandle(handle -> handle.execute(insert) == 1));
            Throwable notNull = catchThrowable(() -> UniqueKey.inserted(() -> opened.jdbi().withHandle(handle ->
                    handle.execute("INSERT INTO uk_race (id, name) VALUES (2, NULL)") == 1)));

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(notNull).isNotNull();
        }
    }
}
