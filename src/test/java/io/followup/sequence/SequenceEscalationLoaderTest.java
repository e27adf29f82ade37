package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.sequence.timing.Cadence;
import io.followup.task.TaskKind;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code max_attempts} and {@code escalation} in a sequence file. */
class SequenceEscalationLoaderTest {

    private static final String STEPS = """
            name: intro
            steps:
              - template: intro/a
                wait: 0
              - template: intro/b
                wait: 2 days
              - template: intro/c
                wait: 2 days
            """;

    @RegisterExtension
    final SequenceFiles files = new SequenceFiles(List.of("main"), "Subject: x\n\nHi\n", "intro/a", "intro/b",
            "intro/c").startingWith(STEPS);

    @Test
    void withoutMaxAttemptsEveryStepIsSentAndNothingEscalates() throws IOException {
        SequenceDefinition sequence = files.load("");

        assertThat(sequence.maxAttempts()).isEqualTo(3);
        assertThat(sequence.lastStep()).isEqualTo(3);
        assertThat(sequence.escalation()).isNull();
    }

    @Test
    void aFullEscalationIsRead() throws IOException {
        SequenceDefinition sequence = files.load("""
                max_attempts: 2
                escalation:
                  task:
                    kind: LinkedIn
                    text: "Message $contact.first_name on LinkedIn"
                  notify: Owner
                  keep_in_touch: quarterly
                """);

        assertThat(sequence.lastStep()).isEqualTo(2);
        assertThat(sequence.escalation()).isEqualTo(new EscalationDefinition(
                new EscalationDefinition.Task(TaskKind.LINKEDIN,
                        "Message $contact.first_name on LinkedIn"),
                EscalationDefinition.OWNER, Cadence.parse("quarterly")));
    }

    @Test
    void aColleagueAddressCanBeNotifiedWithoutATask() throws IOException {
        SequenceDefinition sequence = files.load("escalation:\n  notify: sam@example.com\n");

        assertThat(sequence.escalation()).isEqualTo(new EscalationDefinition(null, "sam@example.com", null));
    }

    @Test
    void maxAttemptsBeyondTheNumberOfStepsNamesTheRange() throws IOException {
        files.assertFails("max_attempts: 4\n",
                "sequences/intro.yaml:9: max_attempts: expected a number of attempts 1-3 (the number of steps), got \"4\"");
    }

    @Test
    void anUnknownTaskKindNamesTheKinds() throws IOException {
        files.assertFails("escalation:\n  task:\n    kind: fax\n    text: Fax them\n",
                "sequences/intro.yaml:11: escalation.task.kind: expected call, linkedin, note or other, got \"fax\"");
    }

    @Test
    void aTaskWithoutTextNamesTheMissingKey() throws IOException {
        files.assertFails("escalation:\n  task:\n    kind: call\n",
                "sequences/intro.yaml:10: escalation.task.text: missing; expected what to do, e.g. \"Call $contact.first_name\"");
    }

    @Test
    void aBadCadenceNamesWhatWasExpected() throws IOException {
        files.assertFails("escalation:\n  keep_in_touch: sometimes\n",
                "sequences/intro.yaml:10: escalation.keep_in_touch: expected weekly, monthly, quarterly or a period such as \"45 days\", got \"sometimes\"");
    }

    @Test
    void aNoticeAddressMustBeAnAddress() throws IOException {
        files.assertFails("escalation:\n  notify: the boss\n",
                "sequences/intro.yaml:10: escalation.notify: expected an email address such as ada@example.com, got \"the boss\"");
    }

    @Test
    void anUnknownEscalationKeyListsTheKnownOnes() throws IOException {
        files.assertFails("escalation:\n  call: true\n",
                "sequences/intro.yaml:10: escalation.call: unknown key; expected one of task, notify, keep_in_touch");
    }
}
