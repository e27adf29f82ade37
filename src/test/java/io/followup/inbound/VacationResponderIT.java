package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.config.SmtpConfig;
import io.followup.config.UnsubscribeMode;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.Closing;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import io.followup.testing.TestPostfixDovecot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-office replies from a real responder: followup sends through a real Postfix to a real Dovecot whose Sieve
 * vacation script (Pigeonhole) answers. Personal mail (the default, no {@code List-Unsubscribe}) gets the
 * out-of-office reply, and followup pauses the enrollment until the stated date; the same sequence sending bulk
 * mail ({@code unsubscribe: header}) gets no answer at all: the responder discards it as mailing-list mail, so
 * followup cannot know the contact is away.
 */
class VacationResponderIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ALICE = "alice@example.org";
    private static final String VACATION = "Thank you for your message. I am out of the office until 16 March 2026"
            + " and will reply when I am back.";

    @TempDir
    Path base;

    private TestPostfixDovecot mailSystem;
    private TestDatabase testDatabase;
    private Daemon daemon;

    @BeforeEach
    void startTheMailSystem() {
        Assumptions.assumeTrue(TestPostfixDovecot.available(), TestPostfixDovecot::unavailableReason);
        mailSystem = new TestPostfixDovecot(TestMail.OWNER, ALICE);
        mailSystem.vacation(ALICE, "Out of office", VACATION);
        testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
    }

    @AfterEach
    void tearDown() {
        Closing.all(daemon, mailSystem, testDatabase);
    }

    @Test
    void theVacationResponderAnswersPersonalMailAndTheEnrollmentPausesUntilTheStatedDate() {
        Enrollment enrollment = sendFirstStepToAlice(null);

        await().atMost(PATIENCE).until(() -> mailSystem.dovecotLog().contains("sent vacation response to <"
                + TestMail.OWNER + ">"));
        await().atMost(PATIENCE).until(() -> enrollment(enrollment.id()).state() == EnrollmentState.PAUSED);

        Instant resumeAt = enrollment(enrollment.id()).resumeAt();
        assertThat(resumeAt).as("paused until the return date the responder gave")
                .isAfterOrEqualTo(Instant.parse("2026-03-16T00:00:00Z"))
                .isBefore(Instant.parse("2026-03-18T00:00:00Z"));
        assertThat(inboundKinds()).containsExactly("auto_reply");
    }

    @Test
    void theSameSequenceSendingBulkMailGetsNoVacationReplySoTheEnrollmentGoesOn() {
        Enrollment enrollment = sendFirstStepToAlice(UnsubscribeMode.HEADER);

        await().atMost(PATIENCE).until(() -> mailSystem.dovecotLog()
                .contains("discarding vacation response to mailinglist recipient <" + TestMail.OWNER + ">"));

        assertThat(mailSystem.dovecotLog()).doesNotContain("sent vacation response");
        assertThat(mailSystem.inboxCount(TestMail.OWNER)).as("nothing came back to the owner's mailbox").isZero();
        assertThat(enrollment(enrollment.id()).state()).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(inboundKinds()).isEmpty();
    }

    /** Starts the daemon on Postfix + Dovecot, enrolls Alice and waits until Dovecot delivered step 1 to her. */
    private Enrollment sendFirstStepToAlice(UnsubscribeMode unsubscribe) {
        SmtpConfig postfix = new SmtpConfig("127.0.0.1", mailSystem.smtpPort(), Security.PLAIN, null, Secret.NONE,
                Duration.ofSeconds(10), "");
        AppConfig config = TestConfigs.aConfig(base, postfix, mailSystem.imapPort(), TestPostfixDovecot.PASSWORD,
                testDatabase);
        daemon = Daemon.open(config, TestConfigs.intro(unsubscribe),
                new MutableClock(Instant.parse("2026-03-02T09:00:00Z")));
        daemon.start();
        await("the watcher took its first look (mail before it is not read)").atMost(PATIENCE)
                .until(() -> daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM mailbox_watermark").mapTo(Integer.class).one()) == 1);
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mailSystem.inboxCount(ALICE) == 1);
        return enrollment;
    }

    private Enrollment enrollment(long id) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    private List<String> inboundKinds() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT kind FROM inbound_message ORDER BY id").mapTo(String.class).list());
    }
}
