package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The top-level {@code keep_in_touch:} and {@code introductions:} sections. */
class FollowUpDraftsConfigTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    @Test
    void leftOutSectionsUseTheDefaultTemplatesWithApproval() {
        AppConfig config = fixture.config(VALID).load();

        assertThat(config.keepInTouch()).isEqualTo(new KeepInTouchConfig("keep-in-touch/check-in", true));
        assertThat(config.introductions()).isEqualTo(new IntroductionsConfig("introductions/thank-you", true));
    }

    @Test
    void configuredTemplatesAndApprovalAreRead() {
        fixture.templates("mine/check-in", "mine/thanks").config(VALID + """
                keep_in_touch:
                  template: mine/check-in
                  approval: false
                introductions:
                  thank_you_template: mine/thanks
                """);

        AppConfig config = fixture.load();

        assertThat(config.keepInTouch()).isEqualTo(new KeepInTouchConfig("mine/check-in", false));
        assertThat(config.introductions()).isEqualTo(new IntroductionsConfig("mine/thanks", true));
    }

    @Test
    void aConfiguredTemplateThatDoesNotExistNamesTheFile() {
        fixture.config(VALID + "keep_in_touch:\n  template: nowhere/check-in\n");

        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:21: keep_in_touch.template: template not found: templates/nowhere/check-in.vm");
    }

    @Test
    void anUnknownIntroductionsKeyListsTheKnownOnes() {
        fixture.config(VALID + "introductions:\n  template: x\n");

        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:21: introductions.template: unknown key; expected one of thank_you_template,"
                        + " approval");
    }

    @Test
    void approvalMustBeTrueOrFalse() {
        fixture.config(VALID + "introductions:\n  approval: maybe\n");

        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage("config/followup.yaml:21: introductions.approval: expected true or false, got \"maybe\"");
    }
}
