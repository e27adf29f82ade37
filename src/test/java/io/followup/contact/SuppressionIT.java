package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.app.Daemon;
import io.followup.outbox.OutboundState;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentException;
import io.followup.sequence.EnrollmentState;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestDaemon;
import java.util.List;

/**
 * The do-not-contact list against a real database: enrollment is refused, and a contact suppressed later is
 * stopped at dispatch or, when its draft is already queued, right before sending. The test drives the dispatcher
 * and the sender itself (no scheduler), so every step is deterministic.
 */
class SuppressionIT {

    private static void suppress(TestDaemon followup, String entry, String reason) {
        Daemon daemon = followup.daemon();
        daemon.database().jdbi().useTransaction(handle ->
                daemon.suppressions().add(handle, entry, reason, "test", followup.clock().instant()));
    }

    private static Enrollment enroll(TestDaemon followup, String email) {
        return followup.enroll(email, "Ann Example", "the meetup");
    }

    @DaemonTest
    void aSuppressedAddressIsRefusedAtEnrollmentWithTheReason(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        suppress(followup, "Ann@Example.org", "unsubscribed");

        assertThatThrownBy(() -> enroll(followup, "ann@example.org")).isInstanceOf(EnrollmentException.class)
                .hasMessage("ann@example.org is suppressed (address, reason unsubscribed)");
        java.util.Optional<Contact> contact = daemon.database().jdbi().withHandle(handle ->
                new ContactStore().findByEmail(handle, "ann@example.org"));
        assertThat(contact).isEmpty();
    }

    @DaemonTest
    void aSuppressedDomainCoversItsAddressesAndSubdomainsButNotLookAlikes(TestDaemon followup) {
        suppress(followup, "@example.net", "competitor");

        assertThatThrownBy(() -> enroll(followup, "bob@example.net")).isInstanceOf(EnrollmentException.class)
                .hasMessage("bob@example.net is suppressed (domain example.net, reason competitor)");
        assertThatThrownBy(() -> enroll(followup, "bob@mail.example.net")).isInstanceOf(EnrollmentException.class)
                .hasMessage("bob@mail.example.net is suppressed (domain example.net, reason competitor)");
        assertThat(enroll(followup, "cid@notexample.net").state()).isEqualTo(EnrollmentState.ACTIVE);
    }

    @DaemonTest
    void aContactSuppressedAfterEnrollmentIsStoppedAtDispatchWithoutADraft(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        Enrollment enrollment = enroll(followup, "ann@example.org");
        suppress(followup, "ann@example.org", "unsubscribed");

        daemon.dispatcher().dispatchDue(10);

        Enrollment stopped = followup.enrollment(enrollment.id());
        assertThat(stopped.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("suppressed");
        assertThat(followup.outbound(enrollment.id())).isEmpty();
        assertThat(followup.events(enrollment.id(), false)).containsExactly("enrolled", "stopped");
    }

    @DaemonTest
    void aQueuedDraftOfAContactSuppressedLaterIsCancelledRightBeforeSending(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        Enrollment enrollment = enroll(followup, "ann@example.org");
        daemon.dispatcher().dispatchDue(10);
        assertThat(followup.outbound(enrollment.id())).containsExactly(OutboundState.QUEUED);
        suppress(followup, "@example.org", "hard bounce");

        assertThat(daemon.sender().sendDue(10)).isZero();

        assertThat(followup.outbound(enrollment.id())).containsExactly(OutboundState.CANCELLED);
        Enrollment stopped = followup.enrollment(enrollment.id());
        assertThat(stopped.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("suppressed");
        assertThat(followup.events(enrollment.id(), false))
                .containsExactly("enrolled", "queued", "cancelled", "stopped");
        assertThat(followup.mail().greenMail().getReceivedMessages()).isEmpty();
    }

    @DaemonTest
    void entriesCanBeListedAndRemovedAndAddingTwiceChangesNothing(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        suppress(followup, "ann@example.org", "unsubscribed");
        suppress(followup, "@Example.NET", "competitor");
        daemon.database().jdbi().useTransaction(handle -> assertThat(daemon.suppressions()
                .add(handle, "ann@example.org", "again", "test", followup.clock().instant())).isFalse());

        List<Suppression> entries = daemon.database().jdbi().withHandle(daemon.suppressions()::list);
        assertThat(entries).extracting(Suppression::entry).containsExactly("@example.net", "ann@example.org");
        assertThat(entries.get(1).reason()).isEqualTo("unsubscribed");

        boolean removed = daemon.database().jdbi().inTransaction(handle ->
                daemon.suppressions().remove(handle, "ann@example.org", "test", followup.clock().instant()));
        assertThat(removed).isTrue();
        assertThat(enroll(followup, "ann@example.org").state()).isEqualTo(EnrollmentState.ACTIVE);
        List<String> events = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event FROM event_log WHERE event LIKE '%suppressed' ORDER BY id").mapTo(String.class).list());
        assertThat(events).containsExactly("suppressed", "suppressed", "unsuppressed");
    }

    @DaemonTest
    void invalidEntriesAreRefusedWithTheValue(TestDaemon followup) {

        assertThatThrownBy(() -> suppress(followup, "@not a domain", "x")).isInstanceOf(ContactException.class)
                .hasMessage("suppression: not a domain: \"@not a domain\"");
        assertThatThrownBy(() -> suppress(followup, "ann@", "x")).isInstanceOf(ContactException.class)
                .hasMessage("email: not a valid address: \"ann@\"");
    }
}
