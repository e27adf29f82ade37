package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EscalationDefinition;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.task.Task;
import io.followup.task.TaskException;
import io.followup.task.TaskKind;
import io.followup.task.TaskService;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task step ({@code kind: task}) on the accelerated clock: it opens the owner's task when due, the sequence waits
 * at it however long it takes, closing the task (done or skipped) lets the next step fall due by the timing rules,
 * and a reply meanwhile stops the sequence and closes the task.
 */
class TaskStepIT {

    private static final String ALICE = "alice@example.org";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Map<String, String> FIELDS = Map.of("met_at", "the Lisbon meetup");

    private TestDaemon driver;

    /** Email, then "connect on LinkedIn" a day later, then the third email two days after the task is closed. */
    private void start(TestDaemon given) {
        SequenceDefinition sequence = new SequenceDefinition(TestConfigs.SEQUENCE, "with a task step", "main",
                List.of(new StepDefinition(1, "intro/first", Wait.NONE, false),
                        StepDefinition.ofTask(2, new Wait(1, Wait.Unit.DAYS), new EscalationDefinition.Task(
                                TaskKind.LINKEDIN,
                                "Connect with $contact.first_name on LinkedIn (met at $contact.met_at)")),
                        new StepDefinition(3, "intro/third", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS));
        driver = given.sequences(List.of(sequence));
    }

    private Enrollment enrollAliceAndReachTheTask() {
        Enrollment enrollment = driver.daemon().enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(FIELDS), TestConfigs.SEQUENCE, "test");
        driver.runChores();
        assertThat(driver.mail().receivedBy(ALICE)).hasSize(1);
        driver.clock().advance(Duration.ofHours(23));
        driver.runChores();
        assertThat(driver.daemon().tasks().list(false, 10)).as("not due before its wait").isEmpty();
        driver.clock().advance(Duration.ofHours(1).plusMinutes(1));
        driver.runChores();
        return enrollment;
    }

    @DaemonTest
    void aTaskStepBlocksTheSequenceUntilItIsDoneThenTheNextStepFollowsItsWait(TestDaemon given)
            throws Exception {
        start(given);
        Enrollment enrollment = enrollAliceAndReachTheTask();

        List<TaskService.Listed> open = driver.daemon().tasks().list(false, 10);
        assertThat(open).hasSize(1);
        Task task = open.get(0).task();
        assertThat(task.kind()).isEqualTo(TaskKind.LINKEDIN);
        assertThat(task.text()).isEqualTo("Connect with Alice on LinkedIn (met at the Lisbon meetup)");
        assertThat(task.stepNo()).isEqualTo(2);
        assertThat(task.enrollmentId()).isEqualTo(enrollment.id());
        assertThat(task.dueAt()).as("due when its wait after step 1 ended (the dispatch that found it due)")
                .isBetween(START.plus(Duration.ofDays(1)), START.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)));

        driver.clock().advance(Duration.ofDays(20));
        driver.runChores();
        assertThat(driver.mail().receivedBy(ALICE)).as("the sequence waits for the task").hasSize(1);
        assertThat(driver.state(enrollment.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(driver.daemon().tasks().list(false, 10)).as("opened once").hasSize(1);

        Instant doneAt = driver.clock().instant();
        Task done = driver.daemon().tasks().done(task.id(), "test");
        assertThat(done.outcome()).isEqualTo(Task.Outcome.DONE);
        assertThat(driver.eventCount("task_step_released")).isEqualTo(1);
        driver.clock().advance(Duration.ofDays(2).minusMinutes(1));
        driver.runChores();
        assertThat(driver.mail().receivedBy(ALICE)).as("the next step keeps its own wait after the task").hasSize(1);
        driver.clock().advance(Duration.ofMinutes(2));
        driver.runChores();

        List<MimeMessage> received = driver.mail().receivedBy(ALICE);
        assertThat(received).hasSize(2);
        assertThat(driver.sentTemplates(enrollment.id())).containsExactly("intro/first", "intro/third");
        assertThat(received.get(1).getSubject()).startsWith("Re: ");
        assertThat(driver.clock().instant()).isAfter(doneAt.plus(Duration.ofDays(2)));
        assertThatThrownBy(() -> driver.daemon().tasks().done(task.id(), "test"))
                .isInstanceOf(TaskException.class).hasMessageContaining("done already");
    }

    @DaemonTest
    void aSkippedTaskLetsTheSequenceContinueAllTheSame(TestDaemon given) {
        start(given);
        Enrollment enrollment = enrollAliceAndReachTheTask();
        Task task = driver.daemon().tasks().list(false, 10).get(0).task();

        assertThat(driver.daemon().tasks().skip(task.id(), "test").outcome()).isEqualTo(Task.Outcome.SKIPPED);
        driver.clock().advance(Duration.ofDays(2).plusMinutes(1));
        driver.runChores();

        assertThat(driver.sentTemplates(enrollment.id())).containsExactly("intro/first", "intro/third");
        assertThat(driver.daemon().tasks().list(false, 10)).isEmpty();
    }

    @DaemonTest
    void aReplyWhileTheTaskIsOpenStopsTheSequenceAndClosesTheTask(TestDaemon given) throws Exception {
        start(given);
        Enrollment enrollment = enrollAliceAndReachTheTask();
        Task task = driver.daemon().tasks().list(false, 10).get(0).task();
        String firstId = driver.mail().receivedBy(ALICE).get(0).getMessageID();

        driver.receive(ALICE, "Re: Great to meet you, Alice", "Thanks, happy to talk next week.", firstId);

        assertThat(driver.state(enrollment.id())).isEqualTo(EnrollmentState.STOPPED);
        assertThat(driver.daemon().tasks().list(false, 10)).as("no open task left").isEmpty();
        Task closed = driver.daemon().tasks().list(true, 10).get(0).task();
        assertThat(closed.id()).isEqualTo(task.id());
        assertThat(closed.outcome()).isEqualTo(Task.Outcome.CLOSED);
        assertThat(driver.eventCount("task_closed")).isEqualTo(1);

        driver.clock().advance(Duration.ofDays(10));
        driver.runChores();
        assertThat(driver.mail().receivedBy(ALICE)).hasSize(1);
        assertThatThrownBy(() -> driver.daemon().tasks().done(task.id(), "test"))
                .isInstanceOf(TaskException.class).hasMessageContaining("closed already");
    }
}
