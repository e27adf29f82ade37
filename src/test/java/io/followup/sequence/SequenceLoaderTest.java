package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.followup.config.ConfigException;
import io.followup.sequence.timing.Wait;
import io.followup.task.TaskKind;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SequenceLoaderTest {

    private static final String VALID = """
            name: intro
            description: Someone introduced us.
            mailbox: second
            steps:
              - template: intro/acknowledge
                wait: 24 hours
              - template: intro/nudge
                wait: 2 days
                new_thread: true
            after_last_step:
              wait: 3 business days
            """;

    @RegisterExtension
    final SequenceFiles files = new SequenceFiles(List.of("main", "second"), "Hi\n", "intro/acknowledge", "intro/nudge",
            "other/first");

    private void write(String fileName, String content) {
        files.write(fileName, content);
    }

    private void assertFails(String content, String message) {
        files.assertFails(content, message);
    }

    @Test
    void aValidSequenceIsLoadedWithNumberedSteps() throws IOException {
        write("intro.yaml", VALID);

        assertThat(files.loadAll()).containsExactly(new SequenceDefinition("intro",
                "Someone introduced us.", "second", List.of(
                        new StepDefinition(1, "intro/acknowledge", new Wait(24, Wait.Unit.HOURS), false),
                        new StepDefinition(2, "intro/nudge", new Wait(2, Wait.Unit.DAYS), true)),
                new Wait(3, Wait.Unit.BUSINESS_DAYS), io.followup.sequence.timing.SequenceTiming.DEFAULT));
    }

    @Test
    void sequencesAreSortedByNameAndDefaultToTheFirstMailbox() throws IOException {
        write("zeta.yaml", "name: zeta\nsteps:\n  - template: other/first\n    wait: 0\n");
        write("alpha.yaml", "name: alpha\nsteps:\n  - template: other/first\n    wait: 0\n");
        write("notes.txt", "not a sequence");

        List<SequenceDefinition> sequences = files.loadAll();

        assertThat(sequences).extracting(SequenceDefinition::name).containsExactly("alpha", "zeta");
        assertThat(sequences.get(0).mailbox()).isEqualTo("main");
        assertThat(sequences.get(0).description()).isEmpty();
        assertThat(sequences.get(0).afterLastStep()).isEqualTo(SequenceLoader.DEFAULT_AFTER_LAST_STEP);
    }

    @Test
    void theUnsubscribeChoiceIsReadAndLeftToTheGlobalDefaultWhenAbsent() throws IOException {
        write("intro.yaml", VALID);
        write("bulk.yaml", "name: bulk\nunsubscribe: header\nsteps:\n  - template: other/first\n    wait: 0\n");
        write("plain.yaml", "name: plain\nunsubscribe: None\nsteps:\n  - template: other/first\n    wait: 0\n");

        List<SequenceDefinition> sequences = files.loadAll();

        assertThat(sequences).extracting(SequenceDefinition::name, SequenceDefinition::unsubscribe).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bulk", io.followup.config.UnsubscribeMode.HEADER),
                org.assertj.core.groups.Tuple.tuple("intro", null),
                org.assertj.core.groups.Tuple.tuple("plain", io.followup.config.UnsubscribeMode.NONE));
        assertThat(sequences.get(1).unsubscribeOr(io.followup.config.UnsubscribeMode.LINK))
                .isEqualTo(io.followup.config.UnsubscribeMode.LINK);
    }

    @Test
    void theFirstTouchPromiseIsReadWithItsEdgeHoursAndIsOffWhenAbsent() throws IOException {
        write("intro.yaml", VALID);
        write("met.yaml", "name: met\nfirst_touch_within: 24h\nallow_outside_window_for_first_touch: 2h\n"
                + "steps:\n  - template: other/first\n    wait: 0\n");

        List<SequenceDefinition> sequences = files.loadAll();

        assertThat(sequences.get(0).firstTouch()).isEqualTo(FirstTouchPromise.OFF);
        assertThat(sequences.get(1).firstTouch()).isEqualTo(new FirstTouchPromise(java.time.Duration.ofHours(24),
                java.time.Duration.ofHours(2)));
    }

    static Stream<Arguments> invalidSequences() {
        return Stream.of(
                arguments("a first step waiting longer than the promise is an error",
                        VALID.replace("steps:", "first_touch_within: 12h\nsteps:"),
                        "sequences/intro.yaml:4: first_touch_within: the first step waits 24 hours, longer than the "
                        + "promise 12h"),
                arguments("edge hours without a promise are an error",
                        VALID + "allow_outside_window_for_first_touch: 2h\n",
                        "sequences/intro.yaml:12: allow_outside_window_for_first_touch: applies only with "
                        + "first_touch_within (e.g. first_touch_within: 24h)"),
                arguments("an unknown unsubscribe choice names the three there are",
                        VALID + "unsubscribe: footer\n",
                        "sequences/intro.yaml:12: unsubscribe: expected header, link or none, got \"footer\""),
                arguments("a missing template names the file it looked for",
                        VALID.replace("intro/nudge", "intro/nudge-2"),
                        "sequences/intro.yaml:7: steps[1].template: template not found: templates/intro/nudge-2.vm"),
                arguments("a template name with the vm suffix is explained",
                        VALID.replace("intro/nudge", "intro/nudge.vm"),
                        "sequences/intro.yaml:7: steps[1].template: write the template name without .vm, e.g. \"intro/nudge\""),
                arguments("a template name leaving the templates directory is rejected",
                        VALID.replace("intro/nudge", "../intro/nudge"),
                        "sequences/intro.yaml:7: steps[1].template: expected a template name such as"
                        + " met-at-event/thank-you, got \"../intro/nudge\""),
                arguments("a bad wait says what a wait looks like",
                        VALID.replace("wait: 2 days", "wait: 2 fortnights"),
                        "sequences/intro.yaml:8: steps[1].wait: expected a wait such as \"3 business days\","
                        + " \"24 hours\" or \"2 days\", got \"2 fortnights\""),
                arguments("a bad wait after the last step is an error",
                        VALID.replace("wait: 3 business days", "wait: 3"),
                        "sequences/intro.yaml:11: after_last_step.wait: a wait needs a unit (minutes, hours, days or"
                        + " business days): \"3\""),
                arguments("a name different from the file name is an error",
                        VALID.replace("name: intro", "name: introduction"),
                        "sequences/intro.yaml:1: name: expected the file name without .yaml, \"intro\", got \"introduction\""),
                arguments("zero steps is an error",
                        "name: intro\nsteps: []\n",
                        "sequences/intro.yaml:2: steps: expected 1-20 steps, got 0"),
                arguments("more than twenty steps is an error",
                        "name: intro\nsteps:\n" + "  - template: other/first\n    wait: 1 day\n".repeat(21),
                        "sequences/intro.yaml:2: steps: expected 1-20 steps, got 21"),
                arguments("an unknown mailbox lists the configured ones",
                        VALID.replace("mailbox: second", "mailbox: third"),
                        "sequences/intro.yaml:3: mailbox: expected one of the configured mailboxes (main, second),"
                        + " got \"third\""),
                arguments("an unknown step key is an error",
                        VALID.replace("new_thread: true", "new_thred: true"),
                        "sequences/intro.yaml:9: steps[1].new_thred: unknown key; expected one of id, kind, template, variants, task, "
                        + "wait, new_thread, approval"),
                arguments("a step id used twice is an error naming the second",
                        VALID.replace("  - template: intro/acknowledge", "  - id: hello\n    template: intro/acknowledge")
                        .replace("  - template: intro/nudge", "  - id: hello\n    template: intro/nudge"),
                        "sequences/intro.yaml:8: steps[1].id: step id \"hello\" is used by an earlier step; each id names "
                        + "one step"),
                arguments("a step id with spaces is an error",
                        VALID.replace("  - template: intro/nudge", "  - id: first nudge\n    template: intro/nudge"),
                        "sequences/intro.yaml:7: steps[1].id: expected a step id of letters, digits, '-' and '_' (up to 60), "
                        + "e.g. first-nudge, got \"first nudge\""),
                arguments("a reply escalation with neither task nor hand off is an error",
                        VALID + "responses:\n  interested: [{tier: 1}]\n",
                        "sequences/intro.yaml:13: responses.interested[0]: an escalation needs a task ({kind, text}) or a "
                        + "handoff (a colleague's address)"),
                arguments("a task step with a template is an error",
                        VALID.replace("  - template: intro/nudge\n", "  - kind: task\n    template: intro/nudge\n"),
                        "sequences/intro.yaml:8: steps[1].template: a task step has no template"),
                arguments("an unknown step kind is an error",
                        VALID.replace("  - template: intro/nudge\n", "  - kind: call\n    template: intro/nudge\n"),
                        "sequences/intro.yaml:7: steps[1].kind: expected email or task, got \"call\""),
                arguments("a single variant is an error",
                        VALID.replace("  - template: intro/nudge\n", "  - variants: [{template: intro/nudge}]\n"),
                        "sequences/intro.yaml:7: steps[1].variants: expected 2-5 variants, got 1"),
                arguments("a variant with a missing template names it",
                        VALID.replace("  - template: intro/nudge\n",
                        "  - variants: [{template: intro/nudge}, {template: intro/gone, weight: 5}]\n"),
                        "sequences/intro.yaml:7: steps[1].variants[1].template: template not found: templates/intro/gone.vm"),
                arguments("a step without a wait is an error",
                        VALID.replace("    wait: 24 hours\n", ""),
                        "sequences/intro.yaml:5: steps[0].wait: missing; expected a wait such as \"3 business days\","
                        + " \"24 hours\" or \"2 days\" (0 for at once)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSequences")
    void anInvalidSequenceIsRefusedNamingFileLineAndField(String rule, String content, String message)
            throws IOException {
        assertFails(content, message);
    }

    @Test
    void aStepIdIsItsIdentityAndAStepWithoutOneIsItsTemplate() throws IOException {
        write("intro.yaml", VALID.replace("  - template: intro/nudge", "  - id: nudge\n    template: intro/nudge"));

        List<StepDefinition> steps = files.loadAll().get(0).steps();

        assertThat(steps.get(1).id()).isEqualTo("nudge");
        assertThat(StepIdentity.of(steps)).containsExactly("label:intro/acknowledge", "id:nudge");
    }

    @Test
    void aTaskStepAndAStepWithVariantsAreLoaded() throws IOException {
        write("intro.yaml", """
                name: intro
                steps:
                  - template: intro/acknowledge
                    wait: 0
                  - kind: task
                    task: {kind: linkedin, text: "Connect with $contact.first_name"}
                    wait: 2 business days
                  - variants: [{template: intro/nudge, weight: 70}, {template: other/first, weight: 30}]
                    wait: 3 days
                """);

        List<StepDefinition> steps = files.loadAll().get(0).steps();

        assertThat(steps.get(1)).isEqualTo(StepDefinition.ofTask(2, new Wait(2, Wait.Unit.BUSINESS_DAYS),
                new EscalationDefinition.Task(TaskKind.LINKEDIN, "Connect with $contact.first_name")));
        assertThat(steps.get(1).label()).isEqualTo("task: linkedin");
        assertThat(steps.get(2).variants()).containsExactly(new StepDefinition.Variant("intro/nudge", 70),
                new StepDefinition.Variant("other/first", 30));
        assertThat(steps.get(2).template()).isEqualTo("intro/nudge");
        assertThat(steps.get(2).label()).isEqualTo("intro/nudge | other/first");
    }

    @Test
    void replyClassesMayListTasksAndHandOffsBesideTheNamedActions() throws IOException {
        write("intro.yaml", VALID + """
                responses:
                  interested: [notify_owner, {task: {kind: call, text: "Call $contact.first_name back"}, tier: 1},
                               {handoff: jane@example.com}]
                """);

        ResponseRules rules = files.loadAll().get(0).responses();

        assertThat(rules.onReply(io.followup.inbound.text.Intent.INTERESTED))
                .containsExactly(ResponseAction.NOTIFY_OWNER);
        assertThat(rules.escalations(io.followup.inbound.text.Intent.INTERESTED)).containsExactly(
                new ReplyEscalation(1, new EscalationDefinition.Task(
                        TaskKind.CALL, "Call $contact.first_name back"), null),
                new ReplyEscalation(null, null, "jane@example.com"));
        assertThat(rules.escalations(io.followup.inbound.text.Intent.NEUTRAL)).isEmpty();
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> files.loader.loadAll(files.base.resolve("absent")))
                .isInstanceOf(ConfigException.class).hasMessage("absent: sequences directory not found");
    }

    @Test
    void theMailboxSetMustNotBeEmpty() {
        assertThatThrownBy(() -> new SequenceLoader(files.base, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void approvalCanBeRequiredByAStepOrByTheWholeSequence() throws IOException {
        write("intro.yaml", VALID.replace("new_thread: true", "new_thread: true\n    approval: true")
                + "approval: true\n");

        SequenceDefinition sequence = files.loadAll().get(0);

        assertThat(sequence.approval()).isTrue();
        assertThat(sequence.steps()).extracting(StepDefinition::approval).containsExactly(false, true);
    }

    @Test
    void anApprovalThatIsNotABooleanNamesItsLine() throws IOException {
        assertFails(VALID.replace("new_thread: true", "new_thread: true\n    approval: maybe"),
                "sequences/intro.yaml:10: steps[1].approval: expected true or false, got \"maybe\"");
    }
}
