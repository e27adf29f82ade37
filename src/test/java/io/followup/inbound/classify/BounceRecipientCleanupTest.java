package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which addresses a bounce reports as failed: text that is not a recipient (a Message-ID, an SES
 * identity ARN, the display half of a malformed pair) is not harvested; a recipient hidden by the
 * report's form (procmail, a quoted-printable soft break, a report pasted as plain text, only the
 * original's trace) is still found.
 */
class BounceRecipientCleanupTest {

    private final MessageClassifier classifier = new MessageClassifier();

    private InboundAnalysis classify(String raw) {
        return classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> addresses(InboundAnalysis analysis) {
        return analysis.failedRecipients().stream().map(FailedRecipient::address).toList();
    }

    @Test
    void theOriginalMessageIdQuotedInTheReportIsNotARecipient() {
        InboundAnalysis analysis = classify("""
                From: mailer-daemon@mail.example.org
                To: me@example.com
                Subject: Undelivered Mail Returned to Sender

                A message that you sent could not be delivered to one or more of its recipients.

                olga@example.net Invalid Address, ERROR_CODE :550 5.1.1 User unknown

                Message-ID:<18c9f0a1b2.77aa01.99887766@mail.example.com>
                Subject:Quarterly figures
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(addresses(analysis)).containsExactly("olga@example.net");
    }

    @Test
    void anSesIdentityArnIsNotARecipient() {
        InboundAnalysis analysis = classify("""
                From: no-reply@notifications.example.org
                To: me@example.com
                Subject: Delivery Status Notification (Failure)

                Delivery to the following recipient failed permanently:

                  kenji@example.jp

                Source ARN: arn:aws:ses:eu-west-1:123456789012:identity/me@example.org
                Remote server said: 550 5.1.1 mailbox unknown
                """);

        assertThat(addresses(analysis)).containsExactly("kenji@example.jp");
    }

    @Test
    void aMalformedAddressPairCountsOnce() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mail.example.org
                To: me@example.com
                Subject: Returned mail: User unknown

                The following addresses had permanent fatal errors:
                piet@example.nl <piet@example.nl>
                    (reason: 550 5.1.1 No such user)
                """);

        assertThat(addresses(analysis)).containsExactly("piet@example.nl");
    }

    @Test
    void anAddressSplitByASoftLineBreakInTheDiagnosticCodeIsReadWhole() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mail.example.org
                To: me@example.com
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                Delivery failed.
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.org

                Final-Recipient: x-unknown; (unknown)
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <lucia.fernandez@exam=
                 ple.es>... User unknown

                --B--
                """);

        assertThat(addresses(analysis)).containsExactly("lucia.fernandez@example.es");
    }

    @Test
    void procmailAsFinalRecipientGivesWayToTheActualRecipient() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mail.example.org
                To: me@example.com
                Subject: Returned mail: see transcript for details
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                The mailbox could not be written.
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.org

                Final-Recipient: X-Unix; |/usr/bin/procmail -a hans
                X-Actual-Recipient: rfc822; hans@example.de
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: X-Unix; quota exceeded

                --B--
                """);

        assertThat(addresses(analysis)).containsExactly("hans@example.de");
        assertThat(analysis.failedRecipients().get(0).bounceClass()).isEqualTo(BounceClass.MAILBOX_FULL);
    }

    @Test
    void theOriginalsReceivedForNamesTheRecipientWhenNothingElseDoes() {
        InboundAnalysis analysis = classify("""
                From: Mail Delivery System <MAILER-DAEMON@mail.example.org>
                To: me@example.com
                Subject: Undeliverable: Angebot
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="B"

                --B
                Content-Type: text/plain

                Your message could not be delivered: mailbox unavailable.
                --B
                Content-Type: message/rfc822

                Received: from mail.example.com (mail.example.com [192.0.2.1])
                \tby mx.example.de with ESMTP id 4711
                \tfor <jana@example.de>; Mon, 6 Jan 2025 10:00:00 +0100
                From: me@example.com
                To: undisclosed-recipients:;
                Subject: Angebot

                Hallo
                --B--
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(addresses(analysis)).containsExactly("jana@example.de");
    }

    @Test
    void aDeliveryReportPastedAsPlainTextStillGivesItsRecipients() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@relay.example.org
                To: me@example.com
                Subject: Undelivered Mail Returned to Sender
                Content-Type: text/plain; charset=utf-8

                I'm sorry to have to inform you that the message returned
                below could not be delivered to one or more destinations.
                ---------------------------------
                From MAILER-DAEMON  Mon Jan  6 10:00:00 2025
                Return-Path: <>
                Date: Mon, 6 Jan 2025 10:00:00 +0100
                From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; marie.dupont@example.fr
                Original-Recipient: rfc822; contact@example.fr
                Action: failed
                Status: 5.7.1
                Diagnostic-Code: smtp; 554 5.7.1 Client host rejected: no PTR record
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        FailedRecipient recipient = analysis.failedRecipients().get(0);
        assertThat(recipient.finalRecipient()).isEqualTo("marie.dupont@example.fr");
        assertThat(recipient.originalRecipient()).isEqualTo("contact@example.fr");
        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.POLICY);
        assertThat(analysis.explanation()).contains("pasted as text");
    }
}
