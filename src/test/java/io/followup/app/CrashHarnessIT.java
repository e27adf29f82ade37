package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.CrashHarness;
import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash harness ({@link CrashHarness}) against the real daemon as a child process, on H2 and MariaDB: short
 * form by default (200 enrollments, 2 kill -9: one mid-SMTP, one after some sends), the long form with {@code mvn verify -Pcrash} (2,000 enrollments,
 * 20 kills) or any size with {@code -Dcrash.enrollments=N -Dcrash.kills=K}; {@code -Dcrash.database=H2|MARIADB}
 * runs one database only. Fails on any duplicate or loss, or an
 * in_doubt row that {@code drafts list --state in_doubt} does not show or that cannot be resolved. Each run keeps
 * its files (configuration, database, daemon.log) under {@code target/crash-harness/}.
 */
class CrashHarnessIT {

    @ParameterizedTest
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void killNineAndSmtpFaultsNeverDuplicateNorLoseAMessage(TestDatabase.Kind kind) {
        String only = System.getProperty("crash.database", "");
        Assumptions.assumeTrue(only.isBlank() || only.equalsIgnoreCase(kind.name()),
                () -> "-Dcrash.database=" + only + ": " + kind + " skipped");
        CrashHarness.Settings settings = CrashHarness.Settings.fromSystemProperties(
                Boolean.getBoolean("crash.long") ? CrashHarness.Settings.longForm()
                        : CrashHarness.Settings.shortForm());

        Path base = Path.of("target", "crash-harness", kind.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + System.currentTimeMillis());
        CrashHarness.Result result = new CrashHarness(settings, kind, base).run();

        assertThat(result.duplicates()).as(result.line()).isZero();
        assertThat(result.lost()).as(result.line()).isZero();
        assertThat(result.inDoubtListed()).as("every in_doubt row listed: " + result.line())
                .isEqualTo(result.inDoubt());
        assertThat(result.resolved()).as("an in_doubt row resolved: " + result.line()).isTrue();
        assertThat(result.held()).as(result.line()).isTrue();
    }
}
