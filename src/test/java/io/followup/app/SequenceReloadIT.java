package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.FollowupException;
import io.followup.config.ConfigException;
import io.followup.config.ConfigLoader;
import io.followup.contact.ContactSpec;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.SequenceLoader;
import io.followup.sequence.SequenceReload;
import io.followup.testing.Chores;
import io.followup.testing.DaemonFiles;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Daemon#reload}: a broken sequence file or template changes nothing and names its file and line; running
 * enrollments keep their steps by identity, a removed step is skipped with the reason in the event log, a removed
 * sequence retires its enrollments.
 */
class SequenceReloadIT {

    private static final String THREE_STEPS_WITH_IDS = """
            name: intro
            mailbox: main
            send_window: {days: mon-sun, start: "00:00", end: "24:00"}
            jitter: false
            steps:
              - id: hello
                template: intro/first
                wait: 0
              - id: nudge
                template: intro/second
                wait: 2 days
              - id: last
                template: intro/third
                wait: 2 days
            """;

    @TempDir
    Path base;

    private Path sequences;
    private Path configFile;

    static List<TestDatabase.Kind> kinds() {
        return TestDatabase.kinds().toList();
    }

    /** The sequence files, loaded as the daemon and {@code followup sequences reload} load them. */
    private List<SequenceDefinition> load() {
        return SequenceLoader.load(new ConfigLoader(base, Map.of()).load(configFile), base);
    }

    private void writeSequence(String name, String yaml) {
        TestConfigs.write(sequences.resolve(name + ".yaml"), yaml);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBrokenFileChangesNothingAndSaysWhere(TestDatabase.Kind kind) throws Exception {
        try (TestMail mail = new TestMail(); TestDatabase database = TestDatabase.create(kind, base)) {
            configFile = DaemonFiles.of(mail.smtpPort(), mail.imapPort()).database(database.url()).write(base);
            sequences = base.resolve("config/sequences");
            MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
            try (Daemon daemon = Daemon.open(new ConfigLoader(base, Map.of()).load(configFile), load(), clock)) {
                daemon.reload(load());
                long alice = enroll(daemon, "alice@example.org");
                Chores.drain(daemon);
                String before = Files.readString(sequences.resolve("intro.yaml"));

                writeSequence("intro", before.replace("wait: 2 days", "wait: 2 parsecs"));
                assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                        .hasMessageContaining("intro.yaml:").hasMessageContaining("wait");

                writeSequence("intro", THREE_STEPS_WITH_IDS.replace("intro/third", "intro/fourth"));
                assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                        .hasMessageContaining("intro.yaml:").hasMessageContaining("intro/fourth");

                writeSequence("intro", THREE_STEPS_WITH_IDS);
                TestConfigs.write(base.resolve("templates/intro/third.vm"), """
                        Subject: Last one

                        Hi #if($contact.first_name, at the risk
                        """);
                assertThatThrownBy(() -> daemon.reload(load())).isInstanceOf(FollowupException.class)
                        .hasMessageContaining("third.vm:");

                assertThat(daemon.catalog().sequence(daemon.catalog().sequenceId("intro").orElseThrow())
                        .steps().get(0).id()).isNull();
                assertThat(stepKeys(daemon)).containsExactly("label:intro/first", "label:intro/second",
                        "label:intro/third");
                assertThat(nextStep(daemon, alice)).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void enrollmentsKeepTheirStepsByIdSkipARemovedStepAndRetireWithARemovedSequence(TestDatabase.Kind kind) {
        try (TestMail mail = new TestMail(); TestDatabase database = TestDatabase.create(kind, base)) {
            configFile = DaemonFiles.of(mail.smtpPort(), mail.imapPort()).database(database.url()).write(base);
            sequences = base.resolve("config/sequences");
            writeSequence("other", """
                    name: other
                    mailbox: main
                    steps:
                      - template: intro/first
                        wait: 1 day
                    """);
            MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
            try (Daemon daemon = Daemon.open(new ConfigLoader(base, Map.of()).load(configFile), load(), clock)) {
                daemon.reload(load());
                long alice = enroll(daemon, "alice@example.org");
                Chores.drain(daemon);
                clock.advance(Duration.ofDays(1));
                long bob = enroll(daemon, "bob@example.org");
                long dave = daemon.enrollments().enroll(ContactSpec.of("dave@example.org", "Dave Doe")
                        .withFields(Map.of("met_at", "the Oslo meetup")), "other", "test").id();
                Chores.drain(daemon);
                assertThat(nextStep(daemon, alice)).isEqualTo(2);

                // ids given to the steps of a file that had none: the same steps, nobody moves
                writeSequence("intro", THREE_STEPS_WITH_IDS);
                SequenceReload.Report ids = daemon.reload(load());
                assertThat(ids.changed()).isEmpty();
                assertThat(ids.moved()).isZero();
                assertThat(stepKeys(daemon)).containsExactly("id:hello", "id:nudge", "id:last");

                // a new step before "nudge", whose template changes: alice and bob wait for "nudge" at step 3
                writeSequence("intro", THREE_STEPS_WITH_IDS
                        .replace("  - id: nudge\n    template: intro/second",
                                "  - id: extra\n    template: intro/second\n    wait: 1 day\n"
                                        + "  - id: nudge\n    template: intro/third")
                        .replace("  - id: last\n    template: intro/third", "  - id: last\n    template: intro/second"));
                SequenceReload.Report changed = daemon.reload(load());
                assertThat(changed.changed()).containsExactly("intro");
                assertThat(changed.moved()).isEqualTo(2);
                assertThat(nextStep(daemon, alice)).isEqualTo(3);
                assertThat(lastEvent(daemon, alice)).contains("new step 2 (id extra) comes before where the "
                        + "enrollment stands").contains("next step 3 (was 2)");

                clock.advance(Duration.ofDays(1).plusMinutes(1));
                Chores.drain(daemon);
                assertThat(sentSubjects(daemon, alice)).containsExactly(
                        "Great to meet you, Alice", "Re: Great to meet you, Alice");
                assertThat(sentTemplates(daemon, alice)).containsExactly("intro/first", "intro/third");
                assertThat(nextStep(daemon, alice)).isEqualTo(4);

                // "extra" and "last" removed: bob (a day behind) still waits for "nudge", now step 2; alice waited for
                // "last": skipped, her sequence ends
                writeSequence("intro", THREE_STEPS_WITH_IDS.replace(
                        "  - id: last\n    template: intro/third\n    wait: 2 days\n", ""));
                SequenceReload.Report removed = daemon.reload(load());
                assertThat(removed.skipped()).isEqualTo(1);
                assertThat(removed.moved()).isEqualTo(2);
                assertThat(lastEvent(daemon, alice)).contains("step 4 (id last) was removed (skipped)");
                assertThat(nextStep(daemon, bob)).isEqualTo(2);

                // the "other" sequence removed: dave is retired with the reason
                Files.delete(sequences.resolve("other.yaml"));
                SequenceReload.Report retired = daemon.reload(load());
                assertThat(retired.removed()).containsExactly("other");
                assertThat(retired.retired()).isEqualTo(1);
                assertThat(stateAndReason(daemon, dave)).isEqualTo(
                        "stopped: retired: sequence \"other\" was removed from the configuration");

                clock.advance(Duration.ofDays(5));
                Chores.drain(daemon);
                assertThat(sentTemplates(daemon, alice)).containsExactly("intro/first", "intro/third");
                assertThat(stateAndReason(daemon, alice)).isEqualTo("completed: no_response");
                assertThat(sentTemplates(daemon, bob)).containsExactly("intro/first", "intro/second");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDraftWaitingForApprovalMovesWithItsStepOrIsCancelledWithIt(TestDatabase.Kind kind) {
        try (TestMail mail = new TestMail(); TestDatabase database = TestDatabase.create(kind, base)) {
            configFile = DaemonFiles.of(mail.smtpPort(), mail.imapPort()).database(database.url()).write(base);
            sequences = base.resolve("config/sequences");
            String approval = THREE_STEPS_WITH_IDS.replace("jitter: false", "jitter: false\napproval: true");
            writeSequence("intro", approval);
            MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
            try (Daemon daemon = Daemon.open(new ConfigLoader(base, Map.of()).load(configFile), load(), clock)) {
                daemon.reload(load());
                long carol = enroll(daemon, "carol@example.org");
                long dave = enroll(daemon, "dave@example.org");
                Chores.drain(daemon);
                assertThat(draftStates(daemon, carol)).containsExactly("1 pending_approval");

                // a new first step: both wait for "hello", now step 2; the new step is not sent to them
                writeSequence("intro", approval.replace("steps:\n",
                        "steps:\n  - id: warm-up\n    template: intro/third\n    wait: 0\n"));
                daemon.reload(load());
                assertThat(draftStates(daemon, carol)).containsExactly("2 pending_approval");
                assertThat(nextStep(daemon, carol)).isEqualTo(2);
                daemon.drafts().approve(draftId(daemon, carol), "test");
                Chores.drain(daemon);
                assertThat(sentTemplates(daemon, carol)).containsExactly("intro/first");
                assertThat(nextStep(daemon, carol)).isEqualTo(3);

                // "hello" removed while dave's draft of it waits: the draft is cancelled, dave goes on with "nudge"
                writeSequence("intro", approval.replace("  - id: hello\n    template: intro/first\n    wait: 0\n",
                        ""));
                daemon.reload(load());
                assertThat(draftStates(daemon, dave)).containsExactly("-1 cancelled");
                assertThat(lastEvent(daemon, dave)).contains("step 2 (id hello) was removed (skipped)")
                        .contains("1 unsent draft(s) cancelled");
                Chores.drain(daemon);
                assertThat(draftStates(daemon, dave)).containsExactly("-1 cancelled", "1 pending_approval");
                assertThat(sentTemplates(daemon, carol)).containsExactly("intro/first");
                assertThat(nextStep(daemon, carol)).isEqualTo(1);
                clock.advance(Duration.ofDays(2).plusMinutes(1));
                Chores.drain(daemon);
                assertThat(draftStates(daemon, carol)).containsExactly("-1 sent", "1 pending_approval");
            }
        }
    }

    private static List<String> draftStates(Daemon daemon, long enrollment) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT step_no, state FROM outbound_message WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollment).map((rs, ctx) -> rs.getInt("step_no") + " " + rs.getString("state")).list());
    }

    private static long draftId(Daemon daemon, long enrollment) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM outbound_message WHERE enrollment_id = :id AND state = 'pending_approval'")
                .bind("id", enrollment).mapTo(Long.class).one());
    }

    private static long enroll(Daemon daemon, String email) {
        String name = Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@')) + " Example";
        return daemon.enrollments().enroll(ContactSpec.of(email, name)
                .withFields(Map.of("met_at", "the Oslo meetup")), TestConfigs.SEQUENCE, "test").id();
    }

    private static List<String> stepKeys(Daemon daemon) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT s.step_key FROM sequence_step s JOIN sequence_def d ON d.id = s.sequence_id
                        WHERE d.name = 'intro' ORDER BY s.step_no""").mapTo(String.class).list());
    }

    private static int nextStep(Daemon daemon, long enrollment) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT next_step FROM enrollment WHERE id = :id").bind("id", enrollment).mapTo(Integer.class).one());
    }

    private static String stateAndReason(Daemon daemon, long enrollment) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT state, stop_reason FROM enrollment WHERE id = :id").bind("id", enrollment)
                .map((rs, ctx) -> rs.getString("state") + ": " + rs.getString("stop_reason")).one());
    }

    private static String lastEvent(Daemon daemon, long enrollment) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT detail FROM event_log WHERE enrollment_id = :id AND event = :event
                        ORDER BY id DESC LIMIT 1""")
                .bind("id", enrollment).bind("event", SequenceReload.EVENT.text()).mapTo(String.class).one());
    }

    private static List<String> sentSubjects(Daemon daemon, long enrollment) {
        return sent(daemon, enrollment, "subject");
    }

    private static List<String> sentTemplates(Daemon daemon, long enrollment) {
        return sent(daemon, enrollment, "template");
    }

    private static List<String> sent(Daemon daemon, long enrollment, String column) {
        String query = column.equals("subject")
                ? "SELECT subject FROM outbound_message WHERE enrollment_id = :id AND state = 'sent' ORDER BY id"
                : "SELECT template FROM outbound_message WHERE enrollment_id = :id AND state = 'sent' ORDER BY id";
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(query).bind("id", enrollment)
                .mapTo(String.class).list());
    }
}
