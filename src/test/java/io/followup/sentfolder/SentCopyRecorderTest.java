package io.followup.sentfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.config.SentFolder;
import io.followup.config.SmtpConfig;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SentCopyRecorderTest {

    private static MailboxConfig mailbox(String smtpHost, SentFolder choice) {
        return new MailboxConfig("main", "ada@example.com", "Ada", "ada@example.com", ZoneOffset.UTC,
                new SmtpConfig(smtpHost, 587, Security.STARTTLS, "ada@example.com", Secret.of("pw"),
                        Duration.ofSeconds(30), ""),
                new ImapConfig("imap.example.com", 993, Security.SSL, "ada@example.com", Secret.of("pw"), "INBOX",
                        true, Duration.ofSeconds(60), Duration.ofSeconds(30), "").withSentFolder(choice));
    }

    @Test
    void autoCopiesExceptThroughGmailsSmtpWhichStoresItsOwnCopy() {
        assertThat(SentCopyRecorder.copies(mailbox("smtp.example.com", SentFolder.AUTO))).isTrue();
        assertThat(SentCopyRecorder.copies(mailbox("smtp.gmail.com", SentFolder.AUTO))).isFalse();
        assertThat(SentCopyRecorder.copies(mailbox("SMTP.GoogleMail.com", SentFolder.AUTO))).isFalse();
    }

    @Test
    void aNamedFolderIsUsedEvenWithGmailAndNoneNeverCopies() {
        assertThat(SentCopyRecorder.copies(mailbox("smtp.gmail.com", SentFolder.named("Copies")))).isTrue();
        assertThat(SentCopyRecorder.copies(mailbox("smtp.example.com", SentFolder.NONE))).isFalse();
    }

    @Test
    void aMailboxWithoutImapGetsNoCopy() {
        MailboxConfig withImap = mailbox("smtp.example.com", SentFolder.AUTO);
        assertThat(SentCopyRecorder.copies(new MailboxConfig("main", "ada@example.com", "Ada", "ada@example.com",
                ZoneOffset.UTC, withImap.smtp(), null))).isFalse();
    }

    @Test
    void retriesBackOffUpToAnHour() {
        assertThat(SentFolderAppender.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SentFolderAppender.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(SentFolderAppender.backoff(20)).isEqualTo(Duration.ofMinutes(60));
    }
}
