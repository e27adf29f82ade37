package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sequence or a mailbox removed from the configuration while enrollments still use it: those enrollments are
 * retired with a visible reason (state stopped, stop reason, a "retired" event) and never block the dispatcher. The
 * batch is one enrollment wide, so a removed one that kept failing would starve the others for ever.
 */
class RemovedConfigurationIT {

    @TempDir
    Path base;

    private TestMail mail;
    private TestDatabase testDatabase;
    private Daemon daemon;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    static Stream<TestDatabase.Kind> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void enrollmentsOfARemovedSequenceAreRetiredAndTheOthersStillGoOut(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        AppConfig config = TestConfigs.aConfig(base, mail, testDatabase);
        SequenceDefinition intro = config.sequences().get(0);
        SequenceDefinition other = new SequenceDefinition("other", "to be removed", "main", intro.steps(),
                intro.afterLastStep());
        daemon = Daemon.open(withSequences(config, config.mailboxes(), List.of(intro, other)), clock);
        Enrollment removed = enroll("ann@example.org", "other");
        clock.advance(Duration.ofMinutes(1));
        Enrollment kept = enroll("bob@example.org", TestConfigs.SEQUENCE);
        daemon.close();

        daemon = Daemon.open(config, clock);
        clock.advance(Duration.ofMinutes(1));
        daemon.dispatcher().dispatchDue(1);
        daemon.dispatcher().dispatchDue(1);

        assertRetired(removed.id(), "retired: sequence \"other\" was removed from the configuration");
        assertThat(outbound(kept.id())).containsExactly(OutboundState.QUEUED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void enrollmentsOfARemovedMailboxAreRetiredWithTheMailboxNamed(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        AppConfig config = TestConfigs.aConfig(base, mail, testDatabase);
        MailboxConfig main = config.mailboxes().get(0);
        MailboxConfig second = new MailboxConfig("second", "second@followup.test", "Second", main.owner(),
                main.timeZone(), main.smtp(), main.imap());
        SequenceDefinition intro = config.sequences().get(0);
        SequenceDefinition onSecond = new SequenceDefinition(intro.name(), intro.description(), "second",
                intro.steps(), intro.afterLastStep());
        daemon = Daemon.open(withSequences(config, List.of(main, second), List.of(onSecond)), clock);
        Enrollment removed = enroll("ann@example.org", TestConfigs.SEQUENCE);
        daemon.close();

        daemon = Daemon.open(config, clock);
        clock.advance(Duration.ofMinutes(1));
        Enrollment kept = enroll("bob@example.org", TestConfigs.SEQUENCE);
        daemon.dispatcher().dispatchDue(1);
        daemon.dispatcher().dispatchDue(1);

        assertRetired(removed.id(), "retired: mailbox \"second\" was removed from the configuration");
        assertThat(outbound(kept.id())).containsExactly(OutboundState.QUEUED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void atStartUpPausedEnrollmentsOfARemovedSequenceAreRetiredToo(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        AppConfig config = TestConfigs.aConfig(base, mail, testDatabase);
        SequenceDefinition intro = config.sequences().get(0);
        SequenceDefinition other = new SequenceDefinition("other", "to be removed", "main", intro.steps(),
                intro.afterLastStep());
        daemon = Daemon.open(withSequences(config, config.mailboxes(), List.of(intro, other)), clock);
        Enrollment removed = enroll("ann@example.org", "other");
        daemon.control().pause(new EnrollmentControl.Target.One(removed.id()), "test");
        daemon.close();

        daemon = Daemon.open(config, clock);
        assertThat(daemon.dispatcher().retireRemoved()).isEqualTo(1);

        assertRetired(removed.id(), "retired: sequence \"other\" was removed from the configuration");
    }

    private void assertRetired(long enrollmentId, String reason) {
        Enrollment retired = daemon.database().jdbi().withHandle(handle ->
                new EnrollmentStore().byId(handle, enrollmentId));
        assertThat(retired.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(retired.stopReason()).isEqualTo(reason);
        List<String> events = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT event FROM event_log WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).mapTo(String.class).list());
        assertThat(events).contains(EnrollmentRetirement.EVENT.text()).doesNotContain("dispatch_failed");
    }

    private Enrollment enroll(String email, String sequence) {
        return daemon.enrollments().enroll(ContactSpec.of(email, "Ann Example")
                .withFields(Map.of("met_at", "the meetup")), sequence, "test");
    }

    private List<OutboundState> outbound(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> new OutboxStore().ofEnrollment(handle, enrollmentId))
                .stream().map(message -> message.state()).toList();
    }

    private static AppConfig withSequences(AppConfig config, List<MailboxConfig> mailboxes,
                                           List<SequenceDefinition> sequences) {
        return new AppConfig(config.source(), config.nodeId(), config.dataDir(), config.templatesDir(),
                config.sequencesDir(), config.database(), config.owners(), mailboxes, config.scheduler(),
                sequences);
    }
}
