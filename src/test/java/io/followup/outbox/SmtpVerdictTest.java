package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.outbox.MailException.Disposition;
import org.junit.jupiter.api.Test;

/** The sender's rule as a table: what a failure means by the stage it reached and the server's reply there. */
class SmtpVerdictTest {

    @Test
    void noVerdictAfterTheFinalDotIsInDoubtAndBeforeItIsARetry() {
        for (SmtpStage stage : SmtpStage.values()) {
            Disposition expected = stage == SmtpStage.END_OF_DATA ? Disposition.IN_DOUBT : Disposition.RETRY;
            assertThat(SmtpMailer.verdict(stage, null).disposition()).as("timeout at %s", stage).isEqualTo(expected);
            assertThat(SmtpMailer.verdict(stage, SmtpReply.of(-1, "[EOF]")).disposition()).as("drop at %s", stage)
                    .isEqualTo(expected);
            assertThat(SmtpMailer.verdict(stage, null).mailboxUnavailable()).isTrue();
        }
    }

    @Test
    void aFiveHundredRefusesTheMessageAtEveryStageOfTheTransactionAndKeepsTheBatchGoing() {
        for (SmtpStage stage : new SmtpStage[] {SmtpStage.MAIL, SmtpStage.RCPT, SmtpStage.DATA,
                SmtpStage.END_OF_DATA}) {
            SmtpMailer.Verdict verdict = SmtpMailer.verdict(stage, SmtpReply.of(550, "550 5.1.1 No such user"));
            assertThat(verdict.disposition()).as("550 at %s", stage).isEqualTo(Disposition.REFUSED);
            assertThat(verdict.mailboxUnavailable()).isFalse();
        }
    }

    @Test
    void aFourHundredDelaysOnlyThatMessageExceptA421WhichClosesTheConnection() {
        SmtpMailer.Verdict busy = SmtpMailer.verdict(SmtpStage.RCPT, SmtpReply.of(451, "451 4.3.0 later"));
        assertThat(busy.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(busy.mailboxUnavailable()).isFalse();
        SmtpMailer.Verdict refusedAfterDot = SmtpMailer.verdict(SmtpStage.END_OF_DATA, SmtpReply.of(452, "452 full"));
        assertThat(refusedAfterDot.disposition()).as("an explicit 4xx after the dot is a verdict")
                .isEqualTo(Disposition.RETRY);
        SmtpMailer.Verdict closing = SmtpMailer.verdict(SmtpStage.END_OF_DATA, SmtpReply.of(421, "421 bye"));
        assertThat(closing.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(closing.mailboxUnavailable()).isTrue();
    }

    @Test
    void aRefusalWhileConnectingConcernsTheMailboxNotTheMessage() {
        SmtpMailer.Verdict verdict = SmtpMailer.verdict(SmtpStage.CONNECT, SmtpReply.of(554, "554 no service"));
        assertThat(verdict.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(verdict.mailboxUnavailable()).isTrue();
    }

    @Test
    void theEnhancedStatusCodeIsReadFromTheReplyWhenThereIsOne() {
        assertThat(SmtpReply.of(550, "550 5.1.1 <a@b>: user unknown\n").enhancedStatus()).isEqualTo("5.1.1");
        assertThat(SmtpReply.of(451, "451-4.3.0 first line\n451 4.3.0 second").enhancedStatus()).isEqualTo("4.3.0");
        assertThat(SmtpReply.of(550, "550 mailbox unavailable").enhancedStatus()).isNull();
        assertThat(SmtpReply.of(0, "no reply").answered()).isFalse();
    }
}
