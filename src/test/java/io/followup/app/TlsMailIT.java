package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.followup.config.AppConfig;
import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.config.SmtpConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending over SMTPS and watching over IMAPS (implicit TLS), with authentication, against GreenMail. */
class TlsMailIT {

    private static final String CAROL = "carol@example.org";

    @TempDir
    Path base;

    private GreenMail greenMail;
    private TestMail plain;
    private TestDatabase testDatabase;

    @AfterEach
    void tearDown() {
        greenMail.stop();
        plain.close();
        testDatabase.close();
    }

    @Test
    void sendsOverSmtpsAndSeesTheReplyOverImaps() throws Exception {
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(3465, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(3993, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(3026, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)}));
        greenMail.start();
        greenMail.setUser(TestMail.OWNER, TestMail.OWNER, TestMail.OWNER_PASSWORD);
        plain = new TestMail();
        testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
        AppConfig template = TestConfigs.aConfig(base, plain, testDatabase);
        MailboxConfig mailbox = template.mailboxes().get(0);
        MailboxConfig tls = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(),
                new SmtpConfig("127.0.0.1", greenMail.getSmtps().getPort(), Security.SSL, TestMail.OWNER,
                        Secret.of(TestMail.OWNER_PASSWORD), Duration.ofSeconds(10), "*"),
                new ImapConfig("127.0.0.1", greenMail.getImaps().getPort(), Security.SSL, TestMail.OWNER,
                        Secret.of(TestMail.OWNER_PASSWORD), "INBOX", true, Duration.ofMillis(500),
                        Duration.ofSeconds(10), "*"));
        AppConfig config = template.withMailboxes(List.of(tls));
        MutableClock clock = new MutableClock(Instant.now());

        try (Daemon daemon = Daemon.open(config, TestConfigs.intro(), clock)) {
            daemon.start();
            Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(CAROL, "Carol Chen")
                    .withFields(Map.of("met_at", "the Taipei meetup")), TestConfigs.SEQUENCE, "test");
            await().atMost(Duration.ofSeconds(20)).until(() -> greenMail.getReceivedMessagesForDomain("example.org")
                    .length == 1);
            MimeMessage sent = greenMail.getReceivedMessagesForDomain("example.org")[0];
            assertThat(sent.getSubject()).isEqualTo("Great to meet you, Carol");
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.database().jdbi().withHandle(handle ->
                    handle.createQuery("SELECT COUNT(*) FROM mailbox_watermark").mapTo(Integer.class).one()) == 1);

            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
            MimeMessage reply = new MimeMessage(Session.getInstance(properties));
            reply.setFrom(new InternetAddress(CAROL));
            reply.setRecipient(Message.RecipientType.TO, new InternetAddress(TestMail.OWNER));
            reply.setSubject("Re: " + sent.getSubject());
            reply.setHeader("In-Reply-To", sent.getMessageID());
            reply.setText("Sounds good, let's talk.");
            Transport.send(reply);

            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.database().jdbi().withHandle(handle ->
                    new EnrollmentStore().byId(handle, enrollment.id())).state() == EnrollmentState.STOPPED);
        }
    }
}
