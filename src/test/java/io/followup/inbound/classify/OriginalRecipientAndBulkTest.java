package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Both recipients of an expanded alias are reported; bulk headers do not hide a real reply. */
class OriginalRecipientAndBulkTest {

    private final MessageClassifier classifier = new MessageClassifier();

    private InboundAnalysis classify(String raw) {
        return classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBounceForAnExpandedAliasReportsTheOriginalAndTheFinalRecipient() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mx.example.org
                To: me@example.com
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                Your message could not be delivered.
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; bob.smith@mailhost.example.org
                Original-Recipient: rfc822; Sales@Example.org
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

                --B--
                """);

        FailedRecipient recipient = analysis.failedRecipients().get(0);
        assertThat(recipient.address()).isEqualTo("sales@example.org");
        assertThat(recipient.originalRecipient()).isEqualTo("sales@example.org");
        assertThat(recipient.finalRecipient()).isEqualTo("bob.smith@mailhost.example.org");
        assertThat(recipient.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void aRealReplyWithABulkHeaderStaysAHumanReply() {
        InboundAnalysis analysis = classify("""
                From: Ann <ann@example.net>
                To: me@example.com
                Subject: Re: our call
                In-Reply-To: <step-1@example.com>
                X-Mailgun-Tag: newsletter
                Feedback-ID: 123:abc

                Yes, Tuesday works for me.
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.HUMAN_REPLY);
        assertThat(analysis.bodyText()).contains("Tuesday works");
    }

    @Test
    void theSameBulkHeaderWithoutAReplyHeaderIsBulkMail() {
        InboundAnalysis analysis = classify("""
                From: Ann <ann@example.net>
                To: me@example.com
                Subject: Our spring offers
                X-Mailgun-Tag: newsletter

                Spring offers inside.
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.OTHER);
        assertThat(analysis.explanation()).isEqualTo("bulk mail");
    }
}
