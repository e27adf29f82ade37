package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.CliFolder;
import io.followup.testing.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db backup FILE} then {@code db restore FILE} on the embedded database gives back the same data. */
class DbBackupCommandTest {

    @TempDir
    Path base;

    @Test
    void backupThenRestoreGivesBackTheSameData() {
        TestConfigs.writeTemplates(base.resolve("templates"));
        TestConfigs.write(base.resolve("config/sequences/intro.yaml"), CliFolder.ONE_STEP);
        TestConfigs.write(base.resolve("config/followup.yaml"), CliRun.CONFIG_HEAD.replace("data_dir: data",
                "data_dir: " + base.resolve("data")) + "templates_dir: " + base.resolve("templates")
                + "\nsequences_dir: " + base.resolve("config/sequences") + "\n");
        assertThat(CliRun.run(base, "enroll", "--sequence", "intro", "--email", "ann@example.org",
                "--field", "met_at=the fair").code()).isZero();
        String before = CliRun.run(base, "status", "ann@example.org", "--json").out();
        Path backup = base.resolve("backup.sql");

        CliRun.Result backedUp = CliRun.run(base, "db", "backup", backup.toString());
        assertThat(backedUp.code()).as(backedUp.err()).isZero();
        assertThat(CliRun.run(base, "stop", "--all").code()).isZero();
        assertThat(CliRun.run(base, "enroll", "--sequence", "intro", "--email", "bob@example.org",
                "--field", "met_at=the fair").code()).isZero();
        CliRun.Result restored = CliRun.run(base, "db", "restore", backup.toString());

        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(CliRun.run(base, "status", "ann@example.org", "--json").out()).isEqualTo(before);
        assertThat(CliRun.run(base, "status", "bob@example.org").code()).isEqualTo(1);
        assertThat(CliRun.run(base, "db", "backup", backup.toString()).err()).contains("exists already");
    }
}
