package io.followup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.testing.FaultSmtpSink.Rule;
import io.followup.testing.FaultSmtpSink.Stage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fault sink itself: it accepts and records by Message-ID, and fails exactly where it is told to. */
class FaultSmtpSinkIT {

    private final FaultSmtpSink sink = FaultSmtpSink.start();

    @AfterEach
    void tearDown() {
        sink.close();
    }

    @Test
    void acceptsAndRecordsEveryMessageWithItsMessageId() throws Exception {
        send("<one@test>", "ann@example.org");
        send("<two@test>", "bob@example.org");

        assertThat(sink.kept()).extracting(FaultSmtpSink.Received::messageId).containsExactly("<one@test>", "<two@test>");
        assertThat(sink.kept().get(1).recipients()).containsExactly("bob@example.org");
        assertThat(sink.repeatedMessageIds()).isEmpty();
    }

    @Test
    void aRecipientRuleRefusesOnlyThatRecipientAndOnlyOnceWhenAskedTo() throws Exception {
        sink.inject(Rule.at(Stage.RCPT, SmtpFault.code(451)).forRecipient("bob@example.org").once());

        assertThatThrownBy(() -> send("<b1@test>", "bob@example.org")).hasMessageContaining("Invalid Addresses");
        send("<a1@test>", "ann@example.org");
        send("<b1@test>", "bob@example.org");

        assertThat(sink.kept()).extracting(FaultSmtpSink.Received::messageId).containsExactly("<a1@test>", "<b1@test>");
    }

    @Test
    void aDropAfterTheFinalDotKeepsTheMessageButGivesNoReply() {
        sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.drop()));

        assertThatThrownBy(() -> send("<d1@test>", "ann@example.org")).isInstanceOf(MessagingException.class);

        assertThat(sink.received()).singleElement().satisfies(received -> {
            assertThat(received.outcome()).isEqualTo(FaultSmtpSink.Outcome.DROPPED);
            assertThat(received.kept()).isTrue();
        });
    }

    @Test
    void aRefusalAfterTheFinalDotIsRecordedAsNotKept() {
        sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.code(554)));

        assertThatThrownBy(() -> send("<r1@test>", "ann@example.org")).hasMessageContaining("554");

        assertThat(sink.received()).singleElement().extracting(FaultSmtpSink.Received::replyCode).isEqualTo(554);
        assertThat(sink.kept()).isEmpty();
    }

    @Test
    void aSilentServerTimesTheClientOut() {
        sink.inject(Rule.at(Stage.MAIL, SmtpFault.silence()));

        assertThatThrownBy(() -> send("<s1@test>", "ann@example.org")).isInstanceOf(MessagingException.class);

        assertThat(sink.received()).isEmpty();
    }

    private void send(String messageId, String to) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(sink.port()));
        properties.put("mail.smtp.timeout", "1000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("owner@followup.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("hello");
        message.setText("hello");
        Transport.send(message);
    }
}
