package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.Secret;
import io.followup.config.SmtpConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestDatabase;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Passing SMTP failures are retried a bounded number of times with growing delays; secrets never leak. */
class SendFailureIT {

    private static final String PASSWORD = "Very-Secret-Smtp-Password-42";

    @DaemonTest(TestDatabase.Kind.H2)
    void anUnreachableServerIsRetriedWithBackoffThenFailsAndTheErrorNeverShowsThePassword(TestDaemon followup)
            throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AppConfig good = followup.config();
        MailboxConfig mailbox = good.mailboxes().get(0);
        MailboxConfig unreachable = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), new SmtpConfig("127.0.0.1", closedPort,
                mailbox.smtp().security(), "owner@followup.test", Secret.of(PASSWORD), Duration.ofSeconds(2), ""),
                mailbox.imap());
        AppConfig config = good.withMailboxes(List.of(unreachable));
        MutableClock clock = followup.clock();
        try (Daemon daemon = Daemon.open(config, TestConfigs.intro(), clock)) {
            Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of("erin@example.org", "Erin Eng")
                    .withFields(Map.of("met_at", "the Oslo meetup")), TestConfigs.SEQUENCE, "test");
            assertThat(daemon.dispatcher().dispatchDue(10)).isEqualTo(1);

            for (int attempt = 1; attempt <= OutboxSender.MAX_SEND_ATTEMPTS; attempt++) {
                assertThat(daemon.sender().sendDue(10)).isZero();
                OutboundMessage message = only(daemon, enrollment.id());
                assertThat(message.lastError()).contains("127.0.0.1:" + closedPort).doesNotContain(PASSWORD);
                if (attempt < OutboxSender.MAX_SEND_ATTEMPTS) {
                    assertThat(message.state()).isEqualTo(OutboundState.QUEUED);
                    assertThat(message.notBefore()).isEqualTo(clock.instant().plus(OutboxSender.backoff(attempt)));
                    assertThat(daemon.sender().sendDue(10)).as("not before its retry time").isZero();
                    assertThat(only(daemon, enrollment.id()).sendAttempts()).isEqualTo(attempt);
                    clock.set(message.notBefore());
                } else {
                    assertThat(message.state()).isEqualTo(OutboundState.FAILED);
                }
            }
            EnrollmentState state = daemon.database().jdbi().withHandle(handle ->
                    new EnrollmentStore().byId(handle, enrollment.id())).state();
            assertThat(state).isEqualTo(EnrollmentState.FAILED);
            List<String> details = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COALESCE(detail, '') FROM event_log").mapTo(String.class).list());
            assertThat(details).noneMatch(detail -> detail.contains(PASSWORD));
            assertThat(details).anyMatch(detail -> detail.contains("retry at"));
        }
        assertThat(followup.mail().greenMail().getReceivedMessages()).isEmpty();
    }

    private static OutboundMessage only(Daemon daemon, long enrollmentId) {
        List<OutboundMessage> messages = daemon.database().jdbi().withHandle(handle ->
                new OutboxStore().ofEnrollment(handle, enrollmentId));
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }
}
