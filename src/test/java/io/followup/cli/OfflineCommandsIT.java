package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void withFollowupLogFormatJsonEachLogLineIsAJsonObject() throws Exception {
        CliProcess.Result result = CliProcess.run(home, Map.of("FOLLOWUP_LOG_FORMAT", "json",
                "FOLLOWUP_LOG_LEVEL", "INFO"), "sequences");

        assertThat(result.code()).as(result.err()).isZero();
        java.util.List<String> lines = result.err().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode event = json.readTree(line);
            assertThat(event.has("level")).as(line).isTrue();
        }
        assertThat(result.err()).contains("Loaded configuration");
    }

    @Test
    void standardOutputHoldsOnlyTheCommandsOwnOutputWhateverTheLogFormat() {
        for (Map<String, String> environment : List.of(EMPTY, Map.of("FOLLOWUP_LOG_FORMAT", "json"),
                Map.of("FOLLOWUP_LOG_FORMAT", "text", "FOLLOWUP_LOG_LEVEL", "DEBUG"))) {
            CliProcess.Result version = CliProcess.run(home, environment, "--version");
            assertThat(version.code()).as(version.err()).isZero();
            assertThat(version.out().strip()).as("%s: stdout", environment).startsWith("followup ")
                    .doesNotContain("\n").doesNotContain("logback");
        }
    }

    private static void assertSucceeds(CliProcess.Result result, String expectedOutput) {
        assertThat(result.code()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains(expectedOutput).doesNotContain("|-INFO in ch.qos.logback")
                .doesNotContain("|-WARN in ch.qos.logback");
    }
}
