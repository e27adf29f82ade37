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

    @Test
    void aLazySecretIsReadOnlyWhenRevealedAndOnlyOnce() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Secret secret = Secret.lazy(() -> "value-" + reads.incrementAndGet());

        assertThat(secret.isPresent()).isTrue();
        assertThat(secret.toString()).isEqualTo("******");
        assertThat(reads).hasValue(0);
        assertThat(secret.reveal()).isEqualTo("value-1");
        assertThat(secret.reveal()).isEqualTo("value-1");
    }

    @Test
    void aLazySecretThatCannotBeReadFailsOnRevealAndEqualsOnlyItself() {
        Secret missing = Secret.lazy(() -> {
            throw new ConfigException("x.password: environment variable X is not set or empty");
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(missing::reveal).isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable X");
        assertThat(missing).isEqualTo(missing).isNotEqualTo(Secret.of("a"));
    }
}
