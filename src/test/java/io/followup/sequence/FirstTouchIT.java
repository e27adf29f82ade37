package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.contact.ContactSpec;
import io.followup.digest.FirstTouches;
import io.followup.digest.IsoWeek;
import io.followup.outbox.OutboundState;
import io.followup.sequence.timing.SendWindow;
import io.followup.sequence.timing.SequenceTiming;
import io.followup.sequence.timing.Wait;
import io.followup.testing.Closing;
import io.followup.testing.SequenceDriver;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 24-hour promise ({@code first_touch_within}) on the accelerated clock: someone met Friday 18:00 in New York,
 * with a Monday-Friday 09:00-17:00 window. With two edge hours allowed, the first message goes that evening; without,
 * it waits for the owner's approval with the reason; the digest counts the promises kept and names the broken ones
 * with their cause.
 */
class FirstTouchIT {

    private static final Instant FRIDAY_EVENING = OffsetDateTime.parse("2026-03-06T18:00:00-05:00").toInstant();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path base;

    private SequenceDriver driver;
    private SequenceDefinition sequence;

    @AfterEach
    void tearDown() {
        Closing.all(driver);
    }

    private void open(TestDatabase.Kind kind, FirstTouchPromise promise) {
        SequenceDefinition intro = new SequenceDefinition(TestConfigs.SEQUENCE, "test", "main", List.of(
                new StepDefinition(1, "intro/first", Wait.NONE, false),
                new StepDefinition(2, "intro/second", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS), new SequenceTiming(SendWindow.DEFAULT, "default", false))
                .withFirstTouch(promise);
        sequence = intro;
        driver = new SequenceDriver(kind, base, FRIDAY_EVENING, List.of(intro));
    }

    private Enrollment enroll(String email, String name) {
        return driver.daemon().enrollments().enroll(ContactSpec.of(email, name).withTimeZone(NEW_YORK.getId())
                .withFields(Map.of("met_at", "the Boston meetup")), TestConfigs.SEQUENCE, "test");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void metFridayEveningTheFirstMessageGoesInTheWindowsEdgeHoursAndKeepsThePromise(TestDatabase.Kind kind)
            throws Exception {
        open(kind, new FirstTouchPromise(Duration.ofHours(24), Duration.ofHours(2)));
        Enrollment ann = enroll("ann@example.org", "Ann Able");
        assertThat(ann.nextDueAt()).as("not Monday 09:00, 62 h later").isEqualTo(FRIDAY_EVENING);

        driver.runChores();

        List<MimeMessage> received = driver.mail.receivedBy("ann@example.org");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Great to meet you, Ann");
        assertThat(driver.events("first_touch_edge")).isEqualTo(1);

        driver.clock.set(OffsetDateTime.parse("2026-03-09T10:00:00-04:00").toInstant());
        FirstTouches report = report();
        assertThat(report.met()).isEqualTo(1);
        assertThat(report.broken()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void theSchedulePlanShowsTheFirstTouchAsTheEnrolmentDecidesIt(TestDatabase.Kind kind) {
        Map<String, FirstTouchPromise> promises = Map.of("edge", new FirstTouchPromise(Duration.ofHours(24),
                Duration.ofHours(2)), "strict", FirstTouchPromise.within(Duration.ofHours(24)), "none",
                FirstTouchPromise.OFF);
        List<SequenceDefinition> sequences = promises.entrySet().stream().map(entry -> new SequenceDefinition(
                entry.getKey(), "test", "main", List.of(new StepDefinition(1, "intro/first", Wait.NONE, false)),
                new Wait(3, Wait.Unit.DAYS), new SequenceTiming(SendWindow.DEFAULT, "default", false))
                .withFirstTouch(entry.getValue())).toList();
        driver = new SequenceDriver(kind, base, FRIDAY_EVENING, sequences);
        SchedulePlan plan = new SchedulePlan(
                io.followup.sequence.timing.TimingPlanner.withDefaults());

        for (SequenceDefinition definition : sequences) {
            Enrollment enrollment = driver.daemon().enrollments().enroll(ContactSpec.of(definition.name()
                            + "@example.org", "Ann Able").withTimeZone(NEW_YORK.getId())
                    .withFields(Map.of("met_at", "the Boston meetup")), definition.name(), "test");
            FirstTouchPlan.Mode decided = driver.daemon().database().jdbi().withHandle(handle ->
                    new EnrollmentStore().firstTouchMode(handle, enrollment.id()));

            var planned = plan.plan(definition, NEW_YORK, FRIDAY_EVENING, false).get(0);
            assertThat(planned.at().toInstant()).as(definition.name()).isEqualTo(enrollment.nextDueAt());
            assertThat(planned.firstTouch()).as(definition.name()).isEqualTo(decided);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void withoutEdgeHoursTheFirstMessageWaitsForApprovalWithTheReasonAndALateApprovalIsReported(
            TestDatabase.Kind kind) throws Exception {
        open(kind, FirstTouchPromise.within(Duration.ofHours(24)));
        Enrollment ann = enroll("ann@example.org", "Ann Able");
        Enrollment ben = enroll("ben@example.org", "Ben Bold");
        driver.runChores();

        List<OutboundState> states = List.of(OutboundState.PENDING_APPROVAL);
        var pending = driver.daemon().drafts().list(Set.copyOf(states), 10);
        assertThat(pending).hasSize(2);
        long annDraft = draftOf(ann.id());
        long benDraft = draftOf(ben.id());
        String reason = driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = 'pending_approval' AND outbound_id = :id")
                .bind("id", annDraft).mapTo(String.class).one());
        assertThat(reason).as("New York's daylight saving begins on Sunday 8 March: 62 hours, not 63")
                .contains("first touch within 24 h").contains("opens next Mon 9 Mar 09:00")
                .contains("62 h after enrolment");
        assertThat(driver.mail.receivedBy("ann@example.org")).isEmpty();

        driver.daemon().drafts().approve(annDraft, "owner");
        driver.clock.advance(Duration.ofMinutes(5));
        driver.runChores();
        assertThat(driver.mail.receivedBy("ann@example.org")).as("approved: sent at once, outside the window")
                .hasSize(1);
        assertThat(driver.mail.receivedBy("ben@example.org")).isEmpty();

        driver.clock.set(OffsetDateTime.parse("2026-03-09T10:00:00-04:00").toInstant());
        driver.restart();
        driver.daemon().drafts().approve(benDraft, "owner");
        driver.runChores();
        assertThat(driver.mail.receivedBy("ben@example.org")).hasSize(1);

        FirstTouches report = report();
        assertThat(report.met()).isEqualTo(1);
        assertThat(report.broken()).singleElement().satisfies(broken -> {
            assertThat(broken.email()).isEqualTo("ben@example.org");
            assertThat(broken.cause()).startsWith("sent Mon 9 Mar 14:00, 63 h after enrolment: it waited for your "
                    + "approval").contains("opens next Mon 9 Mar 09:00");
        });
        String digest = driver.daemon().digests().render(driver.daemon().digests().owner(null),
                IsoWeek.containing(FRIDAY_EVENING, ZoneId.of("Europe/London"))).text();
        assertThat(digest).contains("FIRST TOUCH WITHIN THE PROMISE")
                .contains("1 of 2 first touches went within the promise; not in time:")
                .contains("Ben Bold <ben@example.org>, enrolled Fri 6 Mar 23:00: sent Mon 9 Mar 14:00");
    }

    private FirstTouches report() {
        var digests = driver.daemon().digests();
        var owner = digests.owner(null);
        return digests.build(owner, IsoWeek.containing(FRIDAY_EVENING, ZoneId.of("Europe/London"))).firstTouches();
    }

    private long draftOf(long enrollmentId) {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id FROM outbound_message WHERE enrollment_id = :id AND step_no = 1")
                .bind("id", enrollmentId).mapTo(Long.class).one());
    }
}
