package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Non-standard bounces of several MTAs, and look-alikes that must not be taken for bounces. */
class BounceHeuristicsTest {

    private final MessageClassifier classifier = new MessageClassifier();

    /** The address, status, class and hardness of a recipient, without the reason wording. */
    private static List<Object> core(FailedRecipient recipient) {
        return List.of(String.valueOf(recipient.address()), String.valueOf(recipient.status()),
                recipient.bounceClass(), recipient.hard());
    }

    private InboundAnalysis classify(String raw) {
        return classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eximBounceUsesXFailedRecipientsAndTheSmtpReply() {
        InboundAnalysis analysis = classify("""
                From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                To: me@example.com
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: Full@Example.NET
                Auto-Submitted: auto-replied

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  full@example.net
                    host mx.example.net [192.0.2.1]
                    SMTP error from remote mail server after RCPT TO:<full@example.net>:
                    552 5.2.2 Mailbox full

                ------ This is a copy of the message, including all the headers. ------

                Message-Id: <sent-9@example.com>
                From: me@example.com
                To: full@example.net
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.failedRecipients()).map(BounceHeuristicsTest::core).containsExactly(
                core(new FailedRecipient("full@example.net", "5.2.2", BounceClass.MAILBOX_FULL, false)));
        assertThat(analysis.references()).containsExactly("<sent-9@example.com>");
    }

    @Test
    void postfixReportWithoutDsnGetsAnInferredStatusFromTheReplyText() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
                To: me@example.com
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mail.example.org.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <nobody@example.net>: host mx.example.net[192.0.2.7] said: 550 Unknown user
                    nobody@example.net (in reply to RCPT TO command)
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.failedRecipients()).map(BounceHeuristicsTest::core).containsExactly(
                core(new FailedRecipient("nobody@example.net", "5.1.1", BounceClass.INVALID_RECIPIENT, true)));
    }

    @Test
    void aBareSmtpReplyCodeImpliesTheClassAndStatus() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mx.example.org
                To: me@example.com
                Subject: failure notice

                Hi. This is the qmail-send program at mx.example.org.
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <stuffed@example.net>:
                192.0.2.9 failed after I sent the message.
                Remote host said: 552 sorry
                """);

        assertThat(analysis.failedRecipients()).map(BounceHeuristicsTest::core).containsExactly(
                core(new FailedRecipient("stuffed@example.net", "5.2.2", BounceClass.MAILBOX_FULL, false)));
    }

    @Test
    void temporaryFailuresAreSoftTransientBounces() {
        InboundAnalysis analysis = classify("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
                To: me@example.com
                Subject: Warning: could not send message for past 4 hours

                    **********************************************
                    **      THIS IS A WARNING MESSAGE ONLY      **
                    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
                    **********************************************

                The original message was received at Mon, 5 May 2025 10:00:00 +0200
                   ----- Transcript of session follows -----
                <slow@example.net>... Deferred: Connection timed out with mx.example.net.
                Warning: message still undelivered after 4 hours
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.failedRecipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.address()).isEqualTo("slow@example.net");
            assertThat(recipient.bounceClass()).isEqualTo(BounceClass.TRANSIENT);
            assertThat(recipient.hard()).isFalse();
        });
    }

    @Test
    void contentRejectedAtDataWithoutAnAddressCodeIsPolicy() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mail.example.org
                To: me@example.com
                Subject: Undelivered Mail Returned to Sender

                Your message could not be delivered.

                <target@example.net>: host mx.example.net[192.0.2.7] said: 554 Message rejected as spam
                    (in reply to end of DATA command)
                """);

        assertThat(analysis.failedRecipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.bounceClass()).isEqualTo(BounceClass.POLICY);
            assertThat(recipient.status()).isEqualTo("5.7.1");
            assertThat(recipient.hard()).isFalse();
        });
    }

    @Test
    void feedbackLoopReportWithoutArfIsAComplaintReferringToTheReportedMessage() {
        InboundAnalysis analysis = classify("""
                From: scomp@isp.example
                To: fbl@example.com
                Subject: Client TOS Notification
                Content-Type: multipart/mixed; boundary=F

                --F
                Content-Type: text/plain

                This is a copy of a message a member reported as spam.
                --F
                Content-Type: message/rfc822

                Message-ID: <sent-77@example.com>
                From: me@example.com
                To: member@isp.example
                Subject: hello

                hi
                --F--
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.COMPLAINT);
        assertThat(analysis.references()).containsExactly("<sent-77@example.com>");
    }

    @Test
    void successDeliveryReportIsNotABounce() {
        InboundAnalysis analysis = classify("""
                From: MAILER-DAEMON@mx.example.org
                To: me@example.com
                Subject: Successful Mail Delivery Report
                Content-Type: multipart/report; report-type=delivery-status; boundary=R

                --R
                Content-Type: text/plain

                Your message was successfully delivered.
                --R
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; friend@example.net
                Action: delivered
                Status: 2.0.0
                --R--
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.OTHER);
        assertThat(analysis.failedRecipients()).isEmpty();
    }

    @Test
    void aPersonReplyingAboutAnUndeliverableMessageIsHuman() {
        InboundAnalysis analysis = classify("""
                From: Ann <ann@example.net>
                To: me@example.com
                Subject: Re: Undeliverable: our meeting
                In-Reply-To: <sent-3@example.com>

                Odd, your first mail could not be delivered, but this one arrived. Tuesday works!

                -----Original Message-----
                From: me@example.com
                Subject: Undeliverable: our meeting
                """);

        assertThat(analysis.kind()).isEqualTo(MessageKind.HUMAN_REPLY);
        assertThat(analysis.failedRecipients()).isEmpty();
    }

    @Test
    void originalRecipientOfADsnIsTheAddressTheSenderUsed() {
        InboundAnalysis analysis = classify("""
                From: postmaster@example.org
                To: me@example.com
                Subject: Delivery Status Notification (Failure)
                Content-Type: multipart/report; report-type=delivery-status; boundary=R

                --R
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Original-Recipient: rfc822;Alias@Example.org
                Final-Recipient: rfc822; real.person@internal.example.org
                Action: failed
                Status: 5.0.0
                Diagnostic-Code: smtp; 550 5.1.6 recipient has moved
                --R--
                """);

        assertThat(analysis.failedRecipients()).map(BounceHeuristicsTest::core).containsExactly(
                core(new FailedRecipient("alias@example.org", "5.1.6", BounceClass.INVALID_RECIPIENT, true)));
    }
}
