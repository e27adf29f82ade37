package io.followup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.inbound.text.Intent;
import io.followup.inbound.text.IntentClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IntentsConfigTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    @Test
    void configuredPhrasesAreAddedToTheBuiltInOnes() {
        AppConfig config = fixture.config(ConfigFixture.VALID + """
                intents:
                  interested: ["ship it"]
                  unsubscribe: ["stop the madness"]
                """).load();
        assertThat(new IntentClassifier().classify("Ship it.").intent()).isEqualTo(Intent.NEUTRAL);
        IntentClassifier configured = new IntentClassifier(config.intents());
        assertThat(configured.classify("Ship it.").intent()).isEqualTo(Intent.INTERESTED);
        assertThat(configured.classify("Please stop the madness").intent()).isEqualTo(Intent.UNSUBSCRIBE);
        assertThat(configured.classify("Sounds good, let's talk next week").intent()).isEqualTo(Intent.INTERESTED);
    }

    @Test
    void replaceDropsTheBuiltInPhrasesOfTheIntentsGiven() {
        AppConfig config = fixture.config(ConfigFixture.VALID + """
                intents:
                  replace: true
                  interested: ["ship it"]
                """).load();
        IntentClassifier configured = new IntentClassifier(config.intents());
        assertThat(configured.classify("Ship it.").intent()).isEqualTo(Intent.INTERESTED);
        assertThat(configured.classify("Sounds good, let's talk next week").intent()).isEqualTo(Intent.NEUTRAL);
    }

    @Test
    void aPhraseThatIsNotAListNamesFileLineAndKey() {
        fixture.config(ConfigFixture.VALID + """
                intents:
                  interested: ship it
                """);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/followup.yaml:21: intents.interested: expected a list of phrases");
    }

    @Test
    void anUnknownIntentNamesFileLineAndKey() {
        fixture.config(ConfigFixture.VALID + """
                intents:
                  excited: ["wow"]
                """);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/followup.yaml:21: intents.excited: unknown key");
    }
}
