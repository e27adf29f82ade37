package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.EnrollmentControl.Outcome;
import io.followup.sequence.EnrollmentControl.Target;
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
 * Pause, resume and stop by hand against a real database and GreenMail. The test runs the dispatcher and the
 * sender itself after each clock move (the "intro" sequence: step 1 at once, steps 2 and 3 two days apart).
 */
class PauseResumeIT {

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

    private void open(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        daemon = Daemon.open(TestConfigs.aConfig(base, mail, testDatabase), clock);
    }

    private Enrollment enroll(String email) {
        return daemon.enrollments().enroll(ContactSpec.of(email, "Ann Example")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
    }

    /** One round of the two chores, as the scheduler would run them. */
    private void runChores() {
        daemon.dispatcher().dispatchDue(10);
        daemon.sender().sendDue(10);
    }

    private List<OutboundState> outbound(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> new OutboxStore().ofEnrollment(handle, enrollmentId))
                .stream().map(message -> message.state()).toList();
    }

    private Enrollment enrollment(long id) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    private List<String> events(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT CONCAT(event, ' (', cause, ')') FROM event_log WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).mapTo(String.class).list());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void resumingAfterTwoMissedStepsSendsExactlyOneAndTheNextOnlyAfterItsFullWait(TestDatabase.Kind kind) {
        open(kind);
        Enrollment enrollment = enroll("ann@example.org");
        runChores();
        assertThat(outbound(enrollment.id())).containsExactly(OutboundState.SENT);

        assertThat(daemon.control().pause(new Target.All(), "cli pause")).isEqualTo(new Outcome(1, 0));
        Enrollment paused = enrollment(enrollment.id());
        assertThat(paused.state()).isEqualTo(EnrollmentState.PAUSED);
        assertThat(paused.resumeAt()).isNull();
        clock.advance(Duration.ofDays(5));
        runChores();
        assertThat(outbound(enrollment.id())).containsExactly(OutboundState.SENT);

        assertThat(daemon.control().resume(new Target.All(), "cli resume")).isEqualTo(new Outcome(1, 0));
        runChores();
        runChores();
        assertThat(outbound(enrollment.id())).containsExactly(OutboundState.SENT, OutboundState.SENT);

        clock.advance(Duration.ofDays(2).minusMinutes(1));
        runChores();
        assertThat(outbound(enrollment.id())).hasSize(2);
        clock.advance(Duration.ofMinutes(2));
        runChores();
        assertThat(outbound(enrollment.id()))
                .containsExactly(OutboundState.SENT, OutboundState.SENT, OutboundState.SENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.receivedBy("ann@example.org").size() == 3);
        assertThat(events(enrollment.id())).contains("paused (cli pause)", "resumed (cli resume)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void oneEnrollmentOrOneSequenceCanBePausedAndStoppingCancelsTheUnsentDraft(TestDatabase.Kind kind) {
        open(kind);
        Enrollment ann = enroll("ann@example.org");
        Enrollment bob = enroll("bob@example.org");
        daemon.dispatcher().dispatchDue(10);

        assertThat(daemon.control().pause(new Target.One(ann.id()), "cli pause")).isEqualTo(new Outcome(1, 0));
        assertThat(enrollment(bob.id()).state()).isEqualTo(EnrollmentState.ACTIVE);
        daemon.control().pause(new Target.Sequence(TestConfigs.SEQUENCE), "cli pause");
        assertThat(enrollment(bob.id()).state()).isEqualTo(EnrollmentState.PAUSED);
        assertThat(daemon.sender().sendDue(10)).isZero();

        assertThat(daemon.control().stop(new Target.One(ann.id()), "cli stop")).isEqualTo(new Outcome(1, 0));
        assertThat(enrollment(ann.id()).state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(enrollment(ann.id()).stopReason()).isEqualTo("stopped by hand");
        assertThat(outbound(ann.id())).containsExactly(OutboundState.CANCELLED);

        assertThat(daemon.control().resume(new Target.All(), "cli resume")).isEqualTo(new Outcome(1, 0));
        assertThat(daemon.control().resume(new Target.One(ann.id()), "cli resume")).isEqualTo(new Outcome(0, 1));
        assertThat(daemon.sender().sendDue(10)).isEqualTo(1);
        assertThat(outbound(bob.id())).containsExactly(OutboundState.SENT);
        assertThat(events(ann.id())).containsExactly("enrolled (test)", "queued (step due)", "paused (cli pause)",
                "paused (cli pause)", "stopped (cli stop)");
        assertThatThrownBy(() -> daemon.control().pause(new Target.Sequence("nope"), "cli pause"))
                .isInstanceOf(EnrollmentException.class).hasMessage("unknown sequence \"nope\"; configured: intro");
        assertThatThrownBy(() -> daemon.control().stop(new Target.One(999), "cli stop"))
                .isInstanceOf(EnrollmentException.class).hasMessage("no enrollment #999");
    }
}
