package io.followup.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.cli.Main;
import io.followup.config.ConfigLoader;
import io.followup.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code followup digest --preview} on the seeded fortnight of {@link DigestFixture}. */
class DigestCommandIT {

    @TempDir
    Path base;

    private Path config;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void seed() {
        TestConfigs.writeTemplates(base.resolve("templates"));
        TestConfigs.write(base.resolve("config/sequences/intro.yaml"), """
                name: intro
                steps:
                  - template: intro/first
                    wait: 0
                  - template: intro/second
                    wait: 2 days
                  - template: intro/third
                    wait: 2 days
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
                    time_zone: Europe/London
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
                digest:
                  day: monday
                  time: "08:00"
                """.formatted(base.resolve("data"), base.resolve("templates"), base.resolve("config/sequences")));
        try (Daemon daemon = Daemon.open(new ConfigLoader(base, Map.of()).load(config), Clock.systemUTC())) {
            new DigestFixture(daemon.database().jdbi(), daemon.catalog().mailboxId("main"),
                    daemon.catalog().sequenceId("intro").orElseThrow()).seed();
        }
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
    void theTextPreviewPrintsTheSubjectAndTheNumbersOfTheChosenWeek() {
        Result result = run("digest", "--preview", "--week", "2026-W47");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Subject: Your follow-up week 2026-W47: 5 replies to 10 sent, ")
                .contains("Your follow-up week 2026-W47 (16 Nov – 22 Nov 2026, Europe/London)", "Sent: 10 (+4)",
                        "Reply rate: 30% (+13 pts)", "Median time to first reply: 4d 3h (+3d 3h)");
    }

    @Test
    void theHtmlPreviewInlinesTheChartsSoABrowserShowsThem() {
        Result result = run("digest", "--preview", "--format", "html", "--week", "2026-W47", "--owner",
                "OWNER@example.org");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,iVBOR")
                .doesNotContain("cid:");
    }

    @Test
    void aMalformedWeekOrFormatIsAUsageErrorAndAnUnknownOwnerAFailure() {
        Result week = run("digest", "--preview", "--week", "2026-47");
        assertThat(week.code()).isEqualTo(2);
        assertThat(week.err()).startsWith("followup: --week: expected a week such as 2026-W47, got \"2026-47\"");

        Result format = run("digest", "--preview", "--format", "pdf");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).startsWith("followup: --format: expected text or html, got \"pdf\"");

        Result owner = run("digest", "--preview", "--owner", "nobody@example.org");
        assertThat(owner.code()).isEqualTo(1);
        assertThat(owner.err()).isEqualTo("followup: no owner nobody@example.org is configured\n");

        assertThat(run("digest").code()).isEqualTo(2);
    }
}
