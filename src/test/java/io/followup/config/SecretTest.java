package io.followup.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void aSecretNeverShowsItsValueInToString() {
        Secret secret = Secret.of("hunter2");

        assertThat(secret.toString()).isEqualTo("******");
        assertThat(secret.reveal()).isEqualTo("hunter2");
        assertThat(secret.isPresent()).isTrue();
    }

    @Test
    void noneIsNotPresentAndEmptyValuesAreNone() {
        assertThat(Secret.NONE.isPresent()).isFalse();
        assertThat(Secret.NONE.reveal()).isEmpty();
        assertThat(Secret.of("")).isSameAs(Secret.NONE);
    }

    @Test
    void secretsWithTheSameValueAreEqual() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"));
        assertThat(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    }
}
