package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundState;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A sequence or a mailbox removed from the configuration while enrollments still use it: those enrollments are
 * retired with a visible reason (state stopped, stop reason, a "retired" event) and never block the dispatcher. The
 * batch is one enrollment wide, so a removed one that kept failing would starve the others for ever.
 */
class RemovedConfigurationIT {

    private static final String SEQUENCE_OTHER_REMOVED =
            "retired: sequence \"other\" was removed from the configuration";

    @DaemonTest
    void enrollmentsOfARemovedSequenceAreRetiredAndTheOthersStillGoOut(TestDaemon followup) {
        Enrollment removed = enrolledInASequenceOther(followup);
        followup.clock().advance(Duration.ofMinutes(1));
        Enrollment kept = enroll(followup, "bob@example.org", TestConfigs.SEQUENCE);
        Daemon daemon = followup.open(followup.config(), TestConfigs.intro());
        followup.clock().advance(Duration.ofMinutes(1));

        dispatchOneAtATimeAndAssertRetired(followup, daemon, removed, kept, SEQUENCE_OTHER_REMOVED);
    }

    @DaemonTest
    void enrollmentsOfARemovedMailboxAreRetiredWithTheMailboxNamed(TestDaemon followup) {
        AppConfig config = followup.config();
        MutableClock clock = followup.clock();
        MailboxConfig main = config.mailboxes().get(0);
        MailboxConfig second = new MailboxConfig("second", "second@followup.test", "Second", main.owner(),
                main.timeZone(), main.smtp(), main.imap());
        SequenceDefinition intro = TestConfigs.introSequence();
        SequenceDefinition onSecond = new SequenceDefinition(intro.name(), intro.description(), "second",
                intro.steps(), intro.afterLastStep());
        followup.configure(unused -> config.withMailboxes(List.of(main, second))).sequences(List.of(onSecond));
        Daemon daemon = followup.daemon();
        Enrollment removed = enroll(followup, "ann@example.org", TestConfigs.SEQUENCE);
        daemon = followup.open(config, TestConfigs.intro());
        clock.advance(Duration.ofMinutes(1));
        Enrollment kept = enroll(followup, "bob@example.org", TestConfigs.SEQUENCE);

        dispatchOneAtATimeAndAssertRetired(followup, daemon, removed, kept,
                "retired: mailbox \"second\" was removed from the configuration");
    }

    @DaemonTest
    void atStartUpPausedEnrollmentsOfARemovedSequenceAreRetiredToo(TestDaemon followup) {
        Enrollment removed = enrolledInASequenceOther(followup);
        followup.daemon().control().pause(new EnrollmentControl.Target.One(removed.id()), "test");
        Daemon daemon = followup.open(followup.config(), TestConfigs.intro());
        assertThat(daemon.dispatcher().retireRemoved()).isEqualTo(1);

        assertRetired(followup, removed.id(), SEQUENCE_OTHER_REMOVED);
    }

    /** Configures a sequence "other" beside the test sequence, opens the daemon and enrolls ann in "other". */
    private static Enrollment enrolledInASequenceOther(TestDaemon followup) {
        SequenceDefinition intro = TestConfigs.introSequence();
        SequenceDefinition other = new SequenceDefinition("other", "to be removed", "main", intro.steps(),
                intro.afterLastStep());
        followup.sequences(List.of(intro, other));
        followup.daemon();
        return enroll(followup, "ann@example.org", "other");
    }

    /** Two batches of one: the removed enrollment is retired and does not keep the kept one from going out. */
    private static void dispatchOneAtATimeAndAssertRetired(TestDaemon followup, Daemon daemon, Enrollment removed,
                                                           Enrollment kept, String reason) {
        daemon.dispatcher().dispatchDue(1);
        daemon.dispatcher().dispatchDue(1);

        assertRetired(followup, removed.id(), reason);
        assertThat(followup.outbound(kept.id())).containsExactly(OutboundState.QUEUED);
    }

    private static void assertRetired(TestDaemon followup, long enrollmentId, String reason) {
        Enrollment retired = followup.enrollment(enrollmentId);
        assertThat(retired.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(retired.stopReason()).isEqualTo(reason);
        assertThat(followup.events(enrollmentId, false)).contains(EnrollmentRetirement.EVENT.text())
                .doesNotContain("dispatch_failed");
    }

    private static Enrollment enroll(TestDaemon followup, String email, String sequence) {
        return followup.enroll(ContactSpec.of(email, "Ann Example").withFields(Map.of("met_at", "the meetup")),
                sequence);
    }
}
