package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.contact.ContactSpec;
import io.followup.inbound.text.Intent;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EscalationDefinition;
import io.followup.sequence.ReplyEscalation;
import io.followup.sequence.ResponseRules;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.task.TaskKind;
import io.followup.task.TaskService;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Escalation on a reply ({@code responses.interested: [notify_owner, {task: ..., tier: 1}, {handoff: ...}]}): an
 * interested reply from a tier-1 contact opens a call-back task and hands the contact to a colleague, who gets the
 * reply by mail and becomes its owner; a tier-3 contact's reply gets the hand-off only.
 */
class ReplyEscalationIT {

    private static final String COLLEAGUE = "jane.colleague@example.org";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private TestDaemon driver;

    private static SequenceDefinition escalatingSequence(SequenceDefinition plain) {
        ResponseRules defaults = ResponseRules.DEFAULTS;
        ResponseRules rules = new ResponseRules(defaults.onReply(), defaults.onComplaint(), defaults.onHardBounce(),
                defaults.softBounceRetries(), defaults.softBounceRetryAfter(), defaults.pauseOnAutoReply(),
                defaults.autoReplyDefaultPause(), null, defaults.referralLimit(), defaults.referralApproval(),
                Map.of(Intent.INTERESTED, List.of(
                        new ReplyEscalation(1, new EscalationDefinition.Task(TaskKind.CALL,
                                "Call $contact.first_name back today"), null),
                        new ReplyEscalation(null, null, COLLEAGUE))));
        return new SequenceDefinition(plain.name(), plain.description(), plain.mailbox(), plain.steps(),
                plain.afterLastStep(), plain.steps().size(), null, false, null, rules);
    }

    @DaemonTest
    void anInterestedTierOneReplyCreatesACallBackTaskAndHandsTheContactToTheColleague(TestDaemon given)
            throws Exception {
        driver = given.sequences(List.of(escalatingSequence(new SequenceDefinition(
                TestConfigs.SEQUENCE, "test", "main", List.of(new StepDefinition(1, "intro/first", Wait.NONE, false),
                        new StepDefinition(2, "intro/second", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS)))));
        Enrollment vip = driver.daemon().enrollments().enroll(ContactSpec.of("vip@example.org", "Vera Important")
                .withFields(Map.of("met_at", "the summit")).withTier(1), TestConfigs.SEQUENCE, "test");
        Enrollment other = driver.daemon().enrollments().enroll(ContactSpec.of("otto@example.org", "Otto Other")
                .withFields(Map.of("met_at", "the summit")).withTier(3), TestConfigs.SEQUENCE, "test");
        driver.runChores();

        driver.receive("vip@example.org", "Re: Great to meet you, Vera", "Yes, I am interested - call me tomorrow?",
                driver.mail().receivedBy("vip@example.org").get(0).getMessageID());
        driver.receive("otto@example.org", "Re: Great to meet you, Otto", "Yes, I am interested, send me more.",
                driver.mail().receivedBy("otto@example.org").get(0).getMessageID());
        driver.runChores();

        assertThat(driver.state(vip.id())).isEqualTo(EnrollmentState.STOPPED);
        List<TaskService.Listed> tasks = driver.daemon().tasks().list(false, 10);
        assertThat(tasks).as("the task is for tier 1 only").hasSize(1);
        assertThat(tasks.get(0).task().text()).isEqualTo("Call Vera back today");
        assertThat(tasks.get(0).task().kind()).isEqualTo(TaskKind.CALL);
        assertThat(tasks.get(0).task().enrollmentId()).isEqualTo(vip.id());

        List<MimeMessage> handedOver = driver.mail().receivedBy(COLLEAGUE);
        assertThat(handedOver).as("one hand-off per reply, every tier").hasSize(2);
        assertThat(handedOver.get(0).getSubject()).startsWith("Handed over to you: Vera Important");
        assertThat(handedOver.get(0).getContent().toString()).contains("call me tomorrow");
        assertThat(driver.eventCount("handed_off")).isEqualTo(2);
        assertThat(owner("vip@example.org")).isEqualTo(COLLEAGUE);
        assertThat(owner("otto@example.org")).isEqualTo(COLLEAGUE);
        assertThat(driver.state(other.id())).isEqualTo(EnrollmentState.STOPPED);
    }

    private String owner(String email) {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT owner_email FROM contact WHERE email = :email").bind("email", email)
                .mapTo(String.class).one());
    }
}
