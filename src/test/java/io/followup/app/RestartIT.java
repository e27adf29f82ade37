package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.config.AppConfig;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.testing.Chores;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestDaemon;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stopping and restarting the daemon mid-sequence: pending enrollments resume from the database, nothing is sent
 * twice, and a message left in {@code sending} by a crash becomes {@code in_doubt} and is never re-sent.
 */
class RestartIT {

    private static final String BOB = "bob@example.org";
    private static final String DORA = "dora@example.org";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private TestDaemon followup;

    @DaemonTest
    void pendingEnrollmentsResumeAfterARestartAndAnAbandonedSendBecomesInDoubt(TestDaemon given)
            throws Exception {
        followup = given;
        MutableClock clock = followup.clock();
        clock.set(Instant.parse("2026-11-02T09:00:00Z"));
        AppConfig config = followup.config();
        Map<String, String> fields = Map.of("met_at", "the Oslo meetup");

        Enrollment bob;
        Enrollment dora;
        try (Daemon first = Daemon.open(config, followup.sequences(), clock)) {
            first.start();
            bob = first.enrollments().enroll(ContactSpec.of(BOB, "Bob Berg").withFields(fields), "intro", "test");
            dora = first.enrollments().enroll(ContactSpec.of(DORA, "Dora Dahl").withFields(fields), "intro", "test");
            await().atMost(PATIENCE).until(() -> followup.mail().receivedBy(BOB).size() == 1 && followup.mail().receivedBy(DORA).size() == 1);
        }

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        try (Daemon crashing = Daemon.open(config, followup.sequences(), clock)) {
            assertThat(crashing.dispatcher().dispatchDue(10)).isEqualTo(2);
            OutboundMessage doraSecond = outbound(crashing, dora.id()).get(1);
            boolean claimed = crashing.database().jdbi().inTransaction(handle ->
                    new OutboxStore().claimForSending(handle, doraSecond.id(), config.nodeId(), clock.instant()));
            assertThat(claimed).isTrue();
        }

        try (Daemon second = Daemon.open(config, followup.sequences(), clock)) {
            second.start();
            await().atMost(PATIENCE).until(() -> followup.mail().receivedBy(BOB).size() == 2);
            List<OutboundMessage> doraMessages = outbound(second, dora.id());
            assertThat(doraMessages.get(1).state()).isEqualTo(OutboundState.IN_DOUBT);

            clock.advance(Duration.ofDays(2).plusMinutes(1));
            await().atMost(PATIENCE).until(() -> followup.mail().receivedBy(BOB).size() == 3);
            Chores.drain(second);

            assertThat(followup.mail().receivedBy(DORA)).hasSize(1);
            assertThat(outbound(second, dora.id())).extracting(OutboundMessage::state)
                    .containsExactly(OutboundState.SENT, OutboundState.IN_DOUBT);
            List<MimeMessage> bobs = followup.mail().receivedBy(BOB);
            assertThat(bobs).extracting(MimeMessage::getMessageID).doesNotHaveDuplicates();
            assertThat(bobs.get(2).getHeader("In-Reply-To", null)).isEqualTo(bobs.get(1).getMessageID());
            assertThat(bobs.get(2).getHeader("References", null))
                    .isEqualTo(bobs.get(0).getMessageID() + " " + bobs.get(1).getMessageID());
            assertThat(outbound(second, bob.id())).extracting(OutboundMessage::state)
                    .containsExactly(OutboundState.SENT, OutboundState.SENT, OutboundState.SENT);
            int inDoubtEvents = second.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM event_log WHERE event = 'in_doubt' AND enrollment_id = :id")
                    .bind("id", dora.id()).mapTo(Integer.class).one());
            assertThat(inDoubtEvents).isEqualTo(1);
        }
    }

    private static List<OutboundMessage> outbound(Daemon daemon, long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> new OutboxStore().ofEnrollment(handle, enrollmentId));
    }
}
