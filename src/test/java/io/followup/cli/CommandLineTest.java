package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.CliFolder;
import io.followup.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line contract: --help everywhere, one-line errors, exit codes. */
class CommandLineTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("FOLLOWUP_SMTP_PASSWORD", "s3cret-smtp-value");

    @TempDir
    Path base;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), ENVIRONMENT);
        return new Result(code, out.toString(), err.toString());
    }

    private Path config(String smtpPort) {
        TestConfigs.writeTemplates(base.resolve("templates"));
        TestConfigs.write(base.resolve("sequences/intro.yaml"), CliFolder.THREE_STEPS);
        Path file = base.resolve("followup.yaml");
        TestConfigs.write(file, """
                data_dir: %s
                templates_dir: %s
                sequences_dir: %s
                owners:
                  - name: Olivia Owner
                    email: owner@followup.test
                mailboxes:
                  - name: main
                    address: owner@followup.test
                    smtp:
                      host: 127.0.0.1
                      port: %s
                      security: plain
                      username: owner@followup.test
                      password: {env: FOLLOWUP_SMTP_PASSWORD}
                    imap:
                      host: 127.0.0.1
                      port: 3143
                      security: plain
                """.formatted(base.resolve("data"), base.resolve("templates"), base.resolve("sequences"), smtpPort));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "demo", "enroll", "sequences", "db", "db migrate", "db status"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        Result result = run(args);
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate --help", "frobnicate", "db frobnicate --help"})
    void anUnknownCommandIsAUsageErrorEvenWithHelp(String command) {
        Result result = run(command.split(" "));

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("frobnicate");
        assertThat(result.out()).doesNotContain("Usage:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pause", "resume", "stop", "status", "drafts list"})
    void helpListsEachOptionOnce(String command) {
        String[] args = (command + " --help").split(" ");
        Result result = run(args);

        assertThat(result.code()).isZero();
        for (String option : List.of("--config", "--enrollment", "--help")) {
            long lines = result.out().lines().filter(line -> line.contains(option + "=") || line.contains(option + " ")
                    || line.endsWith(option)).filter(line -> line.strip().startsWith("-")
                    || line.strip().startsWith(option) || line.contains(", " + option)).count();
            assertThat(lines).as(option + " in:%n%s", result.out()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aWrongConfigValueIsOneLineNamingFileLineAndKeyWithANonZeroExit() {
        Path file = config("99999");
        Result result = run("sequences", "--config", file.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("followup: ").contains("followup.yaml:12:")
                .contains("mailboxes[0].smtp.port").contains("99999").doesNotContain("s3cret-smtp-value");
    }

    @Test
    void aBrokenConfigFileIsOneLineWithANonZeroExit() {
        Path file = base.resolve("broken.yaml");
        TestConfigs.write(file, "owners: [\n  - name: x\n mailboxes: {");
        Result result = run("run", "--config", file.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("broken.yaml:");
    }

    @Test
    void aMissingConfigFileIsOneLine() {
        Result result = run("run", "--config", base.resolve("nope.yaml").toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("nope.yaml");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLine() {
        Result result = run("enroll", "--sequense", "intro");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("--sequense").contains("followup enroll --help");
    }

    @Test
    void sequencesListsTheConfiguredNames() {
        Result result = run("sequences", "--config", config("2525").toString());
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).containsExactly("intro");
    }

    @Test
    void enrollCreatesTheEnrollmentAndRefusesASecondOne() {
        String configFile = config("2525").toString();
        Result first = run("enroll", "--config", configFile, "--sequence", "intro", "--email", "Maya@Example.org",
                "--name", "Maya Patel", "--field", "met_at=the Lisbon meetup");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("enrolled Maya@Example.org in intro (enrollment #1); step 1 due ");

        Result second = run("enroll", "--config", configFile, "--sequence", "intro", "--email", "maya@example.org");
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err().lines()).hasSize(1);
        assertThat(second.err()).contains("maya@example.org is already enrolled in intro (enrollment #1, active)");
    }

    @Test
    void enrollRejectsABadAddressAndAnUnknownSequence() {
        String configFile = config("2525").toString();
        Result badAddress = run("enroll", "--config", configFile, "--sequence", "intro", "--email", "maya@@x");
        assertThat(badAddress.code()).isEqualTo(1);
        assertThat(badAddress.err()).contains("email: not a valid address: \"maya@@x\"");
        Result unknown = run("enroll", "--config", configFile, "--sequence", "nope", "--email", "maya@example.org");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown sequence \"nope\"; configured: intro");
    }

    @Test
    void dbMigrateAndStatusReportTheSchema() {
        String configFile = config("2525").toString();
        Result migrate = run("db", "migrate", "--config", configFile);
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("migration(s) applied");
        Result status = run("db", "status", "--config", configFile);
        assertThat(status.out()).contains("0 pending").contains("quartz").contains("core");
    }
}
