package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.task.TaskKind;
import io.followup.task.TaskStore;
import io.followup.testing.CliFolder;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code followup tasks ...} and {@code followup keep-in-touch ...} against the embedded database. */
class TasksAndKeepInTouchCommandIT {

    private static final String BOB = "bob@example.org";

    private CliFolder cli;

    @BeforeEach
    void writeConfiguration(@TempDir Path base) {
        cli = CliFolder.at(base).write();
    }

    @Test
    void aCadenceIsSetListedAndCleared() {
        assertThat(cli.run("enroll", "--sequence", "intro", "--email", BOB, "--name", "Bob Brown").code()).isZero();

        CliFolder.Result set = cli.run("keep-in-touch", "set", BOB, "--every", "Monthly");
        assertThat(set.code()).isZero();
        assertThat(set.out()).startsWith(BOB + ": keep in touch monthly; first check-in due ");

        CliFolder.Result list = cli.run("keep-in-touch", "list");
        assertThat(list.out()).startsWith(BOB + "  monthly  next check-in ").contains("last heard from -");

        assertThat(cli.run("keep-in-touch", "clear", BOB).out()).isEqualTo(BOB + ": keep-in-touch cadence cleared\n");
        assertThat(cli.run("keep-in-touch", "clear", BOB).out()).isEqualTo(BOB + ": had no keep-in-touch cadence\n");
        assertThat(cli.run("keep-in-touch", "list").out()).isEqualTo("no keep-in-touch cadences\n");
    }

    @Test
    void aBadPeriodIsAUsageErrorAndAnUnknownContactAFailure() {
        CliFolder.Result badPeriod = cli.run("keep-in-touch", "set", BOB, "--every", "fortnightly");
        assertThat(badPeriod.code()).isEqualTo(2);
        assertThat(badPeriod.err()).startsWith("followup: Invalid value for option '--every': expected weekly,"
                + " monthly, quarterly or a period such as \"45 days\", got \"fortnightly\"");
        assertThat(badPeriod.err().lines()).hasSize(1);

        CliFolder.Result unknown = cli.run("keep-in-touch", "set", "nobody@example.org", "--every", "weekly");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("followup: no contact with address nobody@example.org\n");
    }

    @Test
    void tasksAreListedAndMarkedDone() {
        assertThat(cli.run("enroll", "--sequence", "intro", "--email", BOB, "--name", "Bob Brown").code()).isZero();
        assertThat(cli.run("tasks", "list").out()).isEqualTo("no open tasks\n");
        try (Daemon daemon = cli.openDaemon()) {
            daemon.database().jdbi().useTransaction(handle -> new TaskStore().insert(handle,
                    handle.createQuery("SELECT id FROM contact").mapTo(Long.class).one(), null,
                    TaskKind.CALL, "Call Bob", Instant.parse("2026-03-02T09:00:00Z"),
                    Instant.parse("2026-03-02T09:00:00Z")));
        }

        assertThat(cli.run("tasks", "list").out())
                .isEqualTo("#1  due 2026-03-02 09:00Z  call      Bob Brown <bob@example.org>  Call Bob\n");
        CliFolder.Result done = cli.run("tasks", "done", "#1");
        assertThat(done.code()).isZero();
        assertThat(done.out()).isEqualTo("task #1 done: Call Bob\n");
        assertThat(cli.run("tasks", "list").out()).isEqualTo("no open tasks\n");
        assertThat(cli.run("tasks", "list", "--all").out()).startsWith("#1  due 2026-03-02 09:00Z  call ")
                .contains("[done ");

        CliFolder.Result again = cli.run("tasks", "done", "1");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("followup: task #1 is done already\n");
        CliFolder.Result notANumber = cli.run("tasks", "done", "first");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err()).startsWith("followup: ID: expected a task number such as 12, got \"first\"");
    }
}
