package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.contact.ContactSpec;
import io.followup.digest.FirstTouches;
import io.followup.digest.IsoWeek;
import io.followup.outbox.OutboundState;
import io.followup.sequence.timing.SendWindow;
import io.followup.sequence.timing.SequenceTiming;
import io.followup.sequence.timing.Wait;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 24-hour promise ({@code first_touch_within}) on the accelerated clock: someone met Friday 18:00 in New York,
 * with a Monday-Friday 09:00-17:00 window. With two edge hours allowed, the first message goes that evening; without,
 * it waits for the owner's approval with the reason; the digest counts the promises kept and names the broken ones
 * with their cause.
 */
class FirstTouchIT {

    private static final Instant FRIDAY_EVENING = OffsetDateTime.parse("2026-03-06T18:00:00-05:00").toInstant();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private TestDaemon followup;
    private SequenceDefinition sequence;

    private void open(TestDaemon testDaemon, FirstTouchPromise promise) {
        SequenceDefinition intro = new SequenceDefinition(TestConfigs.SEQUENCE, "test", "main", List.of(
                new StepDefinition(1, "intro/first", Wait.NONE, false),
                new StepDefinition(2, "intro/second", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS), new SequenceTiming(SendWindow.DEFAULT, "default", false))
                .withFirstTouch(promise);
        sequence = intro;
        followup = testDaemon.sequences(List.of(intro));
        followup.clock().set(FRIDAY_EVENING);
    }

    private Enrollment enroll(String email, String name) {
        return followup.daemon().enrollments().enroll(ContactSpec.of(email, name).withTimeZone(NEW_YORK.getId())
                .withFields(Map.of("met_at", "the Boston meetup")), TestConfigs.SEQUENCE, "test");
    }

    @DaemonTest
    void metFridayEveningTheFirstMessageGoesInTheWindowsEdgeHoursAndKeepsThePromise(TestDaemon testDaemon)
            throws Exception {
        open(testDaemon, new FirstTouchPromise(Duration.ofHours(24), Duration.ofHours(2)));
        Enrollment ann = enroll("ann@example.org", "Ann Able");
        assertThat(ann.nextDueAt()).as("not Monday 09:00, 62 h later").isEqualTo(FRIDAY_EVENING);

        followup.runChores();

        List<MimeMessage> received = followup.mail().receivedBy("ann@example.org");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Great to meet you, Ann");
        assertThat(followup.eventCount("first_touch_edge")).isEqualTo(1);

        followup.clock().set(OffsetDateTime.parse("2026-03-09T10:00:00-04:00").toInstant());
        FirstTouches report = report();
        assertThat(report.met()).isEqualTo(1);
        assertThat(report.broken()).isEmpty();
    }

    @DaemonTest
    void theSchedulePlanShowsTheFirstTouchAsTheEnrolmentDecidesIt(TestDaemon testDaemon) {
        Map<String, FirstTouchPromise> promises = Map.of("edge", new FirstTouchPromise(Duration.ofHours(24),
                Duration.ofHours(2)), "strict", FirstTouchPromise.within(Duration.ofHours(24)), "none",
                FirstTouchPromise.OFF);
        List<SequenceDefinition> sequences = promises.entrySet().stream().map(entry -> new SequenceDefinition(
                entry.getKey(), "test", "main", List.of(new StepDefinition(1, "intro/first", Wait.NONE, false)),
                new Wait(3, Wait.Unit.DAYS), new SequenceTiming(SendWindow.DEFAULT, "default", false))
                .withFirstTouch(entry.getValue())).toList();
        followup = testDaemon.sequences(sequences);
        followup.clock().set(FRIDAY_EVENING);
        SchedulePlan plan = new SchedulePlan(
                io.followup.sequence.timing.TimingPlanner.withDefaults());

        for (SequenceDefinition definition : sequences) {
            Enrollment enrollment = followup.daemon().enrollments().enroll(ContactSpec.of(definition.name()
                            + "@example.org", "Ann Able").withTimeZone(NEW_YORK.getId())
                    .withFields(Map.of("met_at", "the Boston meetup")), definition.name(), "test");
            FirstTouchPlan.Mode decided = followup.daemon().database().jdbi().withHandle(handle ->
                    new EnrollmentStore().firstTouchMode(handle, enrollment.id()));

            var planned = plan.plan(definition, NEW_YORK, FRIDAY_EVENING, false).get(0);
            assertThat(planned.at().toInstant()).as(definition.name()).isEqualTo(enrollment.nextDueAt());
            assertThat(planned.firstTouch()).as(definition.name()).isEqualTo(decided);
        }
    }

    @DaemonTest
    void withoutEdgeHoursTheFirstMessageWaitsForApprovalWithTheReasonAndALateApprovalIsReported(
            TestDaemon testDaemon) throws Exception {
        open(testDaemon, FirstTouchPromise.within(Duration.ofHours(24)));
        Enrollment ann = enroll("ann@example.org", "Ann Able");
        Enrollment ben = enroll("ben@example.org", "Ben Bold");
        followup.runChores();

        List<OutboundState> states = List.of(OutboundState.PENDING_APPROVAL);
        var pending = followup.daemon().drafts().list(Set.copyOf(states), 10);
        assertThat(pending).hasSize(2);
        long annDraft = draftOf(ann.id());
        long benDraft = draftOf(ben.id());
        String reason = followup.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = 'pending_approval' AND outbound_id = :id")
                .bind("id", annDraft).mapTo(String.class).one());
        assertThat(reason).as("New York's daylight saving begins on Sunday 8 March: 62 hours, not 63")
                .contains("first touch within 24 h").contains("opens next Mon 9 Mar 09:00")
                .contains("62 h after enrolment");
        assertThat(followup.mail().receivedBy("ann@example.org")).isEmpty();

        followup.daemon().drafts().approve(annDraft, "owner");
        followup.clock().advance(Duration.ofMinutes(5));
        followup.runChores();
        assertThat(followup.mail().receivedBy("ann@example.org")).as("approved: sent at once, outside the window")
                .hasSize(1);
        assertThat(followup.mail().receivedBy("ben@example.org")).isEmpty();

        followup.clock().set(OffsetDateTime.parse("2026-03-09T10:00:00-04:00").toInstant());
        followup.restart();
        followup.daemon().drafts().approve(benDraft, "owner");
        followup.runChores();
        assertThat(followup.mail().receivedBy("ben@example.org")).hasSize(1);

        FirstTouches report = report();
        assertThat(report.met()).isEqualTo(1);
        assertThat(report.broken()).singleElement().satisfies(broken -> {
            assertThat(broken.email()).isEqualTo("ben@example.org");
            assertThat(broken.cause()).startsWith("sent Mon 9 Mar 14:00, 63 h after enrolment: it waited for your "
                    + "approval").contains("opens next Mon 9 Mar 09:00");
        });
        String digest = followup.daemon().digests().render(followup.daemon().digests().owner(null),
                IsoWeek.containing(FRIDAY_EVENING, ZoneId.of("Europe/London"))).text();
        assertThat(digest).contains("FIRST TOUCH WITHIN THE PROMISE")
                .contains("1 of 2 first touches went within the promise; not in time:")
                .contains("Ben Bold <ben@example.org>, enrolled Fri 6 Mar 23:00: sent Mon 9 Mar 14:00");
    }

    private FirstTouches report() {
        var digests = followup.daemon().digests();
        var owner = digests.owner(null);
        return digests.build(owner, IsoWeek.containing(FRIDAY_EVENING, ZoneId.of("Europe/London"))).firstTouches();
    }

    private long draftOf(long enrollmentId) {
        return followup.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id FROM outbound_message WHERE enrollment_id = :id AND step_no = 1")
                .bind("id", enrollmentId).mapTo(Long.class).one());
    }
}
