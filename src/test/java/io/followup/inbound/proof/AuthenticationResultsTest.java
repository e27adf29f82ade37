package io.followup.inbound.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.inbound.proof.AuthenticationResults.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

    private static final List<String> TRUSTED = List.of("mx.followup.test");

    @Test
    void aDmarcFailOfATrustedServerFailsWhateverElsePasses() {
        var verdict = AuthenticationResults.evaluate(List.of("mx.followup.test 1; spf=pass smtp.mailfrom=example.org;"
                + " dkim=pass header.d=example.org; dmarc=fail (p=reject dis=none) header.from=example.org"),
                TRUSTED, "dave@example.org");
        assertThat(verdict.state()).isEqualTo(State.FAIL);
        assertThat(verdict.detail()).isEqualTo("dmarc=fail per Authentication-Results of mx.followup.test");
    }

    @Test
    void spfFailWithoutAPassingDkimSignatureFails() {
        assertThat(AuthenticationResults.evaluate(List.of("mx.followup.test; spf=fail smtp.mailfrom=evil.example;"
                + " dkim=none"), TRUSTED, "dave@example.org").state()).isEqualTo(State.FAIL);
        assertThat(AuthenticationResults.evaluate(List.of("mx.followup.test; spf=fail smtp.mailfrom=example.org;"
                + " dkim=pass header.d=example.org"), TRUSTED, "dave@example.org").state()).isEqualTo(State.PASS);
    }

    @Test
    void resultsOfAnUntrustedServerAreIgnored() {
        assertThat(AuthenticationResults.evaluate(List.of("mx.evil.example; dmarc=pass header.from=example.org"),
                TRUSTED, "dave@example.org").state()).isEqualTo(State.NONE);
        assertThat(AuthenticationResults.evaluate(List.of("mx.evil.example; dmarc=fail header.from=example.org"),
                TRUSTED, "dave@example.org").state()).isEqualTo(State.NONE);
        assertThat(AuthenticationResults.evaluate(List.of("mx.followup.test; dmarc=fail"), List.of(),
                "dave@example.org").state()).as("nothing trusted").isEqualTo(State.NONE);
    }

    @Test
    void aPassCountsOnlyForADomainAlignedWithFrom() {
        assertThat(AuthenticationResults.evaluate(List.of("mx.followup.test; dkim=pass header.d=evil.example;"
                + " spf=pass smtp.mailfrom=bounce@evil.example"), TRUSTED, "dave@example.org").state())
                .isEqualTo(State.NONE);
        var aligned = AuthenticationResults.evaluate(List.of("mx.followup.test;\r\n\tdkim=pass (2048-bit key)"
                + " header.d=mail.example.org header.i=@mail.example.org header.b=\"abc;def\""), TRUSTED,
                "dave@example.org");
        assertThat(aligned.state()).isEqualTo(State.PASS);
        assertThat(aligned.detail()).isEqualTo("dkim=pass for mail.example.org per Authentication-Results of "
                + "mx.followup.test");
    }

    @Test
    void commentsQuotesAndNoResultAreParsed() {
        var field = AuthenticationResults.parse("MX.Followup.Test (a comment; with semicolons) 1; none");
        assertThat(field.authservId()).isEqualTo("mx.followup.test");
        assertThat(field.results()).isEmpty();
        assertThat(AuthenticationResults.parse("mx.followup.test; dmarc = pass (p=none) header . from = "
                + "example.org").results().get(0).properties()).containsEntry("header.from", "example.org");
    }
}
