package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** bcrypt hashes of the web UI's users; an unknown user (no hash) is checked against a dummy hash and fails. */
class PasswordsTest {

    @Test
    void aPasswordMatchesItsOwnHashOnlyAndAnUnknownUserNeverMatches() {
        Passwords passwords = new Passwords(4);
        String hash = passwords.hash("correct horse".toCharArray());

        assertThat(passwords.matches("correct horse".toCharArray(), hash)).isTrue();
        assertThat(passwords.matches("wrong horse".toCharArray(), hash)).isFalse();
        assertThat(passwords.matches("no such user".toCharArray(), null)).as("not even the dummy's own password")
                .isFalse();
        assertThat(new Passwords(4).matches("correct horse".toCharArray(), null)).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptTakesIsRefusedNotCut() {
        Passwords passwords = new Passwords(4);
        String hash = passwords.hash("a".repeat(Passwords.MAX_BYTES).toCharArray());

        assertThat(passwords.matches(("a".repeat(Passwords.MAX_BYTES) + "b").toCharArray(), hash)).isFalse();
    }
}
