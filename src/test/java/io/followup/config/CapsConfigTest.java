package io.followup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapsConfigTest {

    @Test
    void aMailboxBuiltInCodeWithoutCapsIsUnlimited() {
        MailboxConfig mailbox = new MailboxConfig("main", "a@example.org", "A", "a@example.org", null, null, null);
        assertThat(mailbox.caps()).isEqualTo(CapsConfig.UNLIMITED);
    }

    @Test
    void aMaxSpacingBelowTheMinIsRefused() {
        assertThatThrownBy(() -> new CapsConfig(10, 5, Duration.ofSeconds(30), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThatThrownBy(() -> new CapsConfig(0, 5, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
