package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.sequence.timing.Wait;
import io.followup.task.TaskKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code introducer:} section of a sequence file, and the shipped sequence that has it. */
class IntroducerLoopLoaderTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String STEPS = """
            name: intro
            steps:
              - template: intro/a
                wait: 0
            """;

    @RegisterExtension
    final SequenceFiles files = new SequenceFiles(List.of("main"), "Subject: x\n\nHi\n", "intro/a",
            "introductions/ack", "introductions/connected", "introductions/thanks").startingWith(STEPS);

    @Test
    void withoutTheSectionThereIsNoLoopOfItsOwn() throws IOException {
        assertThat(files.load("").introducer()).isNull();
    }

    @Test
    void everyItemIsReadWithApprovalOnByDefault() throws IOException {
        IntroducerLoop loop = files.load("""
                first_touch_within: 12h
                introducer:
                  acknowledge:
                    template: introductions/ack
                    wait: 1 hour
                  connected: {template: introductions/connected, approval: false}
                  report_back:
                    task: {kind: note, text: "Tell $introducer.first_name"}
                    wait: 3 business days
                  thank_you: {template: introductions/thanks, wait: 1 day}
                """).introducer();

        assertThat(loop.acknowledge()).isEqualTo(new IntroducerLoop.Note("introductions/ack",
                new Wait(1, Wait.Unit.HOURS), true));
        assertThat(loop.acknowledgeWithin()).as("the sequence's promise").isEqualTo(Duration.ofHours(12));
        assertThat(loop.connected()).isEqualTo(new IntroducerLoop.Note("introductions/connected", Wait.NONE, false));
        assertThat(loop.reportBack()).isEqualTo(new IntroducerLoop.ReportBack(new EscalationDefinition.Task(
                TaskKind.NOTE, "Tell $introducer.first_name"),
                new Wait(3, Wait.Unit.BUSINESS_DAYS)));
        assertThat(loop.thankYou()).isEqualTo(new IntroducerLoop.Note("introductions/thanks",
                new Wait(1, Wait.Unit.DAYS), true));
    }

    @Test
    void itemsLeftOutOrOffAreOffAndTheAcknowledgementPromisesADayByDefault() throws IOException {
        IntroducerLoop loop = files.load("""
                introducer:
                  acknowledge: {template: introductions/ack}
                  connected: off
                """).introducer();

        assertThat(loop.acknowledgeWithin()).isEqualTo(Duration.ofHours(24));
        assertThat(loop.connected()).isNull();
        assertThat(loop.reportBack()).isNull();
        assertThat(loop.thankYou()).isNull();
    }

    @Test
    void mistakesNameTheFileTheLineAndTheKey() throws IOException {
        files.assertFails("""
                introducer:
                  acknowledge: {template: introductions/missing}
                """, "sequences/intro.yaml:6: introducer.acknowledge.template: template not found: "
                + "templates/introductions/missing.vm");
        files.assertFails("""
                introducer:
                  acknowledge:
                    template: introductions/ack
                    within: 24h
                    wait: 2 days
                """, "sequences/intro.yaml:9: introducer.acknowledge.wait: the acknowledgement waits 2 days, "
                + "longer than its promise (within) of 24 h");
        files.assertFails("""
                introducer:
                  report_back:
                    task: {kind: note, text: "Tell them"}
                """, "sequences/intro.yaml:6: introducer.report_back.wait: missing; expected a wait such as "
                + "\"3 business days\", \"24 hours\" or 0");
        files.assertFails("""
                introducer:
                  report_back:
                    task: {kind: fax, text: "Tell them"}
                    wait: 2 days
                """, "sequences/intro.yaml:7: introducer.report_back.task.kind: expected call, linkedin, note or "
                + "other, got \"fax\"");
        files.assertFails("""
                introducer:
                  thank_you: {template: introductions/thanks, approve: true}
                """, "sequences/intro.yaml:6: introducer.thank_you.approve: unknown key; expected one of template, "
                + "wait, approval");
        files.assertFails("""
                introducer:
                  connected: sometimes
                """, "sequences/intro.yaml:6: introducer.connected: expected a mapping (template, wait, approval), "
                + "or off, got \"sometimes\"");
        files.assertFails("""
                introducer:
                  thanks: {template: introductions/thanks}
                """, "sequences/intro.yaml:6: introducer.thanks: unknown key; expected one of acknowledge, "
                + "connected, report_back, thank_you");
        files.assertFails("""
                introducer:
                  connected: off
                """, "sequences/intro.yaml:5: introducer: every item is off; leave the introducer section out "
                + "instead");
    }

    @Test
    void theShippedIntroducedSequenceClosesTheWholeLoop() {
        SequenceDefinition introduced = new SequenceLoader(PROJECT.resolve("templates"),
                new LinkedHashSet<>(List.of("main")), PROJECT).loadAll(PROJECT.resolve("config/sequences")).stream()
                .filter(sequence -> sequence.name().equals("introduced")).findFirst().orElseThrow();

        IntroducerLoop loop = introduced.introducer();
        assertThat(loop.acknowledge().template()).isEqualTo("introductions/acknowledge");
        assertThat(loop.acknowledgeWithin()).isEqualTo(Duration.ofHours(24));
        assertThat(loop.connected().template()).isEqualTo("introductions/connected");
        assertThat(loop.reportBack().delay()).isEqualTo(new Wait(5, Wait.Unit.BUSINESS_DAYS));
        assertThat(loop.thankYou().template()).isEqualTo("introductions/thanks-after-meeting");
        assertThat(List.of(loop.acknowledge(), loop.connected(), loop.thankYou()))
                .allSatisfy(note -> assertThat(note.approval()).isTrue());
        assertThat(introduced.firstTouch().within()).isEqualTo(Duration.ofHours(24));
    }
}
