package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.config.IntroductionsConfig;
import io.followup.config.KeepInTouchConfig;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.digest.IsoWeek;
import io.followup.sequence.timing.Cadence;
import io.followup.outbox.StopSwitch;
import io.followup.sequence.Enrollment;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The stop switch ({@code pause --everything}): while on, no sequence step, owner's notice, keep-in-touch check-in,
 * introducer's thank-you or digest goes out, also after a restart; after {@code resume --everything} everything held
 * goes.
 */
class StopSwitchIT {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private TestDaemon driver;

    @DaemonTest
    void theStopSwitchHoldsStepsAndNoticesAcrossARestartUntilResumed(TestDaemon given) throws Exception {
        driver = given.sequences(List.of(new SequenceDefinition(TestConfigs.SEQUENCE, "test",
                "main", List.of(new StepDefinition(1, "intro/first", Wait.NONE, false),
                        new StepDefinition(2, "intro/second", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS))));
        Map<String, String> fields = Map.of("met_at", "the summit");
        driver.daemon().enrollments().enroll(ContactSpec.of("ann@example.org", "Ann Able").withFields(fields),
                TestConfigs.SEQUENCE, "test");
        driver.runChores();
        String annFirst = driver.mail().receivedBy("ann@example.org").get(0).getMessageID();

        assertThat(driver.daemon().stopSwitch().stop(StopSwitch.EVERYTHING, "test", driver.clock().instant())).isTrue();
        Enrollment ben = driver.daemon().enrollments().enroll(ContactSpec.of("ben@example.org", "Ben Bold")
                .withFields(fields), TestConfigs.SEQUENCE, "test");
        driver.receive("ann@example.org", "Re: hello", "Yes, I am interested - let us talk.", annFirst);
        driver.runChores();
        driver.restart();
        driver.clock().advance(Duration.ofHours(6));
        driver.runChores();

        assertThat(driver.mail().receivedBy("ben@example.org")).as("a first step is held").isEmpty();
        assertThat(driver.mail().receivedBy(TestMail.OWNER)).as("the owner's notice of the reply is held").isEmpty();
        assertThat(driver.daemon().stopSwitch().active()).singleElement()
                .satisfies(stop -> assertThat(stop.everything()).isTrue());
        assertThat(queued()).isEqualTo(2);

        assertThat(driver.daemon().stopSwitch().resume(StopSwitch.EVERYTHING)).isTrue();
        driver.clock().advance(Duration.ofMinutes(2));
        driver.runChores();

        assertThat(driver.mail().receivedBy("ben@example.org")).hasSize(1);
        assertThat(driver.mail().receivedBy(TestMail.OWNER)).hasSize(1);
        assertThat(driver.sentTemplates(ben.id())).containsExactly("intro/first");
        assertThat(queued()).isZero();
    }

    @DaemonTest
    void checkInsThankYousOwnerNoticesAndDigestsAreHeldAcrossARestartAndGoOnResume(TestDaemon given)
            throws Exception {
        driver = given.sequences(List.of(new SequenceDefinition(TestConfigs.SEQUENCE, "test",
                "main", List.of(new StepDefinition(1, "intro/first", Wait.NONE, false)), new Wait(3, Wait.Unit.DAYS))));
        TestConfigs.write(driver.base().resolve("templates/keep-in-touch/check-in.vm"),
                "Subject: Checking in, $contact.first_name\n\nHi $contact.first_name, how are things?\n");
        TestConfigs.write(driver.base().resolve("templates/introductions/thank-you.vm"),
                "Subject: Thank you for introducing me to $contact.first_name\n\nHi $introducer.first_name, thank you.\n");
        driver.reopen(config -> config.withFollowUps(new KeepInTouchConfig("keep-in-touch/check-in", false),
                new IntroductionsConfig("introductions/thank-you", false)));
        driver.daemon().database().jdbi().useTransaction(handle -> {
            new ContactStore().upsert(handle, ContactSpec.of("ivy@example.org", "Ivy Ingram"), START);
            new ContactStore().upsert(handle, ContactSpec.of("bob@example.org", "Bob Brown"), START);
        });
        driver.daemon().keepInTouch().set("bob@example.org", Cadence.parse("weekly"), "test");
        driver.daemon().enrollments().enroll(new ContactSpec("dan@example.org", "Dan Diaz", null, null, null, null,
                null, null, List.of(), Map.of("met_at", "Ivy's dinner"), "ivy@example.org"), TestConfigs.SEQUENCE,
                "test");
        driver.runChores();
        String danFirst = driver.mail().receivedBy("dan@example.org").get(0).getMessageID();

        assertThat(driver.daemon().stopSwitch().stop(StopSwitch.EVERYTHING, "test", driver.clock().instant())).isTrue();
        driver.clock().advance(Duration.ofHours(2));
        driver.receive("dan@example.org", "Re: hello", "Yes, I am interested - let us talk.", danFirst);
        driver.clock().advance(Duration.ofDays(8));
        assertThat(driver.daemon().checkIns().prepareDue(10)).isEqualTo(1);
        var digests = driver.daemon().digests();
        assertThat(digests.send(digests.owner(null), IsoWeek.containing(START, ZoneOffset.UTC))).isTrue();
        driver.restart();
        driver.runChores();

        assertThat(kindsQueued()).containsExactlyInAnyOrder("thank_you", "notice", "check_in", "digest");
        assertThat(driver.mail().receivedBy("ivy@example.org")).as("the thank-you is held").isEmpty();
        assertThat(driver.mail().receivedBy("bob@example.org")).as("the check-in is held").isEmpty();
        assertThat(driver.mail().receivedBy(TestMail.OWNER)).as("the notice and the digest are held").isEmpty();

        assertThat(driver.daemon().stopSwitch().resume(StopSwitch.EVERYTHING)).isTrue();
        driver.clock().advance(Duration.ofMinutes(2));
        driver.runChores();

        assertThat(driver.mail().receivedBy("ivy@example.org")).hasSize(1);
        assertThat(driver.mail().receivedBy("bob@example.org")).hasSize(1);
        assertThat(driver.mail().receivedBy(TestMail.OWNER)).hasSize(2);
        assertThat(kindsQueued()).isEmpty();
    }

    private List<String> kindsQueued() {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT kind FROM outbound_message WHERE state = 'queued'").mapTo(String.class).list());
    }

    private int queued() {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM outbound_message WHERE state = 'queued'").mapTo(Integer.class).one());
    }
}
