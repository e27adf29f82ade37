package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.ConfigLoader;
import io.followup.sequence.EscalationDefinition;
import io.followup.task.TaskStore;
import io.followup.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code followup tasks ...} and {@code followup keep-in-touch ...} against the embedded database. */
class TasksAndKeepInTouchCommandIT {

    private static final String BOB = "bob@example.org";

    @TempDir
    Path base;

    private Path config;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void writeConfiguration() {
        TestConfigs.writeTemplates(base.resolve("templates"));
        TestConfigs.write(base.resolve("config/sequences/intro.yaml"), """
                name: intro
                steps:
                  - template: intro/first
                    wait: 0
                """);
        config = base.resolve("config/followup.yaml");
        TestConfigs.write(config, """
                node_id: cli-test
                data_dir: %s
                templates_dir: %s
                sequences_dir: %s
                owners:
                  - name: Olivia Owner
                    email: owner@example.org
                mailboxes:
                  - name: main
                    address: owner@example.org
                    smtp:
                      host: 127.0.0.1
                      port: 2525
                      security: plain
                    imap:
                      host: 127.0.0.1
                      port: 2143
                      security: plain
                """.formatted(base.resolve("data"), base.resolve("templates"), base.resolve("config/sequences")));
    }

    private Result run(String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(withConfig, new PrintWriter(out), new PrintWriter(err), Map.of("HOSTNAME", "test"));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aCadenceIsSetListedAndCleared() {
        assertThat(run("enroll", "--sequence", "intro", "--email", BOB, "--name", "Bob Brown").code()).isZero();

        Result set = run("keep-in-touch", "set", BOB, "--every", "Monthly");
        assertThat(set.code()).isZero();
        assertThat(set.out()).startsWith(BOB + ": keep in touch monthly; first check-in due ");

        Result list = run("keep-in-touch", "list");
        assertThat(list.out()).startsWith(BOB + "  monthly  next check-in ").contains("last heard from -");

        assertThat(run("keep-in-touch", "clear", BOB).out()).isEqualTo(BOB + ": keep-in-touch cadence cleared\n");
        assertThat(run("keep-in-touch", "clear", BOB).out()).isEqualTo(BOB + ": had no keep-in-touch cadence\n");
        assertThat(run("keep-in-touch", "list").out()).isEqualTo("no keep-in-touch cadences\n");
    }

    @Test
    void aBadPeriodIsAUsageErrorAndAnUnknownContactAFailure() {
        Result badPeriod = run("keep-in-touch", "set", BOB, "--every", "fortnightly");
        assertThat(badPeriod.code()).isEqualTo(2);
        assertThat(badPeriod.err()).startsWith("followup: Invalid value for option '--every': expected weekly,"
                + " monthly, quarterly or a period such as \"45 days\", got \"fortnightly\"");
        assertThat(badPeriod.err().lines()).hasSize(1);

        Result unknown = run("keep-in-touch", "set", "nobody@example.org", "--every", "weekly");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("followup: no contact with address nobody@example.org\n");
    }

    @Test
    void tasksAreListedAndMarkedDone() {
        assertThat(run("enroll", "--sequence", "intro", "--email", BOB, "--name", "Bob Brown").code()).isZero();
        assertThat(run("tasks", "list").out()).isEqualTo("no open tasks\n");
        try (Daemon daemon = Daemon.open(new ConfigLoader(base, Map.of()).load(config), Clock.systemUTC())) {
            daemon.database().jdbi().useTransaction(handle -> new TaskStore().insert(handle,
                    handle.createQuery("SELECT id FROM contact").mapTo(Long.class).one(), null,
                    EscalationDefinition.TaskKind.CALL, "Call Bob", Instant.parse("2026-03-02T09:00:00Z"),
                    Instant.parse("2026-03-02T09:00:00Z")));
        }

        assertThat(run("tasks", "list").out())
                .isEqualTo("#1  due 2026-03-02 09:00Z  call      Bob Brown <bob@example.org>  Call Bob\n");
        Result done = run("tasks", "done", "#1");
        assertThat(done.code()).isZero();
        assertThat(done.out()).isEqualTo("task #1 done: Call Bob\n");
        assertThat(run("tasks", "list").out()).isEqualTo("no open tasks\n");
        assertThat(run("tasks", "list", "--all").out()).startsWith("#1  due 2026-03-02 09:00Z  call ")
                .contains("[done ");

        Result again = run("tasks", "done", "1");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("followup: task #1 is done already\n");
        Result notANumber = run("tasks", "done", "first");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err()).startsWith("followup: ID: expected a task number such as 12, got \"first\"");
    }
}
