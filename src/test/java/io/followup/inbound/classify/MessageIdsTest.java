package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private final MessageClassifier classifier = new MessageClassifier();

    private InboundAnalysis classify(String headers) {
        String raw = "From: ann@example.net\r\nTo: me@example.com\r\nSubject: Re: hi\r\n"
                + "Message-ID: <own@example.net>\r\n" + headers + "\r\nthanks\r\n";
        return classifier.classify(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void inReplyToComesFirstThenReferencesNewestFirstWithoutDuplicates() {
        InboundAnalysis analysis = classify("References: <a@x.example> <b@x.example>\r\n\t<c@x.example>\r\n"
                + "In-Reply-To: <c@x.example>\r\n");

        assertThat(analysis.references()).containsExactly("<c@x.example>", "<b@x.example>", "<a@x.example>");
    }

    @Test
    void garbageAroundIdsIsIgnored() {
        InboundAnalysis analysis = classify("In-Reply-To: Your message of Mon, 5 May 2025 <m1@host.example>"
                + " (sent by \"Me\")\r\nReferences: junk,<m0@host.example>;; < m1@host.example >  <not an id>\r\n");

        assertThat(analysis.references()).containsExactly("<m1@host.example>", "<m0@host.example>");
    }

    @Test
    void idsWithoutAngleBracketsAreNormalized() {
        InboundAnalysis analysis = classify("In-Reply-To: m7.abc@host.example\r\n");

        assertThat(analysis.references()).containsExactly("<m7.abc@host.example>");
    }

    @Test
    void theMessagesOwnIdIsNotAReference() {
        InboundAnalysis analysis = classify("References: <own@example.net> <p@example.com>\r\n");

        assertThat(analysis.references()).containsExactly("<p@example.com>");
        assertThat(analysis.messageId()).isEqualTo("<own@example.net>");
    }

    @Test
    void aNonStandardBounceRefersToTheInlineMessageIdOfTheOriginal() {
        String raw = """
                From: MAILER-DAEMON@mx.example.org
                To: me@example.com
                Subject: failure notice
                Message-ID: <bounce-1@mx.example.org>

                Hi. This is the qmail-send program at mx.example.org.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <gone@example.net>:
                remote host said: 550 5.1.1 User unknown

                --- Below this line is a copy of the message.

                Message-ID: <sent-42@example.com>
                From: me@example.com
                To: gone@example.net
                """;

        InboundAnalysis analysis = classifier.classify(raw.getBytes(StandardCharsets.UTF_8));

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.references()).containsExactly("<sent-42@example.com>");
        assertThat(analysis.failedRecipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.address()).isEqualTo("gone@example.net");
            assertThat(recipient.status()).isEqualTo("5.1.1");
            assertThat(recipient.bounceClass()).isEqualTo(BounceClass.INVALID_RECIPIENT);
            assertThat(recipient.hard()).isTrue();
        });
    }
}
