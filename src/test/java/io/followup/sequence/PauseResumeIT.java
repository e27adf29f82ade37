package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.app.Daemon;
import io.followup.outbox.OutboundState;
import io.followup.sequence.EnrollmentControl.Outcome;
import io.followup.sequence.EnrollmentControl.Target;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;

/**
 * Pause, resume and stop by hand against a real database and GreenMail. The test runs the dispatcher and the
 * sender itself after each clock move (the "intro" sequence: step 1 at once, steps 2 and 3 two days apart).
 */
class PauseResumeIT {

    private static Enrollment enroll(TestDaemon followup, String email) {
        return followup.enroll(email, "Ann Example", "the meetup");
    }

    @DaemonTest
    void resumingAfterTwoMissedStepsSendsExactlyOneAndTheNextOnlyAfterItsFullWait(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        MutableClock clock = followup.clock();
        Enrollment enrollment = enroll(followup, "ann@example.org");
        followup.runChores();
        assertThat(followup.outbound(enrollment.id())).containsExactly(OutboundState.SENT);

        assertThat(daemon.control().pause(new Target.All(), "cli pause")).isEqualTo(new Outcome(1, 0));
        Enrollment paused = followup.enrollment(enrollment.id());
        assertThat(paused.state()).isEqualTo(EnrollmentState.PAUSED);
        assertThat(paused.resumeAt()).isNull();
        clock.advance(Duration.ofDays(5));
        followup.runChores();
        assertThat(followup.outbound(enrollment.id())).containsExactly(OutboundState.SENT);

        assertThat(daemon.control().resume(new Target.All(), "cli resume")).isEqualTo(new Outcome(1, 0));
        followup.runChores();
        followup.runChores();
        assertThat(followup.outbound(enrollment.id())).containsExactly(OutboundState.SENT, OutboundState.SENT);

        clock.advance(Duration.ofDays(2).minusMinutes(1));
        followup.runChores();
        assertThat(followup.outbound(enrollment.id())).hasSize(2);
        clock.advance(Duration.ofMinutes(2));
        followup.runChores();
        assertThat(followup.outbound(enrollment.id()))
                .containsExactly(OutboundState.SENT, OutboundState.SENT, OutboundState.SENT);
        assertThat(followup.awaitReceived("ann@example.org", 3)).hasSize(3);
        assertThat(followup.events(enrollment.id(), true)).contains("paused (cli pause)", "resumed (cli resume)");
    }

    @DaemonTest
    void oneEnrollmentOrOneSequenceCanBePausedAndStoppingCancelsTheUnsentDraft(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        Enrollment ann = enroll(followup, "ann@example.org");
        Enrollment bob = enroll(followup, "bob@example.org");
        daemon.dispatcher().dispatchDue(10);

        assertThat(daemon.control().pause(new Target.One(ann.id()), "cli pause")).isEqualTo(new Outcome(1, 0));
        assertThat(followup.enrollment(bob.id()).state()).isEqualTo(EnrollmentState.ACTIVE);
        daemon.control().pause(new Target.Sequence(TestConfigs.SEQUENCE), "cli pause");
        assertThat(followup.enrollment(bob.id()).state()).isEqualTo(EnrollmentState.PAUSED);
        assertThat(daemon.sender().sendDue(10)).isZero();

        assertThat(daemon.control().stop(new Target.One(ann.id()), "cli stop")).isEqualTo(new Outcome(1, 0));
        assertThat(followup.enrollment(ann.id()).state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(followup.enrollment(ann.id()).stopReason()).isEqualTo("stopped by hand");
        assertThat(followup.outbound(ann.id())).containsExactly(OutboundState.CANCELLED);

        assertThat(daemon.control().resume(new Target.All(), "cli resume")).isEqualTo(new Outcome(1, 0));
        assertThat(daemon.control().resume(new Target.One(ann.id()), "cli resume")).isEqualTo(new Outcome(0, 1));
        assertThat(daemon.sender().sendDue(10)).isEqualTo(1);
        assertThat(followup.outbound(bob.id())).containsExactly(OutboundState.SENT);
        assertThat(followup.events(ann.id(), true)).containsExactly("enrolled (test)", "queued (step due)",
                "paused (cli pause)", "paused (cli pause)", "stopped (cli stop)");
        assertThatThrownBy(() -> daemon.control().pause(new Target.Sequence("nope"), "cli pause"))
                .isInstanceOf(EnrollmentException.class).hasMessage("unknown sequence \"nope\"; configured: intro");
        assertThatThrownBy(() -> daemon.control().stop(new Target.One(999), "cli stop"))
                .isInstanceOf(EnrollmentException.class).hasMessage("no enrollment #999");
    }
}
