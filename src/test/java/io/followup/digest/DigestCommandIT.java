package io.followup.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.testing.CliFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code followup digest --preview} on the seeded fortnight of {@link DigestFixture}. */
class DigestCommandIT {

    private CliFolder cli;

    @BeforeEach
    void seed(@TempDir Path base) {
        cli = CliFolder.write(base, CliFolder.THREE_STEPS, "Europe/London", """
                digest:
                  day: monday
                  time: "08:00"
                """);
        try (Daemon daemon = cli.openDaemon()) {
            new DigestFixture(daemon.database().jdbi(), daemon.catalog().mailboxId("main"),
                    daemon.catalog().sequenceId("intro").orElseThrow()).seed();
        }
    }

    @Test
    void theTextPreviewPrintsTheSubjectAndTheNumbersOfTheChosenWeek() {
        CliFolder.Result result = cli.run("digest", "--preview", "--week", "2026-W47");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Subject: Your follow-up week 2026-W47: 5 replies to 10 sent, ")
                .contains("Your follow-up week 2026-W47 (16 Nov – 22 Nov 2026, Europe/London)", "Sent: 10 (+4)",
                        "Reply rate: 30% (+13 pts)", "Median time to first reply: 4d 3h (+3d 3h)");
    }

    @Test
    void theHtmlPreviewInlinesTheChartsSoABrowserShowsThem() {
        CliFolder.Result result = cli.run("digest", "--preview", "--format", "html", "--week", "2026-W47", "--owner",
                "OWNER@example.org");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,iVBOR")
                .doesNotContain("cid:");
    }

    @Test
    void aMalformedWeekOrFormatIsAUsageErrorAndAnUnknownOwnerAFailure() {
        CliFolder.Result week = cli.run("digest", "--preview", "--week", "2026-47");
        assertThat(week.code()).isEqualTo(2);
        assertThat(week.err()).startsWith("followup: --week: expected a week such as 2026-W47, got \"2026-47\"");

        CliFolder.Result format = cli.run("digest", "--preview", "--format", "pdf");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).startsWith("followup: --format: expected text or html, got \"pdf\"");

        CliFolder.Result owner = cli.run("digest", "--preview", "--owner", "nobody@example.org");
        assertThat(owner.code()).isEqualTo(1);
        assertThat(owner.err()).isEqualTo("followup: no owner nobody@example.org is configured\n");

        assertThat(cli.run("digest").code()).isEqualTo(2);
    }
}
