package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code digest} section (appended after the valid file). */
class DigestConfigTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    private AppConfig load(String section) {
        return fixture.config(VALID + section).load();
    }

    @Test
    void withoutTheSectionTheDigestGoesOutOnMondayAtEight() {
        assertThat(load("").digest()).isEqualTo(new DigestConfig(DayOfWeek.MONDAY, LocalTime.of(8, 0), true));
    }

    @Test
    void theDayTimeAndSwitchAreRead() {
        assertThat(load("""
                digest:
                  day: Friday
                  time: "7:30"
                  enabled: false
                """).digest()).isEqualTo(new DigestConfig(DayOfWeek.FRIDAY, LocalTime.of(7, 30), false));
    }

    @Test
    void aBadDayOrTimeNamesTheLineAndKey() {
        int line = VALID.split("\n", -1).length;
        assertThatThrownBy(() -> load("digest:\n  day: someday\n")).isInstanceOf(ConfigException.class)
                .hasMessage("config/followup.yaml:" + (line + 1) + ": digest.day: expected a weekday such as monday, "
                        + "got \"someday\"");
        assertThatThrownBy(() -> load("digest:\n  time: \"25:00\"\n")).isInstanceOf(ConfigException.class)
                .hasMessage("config/followup.yaml:" + (line + 1) + ": digest.time: expected a time such as \"08:00\", "
                        + "got \"25:00\"");
        assertThatThrownBy(() -> load("digest:\n  weekday: monday\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/followup.yaml:" + (line + 1) + ": digest.weekday: unknown key");
    }

    @Test
    void withDigestKeepsEverythingElse() {
        AppConfig config = load("");
        DigestConfig sunday = new DigestConfig(DayOfWeek.SUNDAY, LocalTime.of(18, 0), true);
        AppConfig changed = config.withDigest(sunday).withApproval(ApprovalConfig.NONE);

        assertThat(changed.digest()).isEqualTo(sunday);
        assertThat(changed.owners()).isEqualTo(config.owners());
        assertThat(changed.web()).isEqualTo(config.web());
    }
}
