package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.SequenceLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CapsAndApprovalConfigTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    /** The valid configuration with {@code caps} lines appended to the mailbox (they start at line 21). */
    private static String withCaps(String... lines) {
        StringBuilder config = new StringBuilder(VALID).append("    caps:\n");
        for (String line : lines) {
            config.append("      ").append(line).append('\n');
        }
        return config.toString();
    }

    private void assertFails(String config, String message) {
        fixture.config(config);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void aMailboxWithoutCapsGetsTheDocumentedDefaults() {
        fixture.config(VALID);
        assertThat(fixture.load().mailbox("main").caps())
                .isEqualTo(new CapsConfig(100, 20, Duration.ofSeconds(20), Duration.ofSeconds(60)));
    }

    @Test
    void capsAreReadWithTheirSpacing() {
        fixture.config(withCaps("per_day: 50", "per_hour: 10", "min_spacing: 0", "max_spacing: 2m"));
        assertThat(fixture.load().mailbox("main").caps())
                .isEqualTo(new CapsConfig(50, 10, Duration.ZERO, Duration.ofMinutes(2)));
    }

    @Test
    void aMinSpacingAboveTheDefaultMaxRaisesTheMaxToIt() {
        fixture.config(withCaps("min_spacing: 90s"));
        assertThat(fixture.load().mailbox("main").caps())
                .isEqualTo(new CapsConfig(100, 20, Duration.ofSeconds(90), Duration.ofSeconds(90)));
    }

    @Test
    void aCapOfZeroNamesFileLineAndKey() {
        assertFails(withCaps("per_day: 0"),
                "config/followup.yaml:21: mailboxes[0].caps.per_day: expected a whole number 1-100000, got \"0\"");
    }

    @Test
    void aCapThatIsNotANumberIsAnError() {
        assertFails(withCaps("per_day: 100", "per_hour: lots"),
                "config/followup.yaml:22: mailboxes[0].caps.per_hour: expected a whole number 1-100000, got \"lots\"");
    }

    @Test
    void anHourlyCapAboveTheDailyCapIsAnError() {
        assertFails(withCaps("per_day: 10", "per_hour: 20"),
                "config/followup.yaml:22: mailboxes[0].caps.per_hour: per_hour (20) must not exceed per_day (10)");
    }

    @Test
    void aMaxSpacingBelowTheMinSpacingIsAnError() {
        assertFails(withCaps("min_spacing: 30s", "max_spacing: 10s"),
                "config/followup.yaml:22: mailboxes[0].caps.max_spacing: must not be less than min_spacing (30s)");
    }

    @Test
    void aSpacingThatIsNotADurationIsAnError() {
        assertFails(withCaps("min_spacing: soon"),
                "config/followup.yaml:21: mailboxes[0].caps.min_spacing: expected a positive duration such as 500ms,"
                        + " 30s, 5m, 2h, 1d, 2w, 1y or PT30S, got \"soon\"");
    }

    @Test
    void anUnknownCapsKeyIsAnError() {
        assertFails(withCaps("per_minute: 3"),
                "config/followup.yaml:21: mailboxes[0].caps.per_minute: unknown key; expected one of per_day,"
                        + " per_hour, min_spacing, max_spacing");
    }

    @Test
    void approvalTiersAreRead() {
        fixture.config(VALID + "approval:\n  tiers: [1, 2]\n");
        assertThat(fixture.load().approval().tiers()).isEqualTo(Set.of(1, 2));
    }

    @Test
    void withoutApprovalNoTierNeedsIt() {
        fixture.config(VALID);
        assertThat(fixture.load().approval().tiers()).isEmpty();
    }

    @Test
    void anApprovalTierOutOfRangeNamesItsLine() {
        assertFails(VALID + "approval:\n  tiers:\n    - 1\n    - 7\n",
                "config/followup.yaml:23: approval.tiers[1]: expected a contact tier 1-5, got \"7\"");
    }

    @Test
    void approvalTiersThatAreNotAListAreAnError() {
        assertFails(VALID + "approval:\n  tiers: 1\n",
                "config/followup.yaml:21: approval.tiers: expected a list of contact tiers such as [1, 2], got \"1\"");
    }

    @Test
    void theShippedExampleConfigurationLoadsWithTheDocumentedCapsAndApproval() {
        AppConfig shipped = new ConfigLoader(Path.of("").toAbsolutePath(), ConfigFixture.ENVIRONMENT)
                .load(Path.of("config/followup.yaml"));

        assertThat(shipped.mailbox("main").caps()).isEqualTo(CapsConfig.DEFAULTS);
        assertThat(shipped.approval().tiers()).containsExactly(1);
        assertThat(SequenceLoader.load(shipped, Path.of("")).stream()
                .filter(sequence -> sequence.name().equals("met-at-event")).map(SequenceDefinition::approval))
                .containsExactly(false);
    }
}
