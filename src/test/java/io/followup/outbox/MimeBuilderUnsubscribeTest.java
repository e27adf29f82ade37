package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeBuilderUnsubscribeTest {

    private static final String URL = "https://f.example.com/u/abc";
    private final Session session = Session.getInstance(new Properties());

    private static OutboundMessage message(String unsubscribeUrl) {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");
        return new OutboundMessage(1, 2, 3, 1, 1, "2:1:1", OutboundState.QUEUED, "<a.b@example.com>", "t",
                "owner@example.com", "Owner", "ann@example.org", "Ann", "Hello", "Hi Ann", null, null, null, null,
                null, 0, null, null, now, unsubscribeUrl, OutboundKind.STEP);
    }

    @Test
    void aMessageWithALinkCarriesTheRfc8058Headers() throws Exception {
        MimeMessage mime = new MimeBuilder().build(session, message(URL), Instant.now());

        assertThat(mime.getHeader("List-Unsubscribe", null)).isEqualTo("<" + URL + ">");
        assertThat(mime.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void aConfiguredMailtoIsOfferedAfterTheLink() throws Exception {
        MimeMessage mime = new MimeBuilder("unsubscribe@example.com").build(session, message(URL), Instant.now());

        assertThat(mime.getHeader("List-Unsubscribe", null))
                .isEqualTo("<" + URL + ">, <mailto:unsubscribe@example.com?subject=unsubscribe>");
    }

    @Test
    void noFollowUpIsMarkedAsBulkOrAutomaticWhateverItsUnsubscribeChoice() throws Exception {
        for (String url : java.util.Arrays.asList(URL, null)) {
            MimeMessage mime = new MimeBuilder("unsubscribe@example.com").build(session, message(url), Instant.now());

            for (String marker : List.of("Precedence", "Auto-Submitted", "X-Auto-Response-Suppress", "List-Id")) {
                assertThat(mime.getHeader(marker)).as(marker + " with link " + url).isNull();
            }
        }
    }

    @Test
    void aMessageWithoutALinkHasNoUnsubscribeHeaders() throws Exception {
        MimeMessage mime = new MimeBuilder("unsubscribe@example.com").build(session, message(null), Instant.now());

        assertThat(mime.getHeader("List-Unsubscribe")).isNull();
        assertThat(mime.getHeader("List-Unsubscribe-Post")).isNull();
    }
}
