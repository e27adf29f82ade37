package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.Closing;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code templates preview} against a real database (H2, and MariaDB when configured). */
class TemplatesPreviewIT {

    @TempDir
    Path base;

    private TestDatabase database;

    @AfterEach
    void dropDatabase() {
        Closing.all(database);
    }

    private void configure(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind, base);
        CliRun.config(base, TestConfigs.databaseYaml(database.url()));
        TestConfigs.write(base.resolve("config/sequences/met.yaml"), """
                name: met
                steps:
                  - template: met/thanks
                    wait: 0
                  - template: met/nudge
                    wait: 3 business days
                """);
        TestConfigs.write(base.resolve("templates/met/thanks.vm"), """
                Subject: Great to meet you, $contact.first_name

                Hi $contact.first_name,

                thanks for the talk at $contact.met_at. (step $step.number of $step.total)

                $sender.name
                """);
        TestConfigs.write(base.resolve("templates/met/thanks.html.vm"),
                "<p>Hi $contact.first_name, thanks for $contact.met_at.</p>\n");
        TestConfigs.write(base.resolve("templates/met/nudge.vm"), """
                Subject: About $contact.topic

                Hi $contact.first_name, one more thought on $contact.topic.
                """);
        CliRun.Result enrolled = CliRun.run(base, "enroll", "--sequence", "met", "--email", "maya@example.com",
                "--name", "Maya Patel", "--field", "met_at=the Lisbon <Summit>");
        assertThat(enrolled.code()).as(enrolled.err()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void previewPrintsHeadersAndTheTextBodyAsItWouldBeSent(TestDatabase.Kind kind) {
        CliRun.Result result = preview(kind, "met/thanks", "Maya@Example.com");
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).isEqualTo("""
                From: Ada Lovelace <ada@example.com>
                To: Maya Patel <maya@example.com>
                Subject: Great to meet you, Maya

                Hi Maya,

                thanks for the talk at the Lisbon <Summit>. (step 1 of 2)

                Ada Lovelace
                """);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void previewWithHtmlPrintsTheEscapedHtmlBody(TestDatabase.Kind kind) {
        CliRun.Result result = preview(kind, "met/thanks", "maya@example.com", "--html");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).endsWith("\n\n<p>Hi Maya, thanks for the Lisbon &lt;Summit&gt;.</p>\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aDraftThatWouldBeHeldIsAnErrorWithItsReason(TestDatabase.Kind kind) {
        CliRun.Result result = preview(kind, "met/nudge", "maya@example.com");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("followup: the draft would be held: ")
                .contains("templates/met/nudge.vm:1:").contains("$contact.topic").endsWith("\n")
                .hasLineCount(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aFollowUpInAnExistingThreadGetsTheThreadsReplySubject(TestDatabase.Kind kind) {
        configure(kind);
        assertThat(CliRun.run(base, "enroll", "--sequence", "met", "--email", "lee@example.com", "--name", "Lee Chen",
                "--field", "topic=pricing").code()).isZero();
        try (var opened = database.open()) {
            opened.jdbi().useHandle(handle -> handle.createUpdate("""
                    UPDATE enrollment SET next_step = 2, thread_subject = 'Great to meet you, Lee',
                           thread_refs = '<first@followup.test>'
                    WHERE contact_id = (SELECT id FROM contact WHERE email = 'lee@example.com')""").execute());
        }
        CliRun.Result result = CliRun.run(base, "templates", "preview", "met/nudge", "--contact", "lee@example.com");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                From: Ada Lovelace <ada@example.com>
                To: Lee Chen <lee@example.com>
                Subject: Re: Great to meet you, Lee

                Hi Lee, one more thought on pricing.
                """);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void anUnknownContactIsAnError(TestDatabase.Kind kind) {
        CliRun.Result result = preview(kind, "met/thanks", "nobody@example.com");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("followup: no contact with address nobody@example.com\n");
    }

    /** Configures the folder on a database of {@code kind} and previews {@code template} for {@code contact}. */
    private CliRun.Result preview(TestDatabase.Kind kind, String template, String contact, String... more) {
        configure(kind);
        List<String> args = new ArrayList<>(List.of("templates", "preview", template, "--contact", contact));
        args.addAll(List.of(more));
        return CliRun.run(base, args.toArray(String[]::new));
    }
}
