package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.app.Daemon;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentException;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The do-not-contact list against a real database: enrollment is refused, and a contact suppressed later is
 * stopped at dispatch or, when its draft is already queued, right before sending. The test drives the dispatcher
 * and the sender itself (no scheduler), so every step is deterministic.
 */
class SuppressionIT {

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

    private void suppress(String entry, String reason) {
        daemon.database().jdbi().useTransaction(handle ->
                daemon.suppressions().add(handle, entry, reason, "test", clock.instant()));
    }

    private Enrollment enroll(String email) {
        return daemon.enrollments().enroll(ContactSpec.of(email, "Ann Example")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
    }

    private Enrollment enrollment(long id) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    private List<OutboundState> outbound(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> new OutboxStore().ofEnrollment(handle, enrollmentId))
                .stream().map(message -> message.state()).toList();
    }

    private List<String> events(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT event FROM event_log WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).mapTo(String.class).list());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSuppressedAddressIsRefusedAtEnrollmentWithTheReason(TestDatabase.Kind kind) {
        open(kind);
        suppress("Ann@Example.org", "unsubscribed");

        assertThatThrownBy(() -> enroll("ann@example.org")).isInstanceOf(EnrollmentException.class)
                .hasMessage("ann@example.org is suppressed (address, reason unsubscribed)");
        java.util.Optional<Contact> contact = daemon.database().jdbi().withHandle(handle ->
                new ContactStore().findByEmail(handle, "ann@example.org"));
        assertThat(contact).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSuppressedDomainCoversItsAddressesAndSubdomainsButNotLookAlikes(TestDatabase.Kind kind) {
        open(kind);
        suppress("@example.net", "competitor");

        assertThatThrownBy(() -> enroll("bob@example.net")).isInstanceOf(EnrollmentException.class)
                .hasMessage("bob@example.net is suppressed (domain example.net, reason competitor)");
        assertThatThrownBy(() -> enroll("bob@mail.example.net")).isInstanceOf(EnrollmentException.class)
                .hasMessage("bob@mail.example.net is suppressed (domain example.net, reason competitor)");
        assertThat(enroll("cid@notexample.net").state()).isEqualTo(EnrollmentState.ACTIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aContactSuppressedAfterEnrollmentIsStoppedAtDispatchWithoutADraft(TestDatabase.Kind kind) {
        open(kind);
        Enrollment enrollment = enroll("ann@example.org");
        suppress("ann@example.org", "unsubscribed");

        daemon.dispatcher().dispatchDue(10);

        Enrollment stopped = enrollment(enrollment.id());
        assertThat(stopped.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("suppressed");
        assertThat(outbound(enrollment.id())).isEmpty();
        assertThat(events(enrollment.id())).containsExactly("enrolled", "stopped");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aQueuedDraftOfAContactSuppressedLaterIsCancelledRightBeforeSending(TestDatabase.Kind kind) {
        open(kind);
        Enrollment enrollment = enroll("ann@example.org");
        daemon.dispatcher().dispatchDue(10);
        assertThat(outbound(enrollment.id())).containsExactly(OutboundState.QUEUED);
        suppress("@example.org", "hard bounce");

        assertThat(daemon.sender().sendDue(10)).isZero();

        assertThat(outbound(enrollment.id())).containsExactly(OutboundState.CANCELLED);
        Enrollment stopped = enrollment(enrollment.id());
        assertThat(stopped.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("suppressed");
        assertThat(events(enrollment.id())).containsExactly("enrolled", "queued", "cancelled", "stopped");
        assertThat(mail.greenMail().getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void entriesCanBeListedAndRemovedAndAddingTwiceChangesNothing(TestDatabase.Kind kind) {
        open(kind);
        suppress("ann@example.org", "unsubscribed");
        suppress("@Example.NET", "competitor");
        daemon.database().jdbi().useTransaction(handle -> assertThat(daemon.suppressions()
                .add(handle, "ann@example.org", "again", "test", clock.instant())).isFalse());

        List<Suppression> entries = daemon.database().jdbi().withHandle(daemon.suppressions()::list);
        assertThat(entries).extracting(Suppression::entry).containsExactly("@example.net", "ann@example.org");
        assertThat(entries.get(1).reason()).isEqualTo("unsubscribed");

        boolean removed = daemon.database().jdbi().inTransaction(handle ->
                daemon.suppressions().remove(handle, "ann@example.org", "test", clock.instant()));
        assertThat(removed).isTrue();
        assertThat(enroll("ann@example.org").state()).isEqualTo(EnrollmentState.ACTIVE);
        List<String> events = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event FROM event_log WHERE event LIKE '%suppressed' ORDER BY id").mapTo(String.class).list());
        assertThat(events).containsExactly("suppressed", "suppressed", "unsuppressed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void invalidEntriesAreRefusedWithTheValue(TestDatabase.Kind kind) {
        open(kind);

        assertThatThrownBy(() -> suppress("@not a domain", "x")).isInstanceOf(ContactException.class)
                .hasMessage("suppression: not a domain: \"@not a domain\"");
        assertThatThrownBy(() -> suppress("ann@", "x")).isInstanceOf(ContactException.class)
                .hasMessage("email: not a valid address: \"ann@\"");
    }
}
