package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.contact.ContactSpec;
import io.followup.outbox.StopSwitch;
import io.followup.sequence.Enrollment;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.Wait;
import io.followup.testing.SequenceDriver;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stop switch ({@code pause --everything}): while on, neither sequence steps nor notices to the owner go out,
 * also after a restart; after {@code resume --everything} everything held goes.
 */
class StopSwitchIT {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path base;

    private SequenceDriver driver;

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    static Stream<TestDatabase.Kind> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theStopSwitchHoldsStepsAndNoticesAcrossARestartUntilResumed(TestDatabase.Kind kind) throws Exception {
        driver = new SequenceDriver(kind, base, START, List.of(new SequenceDefinition(TestConfigs.SEQUENCE, "test",
                "main", List.of(new StepDefinition(1, "intro/first", Wait.NONE, false),
                        new StepDefinition(2, "intro/second", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS))));
        Map<String, String> fields = Map.of("met_at", "the summit");
        driver.daemon().enrollments().enroll(ContactSpec.of("ann@example.org", "Ann Able").withFields(fields),
                TestConfigs.SEQUENCE, "test");
        driver.runChores();
        String annFirst = driver.mail.receivedBy("ann@example.org").get(0).getMessageID();

        assertThat(driver.daemon().stopSwitch().stop(StopSwitch.EVERYTHING, "test", driver.clock.instant())).isTrue();
        Enrollment ben = driver.daemon().enrollments().enroll(ContactSpec.of("ben@example.org", "Ben Bold")
                .withFields(fields), TestConfigs.SEQUENCE, "test");
        driver.reply("ann@example.org", "Re: hello", "Yes, I am interested - let us talk.", annFirst);
        driver.runChores();
        driver.restart();
        driver.clock.advance(Duration.ofHours(6));
        driver.runChores();

        assertThat(driver.mail.receivedBy("ben@example.org")).as("a first step is held").isEmpty();
        assertThat(driver.mail.receivedBy(TestMail.OWNER)).as("the owner's notice of the reply is held").isEmpty();
        assertThat(driver.daemon().stopSwitch().active()).singleElement()
                .satisfies(stop -> assertThat(stop.everything()).isTrue());
        assertThat(queued()).isEqualTo(2);

        assertThat(driver.daemon().stopSwitch().resume(StopSwitch.EVERYTHING)).isTrue();
        driver.clock.advance(Duration.ofMinutes(2));
        driver.runChores();

        assertThat(driver.mail.receivedBy("ben@example.org")).hasSize(1);
        assertThat(driver.mail.receivedBy(TestMail.OWNER)).hasSize(1);
        assertThat(driver.sentTemplates(ben.id())).containsExactly("intro/first");
        assertThat(queued()).isZero();
    }

    private int queued() {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM outbound_message WHERE state = 'queued'").mapTo(Integer.class).one());
    }
}
