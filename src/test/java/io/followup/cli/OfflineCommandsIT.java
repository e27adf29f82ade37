package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that send no mail work on the shipped configuration with an empty environment: no
 * FOLLOWUP_SMTP_PASSWORD, no FOLLOWUP_IMAP_PASSWORD, nothing at all (each runs as a child JVM whose environment is
 * cleared).
 */
class OfflineCommandsIT {

    private static final Map<String, String> EMPTY = Map.of();

    @TempDir
    Path home;

    @BeforeEach
    void copyTheShippedConfiguration() {
        CliProcess.copyShippedConfig(home);
    }

    @Test
    void sequencesTemplatesCheckScheduleAndInspectNeedNoSecret() throws Exception {
        assertSucceeds(CliProcess.run(home, EMPTY, "sequences"), "met-at-event");
        assertSucceeds(CliProcess.run(home, EMPTY, "templates", "check"), "");
        assertSucceeds(CliProcess.run(home, EMPTY, "schedule", "--sequence", "met-at-event",
                "--timezone", "Europe/London", "--start", "2026-03-02T10:00:00Z", "--no-jitter"), "\"step\":1");
        Path message = home.resolve("reply.eml");
        Files.writeString(message, "From: bob@example.org\r\nTo: ada@example.com\r\nSubject: Re: hello\r\n"
                + "Message-ID: <r1@example.org>\r\n\r\nSounds good, let's talk.\r\n");
        assertSucceeds(CliProcess.run(home, EMPTY, "inspect", message.toString()), "\"kind\"");
    }

    @Test
    void databaseCommandsOnTheEmbeddedDatabaseNeedNoSecret() {
        assertSucceeds(CliProcess.run(home, EMPTY, "db", "status"), "");
        assertSucceeds(CliProcess.run(home, EMPTY, "enroll", "--sequence", "met-at-event",
                "--email", "bob@example.org", "--name", "Bob Example", "--company", "Example Ltd", "--field", "met_at=the meetup",
                "--field", "topic=follow-ups"), "");
        assertSucceeds(CliProcess.run(home, EMPTY, "templates", "preview", "met-at-event/thank-you",
                "--contact", "bob@example.org"), "To:");
        assertSucceeds(CliProcess.run(home, EMPTY, "digest", "--preview"), "Subject:");
    }

    @Test
    void runStillRefusesToStartWithoutItsSecretsAndNamesTheVariable() {
        CliProcess.Result run = CliProcess.run(home, EMPTY, "run");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("mailboxes[0].smtp.password: environment variable FOLLOWUP_SMTP_PASSWORD"
                + " is not set or empty");
    }

    private static void assertSucceeds(CliProcess.Result result, String expectedOutput) {
        assertThat(result.code()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains(expectedOutput);
    }
}
