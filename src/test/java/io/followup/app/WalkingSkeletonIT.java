package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.config.AppConfig;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.store.Database;
import io.followup.testing.Chores;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The walking skeleton end to end, against GreenMail and a real database (H2, and MariaDB when configured): the
 * daemon's own Quartz chores and IMAP watcher do the work; the test only moves the clock and plays the recipient.
 */
class WalkingSkeletonIT {

    private static final String ALICE = "alice@example.org";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private TestDaemon followup;
    private Daemon daemon;

    @DaemonTest
    void enrollSendThreadAndStopOnReply(TestDaemon given) throws Exception {
        followup = given;
        MutableClock clock = followup.clock();
        AppConfig config = followup.config();
        daemon = followup.open(config);
        daemon.start();

        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the Lisbon meetup")), TestConfigs.SEQUENCE, "test");

        await().atMost(PATIENCE).until(() -> followup.mail().receivedBy(ALICE).size() == 1);
        MimeMessage first = followup.mail().receivedBy(ALICE).get(0);
        assertThat(first.getSubject()).isEqualTo("Great to meet you, Alice");
        assertThat(first.getFrom()[0].toString()).isEqualTo("Olivia Owner <" + TestMail.OWNER + ">");
        assertThat(first.getHeader("In-Reply-To")).isNull();
        assertThat((String) first.getContent()).contains("Hi Alice,", "the Lisbon meetup", "Olivia Owner");
        String firstId = first.getMessageID();
        assertThat(firstId).isEqualTo(storedMessageIds(enrollment.id()).get(0));

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        await().atMost(PATIENCE).until(() -> followup.mail().receivedBy(ALICE).size() == 2);
        MimeMessage second = followup.mail().receivedBy(ALICE).get(1);
        assertThat(second.getSubject()).isEqualTo("Re: Great to meet you, Alice");
        assertThat(second.getHeader("In-Reply-To", null)).isEqualTo(firstId);
        assertThat(second.getHeader("References", null)).isEqualTo(firstId);
        assertThat(second.getMessageID()).isNotEqualTo(firstId);

        followup.mail().reply(ALICE, "Re: Great to meet you, Alice", "Thanks, let's talk next week!\n\n> quoted",
                second.getMessageID(), firstId + " " + second.getMessageID());
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);

        clock.advance(Duration.ofDays(30));
        Chores.drain(daemon);
        assertThat(followup.mail().receivedBy(ALICE)).hasSize(2);
        List<io.followup.outbox.OutboundMessage> messages = daemon.database().jdbi().withHandle(handle ->
                new OutboxStore().ofEnrollment(handle, enrollment.id()));
        assertThat(messages.stream().filter(message -> message.isStep()).map(message -> message.state()))
                .containsExactly(OutboundState.SENT, OutboundState.SENT);
        assertThat(messages.stream().filter(message -> !message.isStep()))
                .as("an interested reply notifies the owner")
                .singleElement().satisfies(notice -> assertThat(notice.toAddress()).isEqualTo(TestMail.OWNER));
        assertThat(events(enrollment.id())).contains("enrolled", "queued", "sent", "reply", "stopped");
    }

    @DaemonTest
    void aTemplateReferringToAMissingFieldHoldsTheDraftAndSendsNothing(TestDaemon given) throws Exception {
        followup = given;
        MutableClock clock = followup.clock();
        daemon = followup.open(followup.config());
        daemon.start();

        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of("carol@example.org", "Carol Chen"),
                TestConfigs.SEQUENCE, "test");

        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.HELD);
        var drafts = daemon.database().jdbi().withHandle(handle -> new OutboxStore()
                .ofEnrollment(handle, enrollment.id()));
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).state()).isEqualTo(OutboundState.HELD);
        assertThat(drafts.get(0).holdReason()).contains("intro/first.vm").contains("met_at");
        clock.advance(Duration.ofDays(10));
        Chores.drain(daemon);
        assertThat(followup.mail().receivedBy("carol@example.org")).as("only the owner's weekly digest goes out").isEmpty();
        assertThat(events(enrollment.id())).contains("draft_held");
    }

    private EnrollmentState state(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, enrollmentId)).state();
    }

    private List<String> storedMessageIds(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT message_id FROM outbound_message WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).mapTo(String.class).list());
    }

    private List<String> events(long enrollmentId) {
        Database database = daemon.database();
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT event FROM event_log WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).mapTo(String.class).list());
    }
}
