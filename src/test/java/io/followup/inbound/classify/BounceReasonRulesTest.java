package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The reason rules one by one, on hand-made bounces: each decision names its fine reason (sisimai's
 * taxonomy), the coarse class follows from it, and the rule that decided is given as {@code why}.
 */
class BounceReasonRulesTest {

    private final MessageClassifier classifier = new MessageClassifier();

    /** A Postfix-style bounce without a delivery-status part: only the text says what happened. */
    private FailedRecipient postfixBounce(String diagnostic) {
        String raw = """
                From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
                To: me@example.com
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mail.example.org.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <ann@example.net>: host mx.example.net[192.0.2.7] said: %s
                """.formatted(diagnostic);
        InboundAnalysis analysis = classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.failedRecipients()).hasSize(1);
        return analysis.failedRecipients().get(0);
    }

    /** An RFC 3464 report with this Status and Diagnostic-Code. */
    private FailedRecipient dsnBounce(String status, String diagnostic) {
        return dsnBounce("Delivery has failed to these recipients or groups.", status, diagnostic);
    }

    private FailedRecipient dsnBounce(String humanText, String status, String diagnostic) {
        String raw = """
                From: MAILER-DAEMON@mail.example.org
                To: me@example.com
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                %s
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.org

                Final-Recipient: rfc822; ann@example.net
                Action: failed
                Status: %s
                Diagnostic-Code: smtp; %s

                --B--
                """.formatted(humanText, status, diagnostic);
        InboundAnalysis analysis = classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        return analysis.failedRecipients().get(0);
    }

    @Test
    void userUnknownInAnswerToRcptToIsAnInvalidRecipient() {
        FailedRecipient recipient = postfixBounce("550 5.1.1 <ann@example.net>: User unknown (in reply to RCPT TO command)");

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.INVALID_RECIPIENT);
        assertThat(recipient.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(recipient.why()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "550 Unknown user ann@example.net (in reply to end of DATA command)",
            "550 No such user here (in reply to end of DATA command)",
            "554 mailbox does not exist (in reply to end of DATA command)"})
    void userUnknownAfterTheContentWasSentIsAFilterNotTheAddress(String diagnostic) {
        FailedRecipient recipient = postfixBounce(diagnostic);

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.POLICY);
        assertThat(recipient.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(recipient.why()).contains("DATA");
    }

    @Test
    void userUnknownWithABareReplyCodeAndNoStageIsReadAsAFilter() {
        FailedRecipient recipient = postfixBounce("550\n    <ann@example.net>: User unknown");

        assertThat(recipient.reason()).isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void theReportingSystemSayingTheAddressWasNotFoundKeepsItAnInvalidRecipient() {
        FailedRecipient recipient = dsnBounce("** Address not found **\nYour message wasn't delivered to"
                + " ann@example.net because the address couldn't be found.", "5.0.0", "550 <ann@example.net>: User unknown");

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.INVALID_RECIPIENT);
    }

    @Test
    void exchangeOnlineAccessDeniedForANonExistentRecipientIsAnInvalidRecipient() {
        FailedRecipient recipient = dsnBounce("5.4.1",
                "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB5EUR03FT.eop-EUR03.prod]");

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.INVALID_RECIPIENT);
        assertThat(recipient.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void clearUserUnknownWordingOutranksARoutingStatusCode() {
        FailedRecipient recipient = dsnBounce("5.4.1", "550 5.4.1 Unknown recipient: ann@example.net");

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.INVALID_RECIPIENT);
        assertThat(recipient.why()).contains("status 5.4.1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.9]",
            "450 4.7.25 Client host rejected: no PTR record for 192.0.2.9",
            "421 4.7.0 Your IP 192.0.2.9 is blacklisted, try again later",
            "451 4.7.1 Service unavailable - insecure relay detected, temporarily deferred",
            "550 INVALID IP 192.0.2.9 for this domain",
            "550 domain [example.com] mismatches client ip 192.0.2.9"})
    void aPolicyBlockIsPolicyEvenInATemporaryReply(String diagnostic) {
        FailedRecipient recipient = postfixBounce(diagnostic);

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.POLICY);
        assertThat(recipient.why()).startsWith("wording");
    }

    @Test
    void aHedgedMaybeBlacklistedIsNotABlock() {
        FailedRecipient recipient = postfixBounce(
                "550 5.1.1 the account may not exist, it may be blacklisted (in reply to RCPT TO command)");

        assertThat(recipient.reason()).isNotEqualTo(BounceReason.BLOCKED);
    }

    /**
     * Size and line-length limits are policy; expiry wording is transient; a broken TLS layer is a system error,
     * not a refusal, and so is a failure answering MAIL FROM, not a refusal of the sender.
     */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "552 5.3.4 Message size exceeds fixed limit|POLICY|MESG_TOO_BIG",
            "552 Message is too large for this recipient|POLICY|MESG_TOO_BIG",
            "550 5.5.2 Line too long (see RFC 5321 4.5.3.1.6)|POLICY|MESG_TOO_BIG",
            "554 Line length exceeded, lines longer than 998 characters are not allowed|POLICY|MESG_TOO_BIG",
            "550 Delivery to this address has been failing for a long time|TRANSIENT|EXPIRED",
            "550 Failed 20 attempts to deliver this message|TRANSIENT|EXPIRED",
            "550 Delivery aborted after 5.0 hour(s) of retries|TRANSIENT|EXPIRED",
            "554 5.0.0 retry timeout exceeded|TRANSIENT|EXPIRED",
            "500 Remote server does not support TLS|TRANSIENT|SYSTEM_ERROR",
            "421 4.4.2 STARTTLS handshake failed with mx.example.net|TRANSIENT|SYSTEM_ERROR",
            "454 4.7.0 TLS negotiation failed, retrying later|TRANSIENT|SYSTEM_ERROR",
            "554 Transaction failed (in reply to MAIL FROM command)|TRANSIENT|SYSTEM_ERROR"})
    void aDiagnosticGivesItsClassAndFineReason(String diagnostic, BounceClass bounceClass, BounceReason reason) {
        FailedRecipient recipient = postfixBounce(diagnostic);

        assertThat(recipient.bounceClass()).isEqualTo(bounceClass);
        assertThat(recipient.reason()).isEqualTo(reason);
    }

    @Test
    void aTemporarySystemErrorThatSaysRefusedIsTransientNotPolicy() {
        FailedRecipient recipient = postfixBounce("451 Requested action aborted: connection refused by backend");

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.TRANSIENT);
    }

    @Test
    void wordsOfTheSmtpTranscriptThatAreNotARefusalAreNotReasons() {
        String text = """
                 Out: 250-STARTTLS
                 Out: 250-AUTH PLAIN LOGIN
                 In:  RCPT TO:<ann@example.net> ORCPT=rfc822;ann@example.net
                 Out: 250 2.1.5 Ok
                 In:  DATA
                 Out: 451 4.3.0 Error: queue file write error
                """;

        assertThat(BounceReasons.classify("4.3.0", text).reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(BounceReasons.withoutSessionNoise(text)).doesNotContain("STARTTLS", "rfc822")
                .contains("queue file write error");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "5.1.1|userunknown|invalid_recipient",
            "5.1.2|hostunknown|invalid_recipient",
            "5.2.2|mailboxfull|mailbox_full",
            "5.3.4|mesgtoobig|policy",
            "4.4.7|expired|transient",
            "5.7.1|securityerror|policy"})
    void aStatusCodeAloneGivesAFineReasonAndItsClass(String status, String reason, String bounceClass) {
        BounceReasons.Decision decision = BounceReasons.classify(status, "");

        assertThat(decision.reason().wireName()).isEqualTo(reason);
        assertThat(decision.bounceClass().wireName()).isEqualTo(bounceClass);
        assertThat(decision.why()).isEqualTo("status " + status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fml [fml 4.0.3 release]|You are not a member of this mailing list (sales@lists.example.jp).|rejected",
            "fml [fml 8.0]|Loop Alert: duplicated Message-ID in <sales@lists.example.jp>.|systemerror",
            "GNU Mailman|Your message to sales@lists.example.jp was rejected: you are not a member.|rejected"})
    void aMailingListManagerRefusingAPostIsABounce(String software, String text, String reason) {
        String raw = """
                From: sales-admin@lists.example.jp
                To: me@example.com
                Subject: Re: your post
                X-MLServer: %s
                Date: Mon, 6 Jan 2025 10:00:00 +0900

                %s
                """.formatted(software, text);

        InboundAnalysis analysis = classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.explanation()).contains("mailing-list manager");
        assertThat(analysis.failedRecipients()).extracting(recipient -> recipient.reason().wireName())
                .containsExactly(reason);
    }

    @Test
    void aListHeaderWithoutRefusalWordingIsNotABounce() {
        String raw = """
                From: ann@example.net
                To: sales@lists.example.jp
                Subject: Meeting notes
                X-MLServer: fml [fml 4.0.3 release]

                Here are the notes from today.
                """;

        InboundAnalysis analysis = classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(analysis.kind()).isNotEqualTo(MessageKind.BOUNCE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Your message was rejected by the destination domain. The error that the other server returned was:"
                    + " 552 5.2.2 Mailbox of ann is over quota|mailboxfull",
            "Delivery was refused by the receiving side. The remote server replied: 550 5.1.1 No such user here"
                    + "|userunknown",
            "The message was rejected. The other server responded with this error: 451 4.3.0 queue file write error"
                    + "|systemerror"})
    void theServerReplyAReportQuotesOutranksTheReportsOwnFraming(String text, String reason) {
        FailedRecipient recipient = postfixBounce(text);

        assertThat(recipient.reason().wireName()).isEqualTo(reason);
        assertThat(recipient.why()).contains("in the reply the report quotes");
    }

    @Test
    void aProductNameWithSecurityInItIsNotASecurityReason() {
        assertThat(BounceReasons.wording("***** Message from Acme Mail Security Gateway *****\nUnable to deliver"
                + " the message to <ann@example.net>.")).isNull();
        assertThat(BounceReasons.wording("550 This message failed our security check").reason())
                .isEqualTo(BounceReason.SECURITY_ERROR);
    }

    @Test
    void aSendmailRecordWithoutReasonTakesTheReplyOfItsWhileTalkingToBlock() {
        String raw = """
                From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.org>
                To: me@example.com
                Subject: Returned mail: see transcript for details

                ----- Transcript of session follows -----
                While talking to mx.example.net:
                >>> MAIL From:<me@example.com>
                <<< 553 <me@example.com>... your server 192.0.2.9 is listed at dnsbl.example.org
                554 <ann@example.net>... Remote protocol error
                550 example.com (smtp)... 550 Host unknown
                554 <bob@example.com>... 550 Host unknown (Authoritative answer from name server)
                While talking to mx.example.jp:
                >>> RCPT To:<carl@example.jp>
                <<< 550 5.1.1 <carl@example.jp>... User unknown
                550 5.1.1 <carl@example.jp>... User unknown
                """;

        InboundAnalysis analysis = classifier.classify(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.failedRecipients()).extracting(FailedRecipient::address, r -> r.reason().wireName())
                .containsExactly(tuple("ann@example.net", "blocked"),
                        tuple("bob@example.com", "hostunknown"),
                        tuple("carl@example.jp", "userunknown"));
    }
}
