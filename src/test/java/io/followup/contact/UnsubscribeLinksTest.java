package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private static final byte[] KEY = "a-test-key-of-32-bytes-length!!!".getBytes(StandardCharsets.UTF_8);
    private final UnsubscribeLinks links = new UnsubscribeLinks(KEY, "https://f.example.com/");

    @Test
    void aLinkIsTheBaseUrlAndASignedTokenThatVerifiesToItsContactAndEnrollment() {
        String link = links.link(42, 7);

        assertThat(link).startsWith("https://f.example.com/u/").doesNotContain("=").doesNotContain("+");
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(links.verify(token)).contains(new UnsubscribeLinks.Target(42, 7));
    }

    @Test
    void aTokenWithAChangedContactIdIsRejected() {
        byte[] bytes = Base64.getUrlDecoder().decode(links.token(42, 7));
        bytes[7] = 43;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThat(links.verify(tampered)).isEmpty();
    }

    @Test
    void aTokenWithAChangedSignatureIsRejected() {
        String token = links.token(42, 7);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertThat(links.verify(tampered)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        UnsubscribeLinks other = new UnsubscribeLinks("another-key-of-32-bytes-length!!".getBytes(
                StandardCharsets.UTF_8), "https://f.example.com");

        assertThat(links.verify(other.token(42, 7))).isEmpty();
    }

    @Test
    void malformedTokensAreRejectedWithoutAnException() {
        assertThat(links.verify(null)).isEmpty();
        assertThat(links.verify("")).isEmpty();
        assertThat(links.verify("not a token")).isEmpty();
        assertThat(links.verify("*".repeat(64))).isEmpty();
        assertThat(links.verify(links.token(1, 2) + "A")).isEmpty();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new UnsubscribeLinks(new byte[8], "https://f.example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotShowTheKey() {
        assertThat(links.toString()).doesNotContain("a-test-key");
    }
}
