package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeBuilderInlinePartsTest {

    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    private static OutboundMessage message(List<InlinePart> parts) {
        return new OutboundMessage(7, 0, 1, 0, 1, "digest:o@example.org:2026-W47", OutboundState.QUEUED,
                "<d.1@example.org>", "digest", "o@example.org", "Owner", "o@example.org", "Owner", "Your week",
                "text", "<p>html <img src=\"cid:chart@followup\"></p>", null, null, null, null, 0, null, null,
                Instant.EPOCH, null, OutboundKind.DIGEST, parts);
    }

    @Test
    void inlinePartsMakeAMultipartRelatedAroundTheAlternatives() throws Exception {
        MimeMessage mime = new MimeBuilder().build(Session.getInstance(new Properties()),
                message(List.of(new InlinePart("chart@followup", "image/png", IMAGE))), Instant.EPOCH);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mime.writeTo(raw);
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(raw.toByteArray()));

        assertThat(parsed.getContentType()).startsWith("multipart/related");
        MimeMultipart related = (MimeMultipart) parsed.getContent();
        assertThat(related.getCount()).isEqualTo(2);
        assertThat(related.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
        assertThat(image.getContentID()).isEqualTo("<chart@followup>");
        assertThat(image.getDisposition()).isEqualTo("inline");
        assertThat(image.getInputStream().readAllBytes()).isEqualTo(IMAGE);
        assertThat(parsed.getHeader("Message-ID", null)).isEqualTo("<d.1@example.org>");
    }

    @Test
    void withoutInlinePartsTheMessageStaysMultipartAlternative() throws Exception {
        MimeMessage mime = new MimeBuilder().build(Session.getInstance(new Properties()), message(List.of()),
                Instant.EPOCH);

        assertThat(mime.getContentType()).startsWith("multipart/alternative");
    }

    @Test
    void inlinePartsSurviveTheirStoredForm() {
        List<InlinePart> parts = List.of(new InlinePart("a@x", "image/png", IMAGE),
                new InlinePart("b@x", "image/jpeg", new byte[] {1}));

        assertThat(InlinePart.decode(InlinePart.encode(parts))).isEqualTo(parts);
        assertThat(InlinePart.encode(List.of())).isNull();
        assertThat(InlinePart.decode(null)).isEmpty();
        assertThat(parts.get(0).dataUri()).isEqualTo("data:image/png;base64,iVBORwECAw==");
    }
}
