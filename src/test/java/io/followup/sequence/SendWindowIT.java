package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.sequence.timing.BusinessCalendar;
import io.followup.sequence.timing.SendWindow;
import io.followup.sequence.timing.SequenceTiming;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Send windows end to end with a real database and GreenMail: due times are planned inside the recipient's window,
 * and the outbox holds back a message whose window closed while it waited. The test drives the chores by hand.
 */
class SendWindowIT {

    private static final String BOB = "bob@example.org";
    private static final SequenceTiming OFFICE_HOURS = new SequenceTiming(SendWindow.DEFAULT, "default", false);

    private TestDaemon followup;
    private Daemon daemon;

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private MutableClock open(TestDaemon given, Instant start) {
        return open(given, start, null);
    }

    /** @param calendar replaces the "default" business calendar (null: the configuration's) */
    private MutableClock open(TestDaemon given, Instant start, BusinessCalendar calendar) {
        MutableClock clock = given.clock();
        clock.set(start);
        AppConfig plain = given.config();
        SequenceDefinition intro = given.sequences().get(0);
        SequenceDefinition timed = new SequenceDefinition(intro.name(), intro.description(), intro.mailbox(),
                intro.steps(), intro.afterLastStep(), OFFICE_HOURS);
        AppConfig config = plain.withCalendars(calendar == null ? plain.calendars() : Map.of("default", calendar));
        daemon = given.open(config, List.of(timed));
        return clock;
    }

    private Enrollment enrollBob() {
        return daemon.enrollments().enroll(ContactSpec.of(BOB, "Bob Brown").withTimeZone("America/New_York")
                .withFields(Map.of("met_at", "the Boston meetup")), TestConfigs.SEQUENCE, "test");
    }

    @DaemonTest
    void aWeekendEnrollmentFallsDueMondayAtNineInTheContactsZone(TestDaemon given) {
        followup = given;
        open(given, at("2026-03-07T15:00:00Z"));
        Enrollment enrollment = enrollBob();
        assertThat(enrollment.nextDueAt()).isEqualTo(at("2026-03-09T09:00:00-04:00"));
    }

    @DaemonTest
    void aMessageWhoseWindowClosedWhileQueuedWaitsForTheNextOpening(TestDaemon given) {
        followup = given;
        MutableClock clock = open(given, at("2026-03-06T16:58:00-05:00"));
        enrollBob();
        assertThat(daemon.dispatcher().dispatchDue(10)).isEqualTo(1);
        clock.set(at("2026-03-06T17:05:00-05:00"));

        assertThat(daemon.sender().sendDue(10)).isZero();
        assertThat(followup.mail().receivedBy(BOB)).isEmpty();
        Instant notBefore = Instant.ofEpochMilli(daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT not_before FROM outbound_message").mapTo(Long.class).one()));
        assertThat(notBefore).isEqualTo(at("2026-03-09T09:00:00-04:00"));

        clock.set(at("2026-03-09T08:59:00-04:00"));
        assertThat(daemon.sender().sendDue(10)).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(daemon.sender().sendDue(10)).isEqualTo(1);
        assertThat(followup.mail().receivedBy(BOB)).hasSize(1);
    }

    @DaemonTest
    void theNextStepIsPlannedInsideTheWindowAfterASend(TestDaemon given) {
        followup = given;
        open(given, at("2026-03-10T16:00:00-04:00"));
        Enrollment enrollment = enrollBob();
        daemon.dispatcher().dispatchDue(10);
        assertThat(daemon.sender().sendDue(10)).isEqualTo(1);
        Enrollment after = daemon.database().jdbi().withHandle(handle ->
                new EnrollmentStore().byId(handle, enrollment.id()));
        assertThat(after.nextStep()).isEqualTo(2);
        assertThat(after.nextDueAt()).as("2 days after Tuesday 16:00 is Thursday 16:00, inside the window")
                .isEqualTo(at("2026-03-12T16:00:00-04:00"));
    }

    @DaemonTest
    void theNextStepAfterASendSkipsAHolidayOfTheConfiguredCalendar(TestDaemon given) {
        followup = given;
        open(given, at("2026-03-10T16:00:00-04:00"), new BusinessCalendar("default",
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(LocalDate.of(2026, 3, 12)), null));
        Enrollment enrollment = enrollBob();
        daemon.dispatcher().dispatchDue(10);
        assertThat(daemon.sender().sendDue(10)).isEqualTo(1);
        Enrollment after = daemon.database().jdbi().withHandle(handle ->
                new EnrollmentStore().byId(handle, enrollment.id()));
        assertThat(after.nextDueAt()).as("Thursday 12th is a holiday of the configured calendar")
                .isEqualTo(at("2026-03-13T09:00:00-04:00"));
    }

    @DaemonTest
    void afterAnOutOfOfficeTheEnrollmentResumesOnTheNextWorkingDayAtTheWindowsOpening(TestDaemon given) {
        followup = given;
        open(given, at("2026-12-21T15:00:00Z"));
        Enrollment enrollment = enrollBob();
        BusinessCalendar holidays = new BusinessCalendar("default", EnumSet.of(DayOfWeek.SATURDAY,
                DayOfWeek.SUNDAY), Set.of(LocalDate.of(2026, 12, 28)), null);
        AutoReplyReturn returns = new AutoReplyReturn(daemon.catalog(), new ContactStore(),
                new TimingPlanner(Map.of("default", holidays), new Random(1)));
        Instant resume = daemon.database().jdbi().withHandle(handle ->
                returns.resumeAt(handle, enrollment, LocalDate.of(2026, 12, 25)));
        assertThat(resume).as("back Friday 25th; Monday 28th is a holiday").isEqualTo(at("2026-12-29T09:00:00-05:00"));
    }
}
