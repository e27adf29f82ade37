package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.TestConfigs;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleCommandTest {

    @TempDir
    Path base;

    @BeforeEach
    void writeConfiguration() {
        CliRun.config(base, """
                calendars:
                  germany:
                    country: DE
                  office:
                    holidays: [2026-11-26, 2026-11-27]
                """);
        TestConfigs.write(base.resolve("config/sequences/met.yaml"), """
                name: met
                steps:
                  - template: met/one
                    wait: 0
                  - template: met/two
                    wait: 3 business days
                  - template: met/three
                    wait: 4 business days
                """);
        TestConfigs.write(base.resolve("config/sequences/berlin.yaml"), """
                name: berlin
                calendar: germany
                send_window: {days: mon-fri, start: "10:00", end: "16:00"}
                steps:
                  - template: met/one
                    wait: 0
                  - template: met/two
                    wait: 2 business days
                """);
        TestConfigs.write(base.resolve("config/sequences/thanksgiving.yaml"), """
                name: thanksgiving
                calendar: office
                jitter: false
                send_window: {days: mon-sat, start: "08:00", end: "12:00"}
                steps:
                  - template: met/one
                    wait: 0
                  - template: met/two
                    wait: 1 business days
                  - template: met/three
                    wait: 24 hours
                """);
        TestConfigs.write(base.resolve("config/sequences/promise.yaml"), """
                name: promise
                first_touch_within: 24h
                allow_outside_window_for_first_touch: 2h
                steps:
                  - template: met/one
                    wait: 0
                  - template: met/two
                    wait: 3 business days
                """);
        TestConfigs.write(base.resolve("config/sequences/strict.yaml"), """
                name: strict
                first_touch_within: 24h
                steps:
                  - template: met/one
                    wait: 0
                  - template: met/two
                    wait: 3 business days
                """);
        for (String name : List.of("one", "two", "three")) {
            TestConfigs.write(base.resolve("templates/met/" + name + ".vm"), "Subject: Hi\n\nHello $contact.name\n");
        }
    }

    private List<String> lines(CliRun.Result result) {
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        return result.out().lines().toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Friday evening enrollment in New York starts Monday after the spring forward | met | America/New_York \
            | 2026-03-06T18:00:00-05:00 | 2026-03-09T09:00:00-04:00 2026-03-12T09:00:00-04:00 2026-03-18T09:00:00-04:00
            New York in November crosses the fall back | met | America/New_York | 2026-10-29T16:30:00-04:00 \
            | 2026-10-29T16:30:00-04:00 2026-11-03T16:30:00-05:00 2026-11-09T16:30:00-05:00
            Sydney times carry the offset of Sydney on both sides of its autumn change | met | Australia/Sydney \
            | 2026-04-02T20:00 | 2026-04-03T09:00:00+11:00 2026-04-08T09:00:00+10:00 2026-04-14T09:00:00+10:00
            German public holidays (25 and 26 December; not the 24th) are skipped in Berlin | berlin | Europe/Berlin \
            | 2026-12-23T17:00:00+01:00 | 2026-12-24T10:00:00+01:00 2026-12-29T10:00:00+01:00
            """)
    void eachStepIsPlannedInTheContactsTimeZoneWithoutJitter(String name, String sequence, String zone, String start,
                                                             String times) {
        List<String> templates = List.of("met/one", "met/two", "met/three");
        String[] at = times.split(" ");
        List<String> expected = new ArrayList<>();
        for (int step = 1; step <= at.length; step++) {
            expected.add("{\"step\":" + step + ",\"template\":\"" + templates.get(step - 1) + "\",\"at\":\""
                    + at[step - 1] + "\"}");
        }
        assertThat(lines(CliRun.run(base, "schedule", "--sequence", sequence, "--timezone", zone, "--start", start,
                "--no-jitter"))).containsExactlyElementsOf(expected);
    }

    @Test
    void aFirstTouchThatTheWindowWouldDelayPastThePromiseGoesInTheEdgeHoursAsTheDispatcherSendsIt() {
        List<String> lines = lines(CliRun.run(base, "schedule", "--sequence", "promise", "--timezone",
                "America/New_York", "--start", "2026-03-06T18:00:00-05:00", "--no-jitter"));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"step\":1,\"template\":\"met/one\",\"at\":\"2026-03-06T18:00:00-05:00\","
                        + "\"first_touch\":\"edge\",\"reason\":\"the send window")
                .contains("opens next Mon 9 Mar 09:00, 62 h after enrolment, past the 24 h promise; sent at Fri 6 Mar "
                        + "18:00, within 2 h of the window's edge");
        assertThat(lines.get(1)).as("three business days after the first touch, in the window")
                .isEqualTo("{\"step\":2,\"template\":\"met/two\",\"at\":\"2026-03-12T09:00:00-04:00\"}");
    }

    @Test
    void aFirstTouchWithoutEdgeHoursIsDraftedAtOnceForApprovalNotPlannedForMonday() {
        assertThat(lines(CliRun.run(base, "schedule", "--sequence", "strict", "--timezone", "America/New_York",
                "--start", "2026-03-06T20:00:00-05:00", "--no-jitter"))).first().asString()
                .startsWith("{\"step\":1,\"template\":\"met/one\",\"at\":\"2026-03-06T20:00:00-05:00\","
                        + "\"first_touch\":\"approval\",\"reason\":\"the send window")
                .contains("opens next Mon 9 Mar 09:00, 60 h after enrolment, past the 24 h promise");
        assertThat(lines(CliRun.run(base, "schedule", "--sequence", "strict", "--timezone", "America/New_York",
                "--start", "2026-03-05T10:00:00-05:00", "--no-jitter"))).first().asString()
                .isEqualTo("{\"step\":1,\"template\":\"met/one\",\"at\":\"2026-03-05T10:00:00-05:00\","
                        + "\"first_touch\":\"window\"}");
    }

    @Test
    void listedHolidaysCloseTheWindowAndDoNotCountAsBusinessDays() {
        assertThat(lines(CliRun.run(base, "schedule", "--sequence", "thanksgiving", "--timezone", "UTC",
                "--start", "2026-11-25T11:00:00Z"))).containsExactly(
                "{\"step\":1,\"template\":\"met/one\",\"at\":\"2026-11-25T11:00:00Z\"}",
                "{\"step\":2,\"template\":\"met/two\",\"at\":\"2026-11-30T11:00:00Z\"}",
                "{\"step\":3,\"template\":\"met/three\",\"at\":\"2026-12-01T11:00:00Z\"}");
    }

    @Test
    void withJitterEveryTimeIsInsideTheWindowButNotAlwaysAtItsOpening() {
        java.util.Set<String> firstTimes = new java.util.HashSet<>();
        for (int run = 0; run < 8; run++) {
            for (String line : lines(CliRun.run(base, "schedule", "--sequence", "met", "--timezone", "Asia/Tokyo",
                    "--start", "2026-06-05T20:00:00+09:00"))) {
                String at = line.replaceAll(".*\"at\":\"([^\"]+)\".*", "$1");
                var local = OffsetDateTime.parse(at).atZoneSameInstant(ZoneId.of("Asia/Tokyo"));
                assertThat(local.getHour()).as(line).isBetween(9, 16);
                assertThat(local.getDayOfWeek().getValue()).as(line).isLessThanOrEqualTo(5);
                assertThat(at).endsWith("+09:00");
                if (line.contains("\"step\":1")) {
                    assertThat(local.getHour()).as("jitter is at most an hour: " + line).isEqualTo(9);
                    firstTimes.add(at);
                }
            }
        }
        assertThat(firstTimes.size()).isGreaterThan(1);
    }

    @Test
    void anUnknownTimeZoneIsAUsageError() {
        CliRun.Result result = CliRun.run(base, "schedule", "--sequence", "met", "--timezone", "Mars/Olympus",
                "--start", "2026-03-06T18:00:00Z");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("followup: --timezone: expected an IANA time zone such as "
                + "America/New_York, got \"Mars/Olympus\" (see 'followup schedule --help')\n");
    }

    @Test
    void aStartThatIsNotIso8601IsAUsageError() {
        CliRun.Result result = CliRun.run(base, "schedule", "--sequence", "met", "--timezone", "UTC",
                "--start", "next friday");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("followup: --start: expected an ISO-8601 time");
    }

    @Test
    void anUnknownSequenceNamesTheConfiguredOnes() {
        CliRun.Result result = CliRun.run(base, "schedule", "--sequence", "nope", "--timezone", "UTC",
                "--start", "2026-03-06T18:00:00Z");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
                "followup: unknown sequence \"nope\"; configured: berlin, met, promise, strict, thanksgiving\n");
    }
}
