package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What inbound mail does to an enrollment, end to end through GreenMail and the daemon's own watcher: an
 * out-of-office pauses until its return date, a reply is matched even when its client dropped the threading
 * headers or it comes from another address or a colleague.
 */
class InboundResponsesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path base;

    private TestMail mail;
    private TestDatabase testDatabase;
    private Daemon daemon;
    private MutableClock clock;

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        mail.close();
        testDatabase.close();
    }

    static Stream<TestDatabase.Kind> databases() {
        return TestDatabase.kinds();
    }

    private void start(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        daemon = Daemon.open(TestConfigs.aConfig(base, mail, testDatabase), clock);
        daemon.start();
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark") == 1);
    }

    private Enrollment enrollAndAwaitFirstStep(String email, String name, String metAt) {
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(email, name)
                .withFields(Map.of("met_at", metAt)), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mail.receivedBy(email).size() == 1);
        return enrollment;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOutOfOfficeWithAReturnDatePausesTheEnrollmentUntilThenAndItResumes(TestDatabase.Kind kind)
            throws Exception {
        start(kind);
        String liam = "liam@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(liam, "Liam Lee", "the Dublin meetup");
        MimeMessage first = mail.receivedBy(liam).get(0);

        mail.deliverRaw(raw("From: Liam Lee <" + liam + ">", "Automatic reply: " + first.getSubject(),
                "Auto-Submitted: auto-replied\r\nIn-Reply-To: " + first.getMessageID() + "\r\n",
                "Thank you for your message. I am out of the office until March 12, 2026 and will reply when I "
                        + "am back."));
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.PAUSED);
        Instant resumeAt = enrollment(enrollment.id()).resumeAt();
        assertThat(resumeAt).isEqualTo(Instant.parse("2026-03-13T09:00:00Z"));
        assertThat(kinds()).contains("auto_reply");

        clock.set(Instant.parse("2026-03-12T18:00:00Z"));
        Thread.sleep(800);
        assertThat(mail.receivedBy(liam)).as("nothing while out of office").hasSize(1);

        clock.set(resumeAt.plusSeconds(1));
        await().atMost(PATIENCE).until(() -> mail.receivedBy(liam).size() == 2);
        assertThat(state(enrollment.id())).isEqualTo(EnrollmentState.ACTIVE);
        Thread.sleep(500);
        assertThat(mail.receivedBy(liam)).as("only the next step, not a burst").hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReplyWhoseClientDroppedInReplyToIsStillMatchedByItsSender(TestDatabase.Kind kind) {
        start(kind);
        String nina = "nina@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(nina, "Nina Novak", "the Ljubljana meetup");
        mail.reply(nina, "RE: something else entirely", "Happy to talk!", null, null);
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);
        assertThat(matchMethods()).containsExactly("sender");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReplyFromAnotherAddressOrAColleagueIsMatchedThroughTheThreadSubject(TestDatabase.Kind kind)
            throws Exception {
        start(kind);
        Enrollment omar = enrollAndAwaitFirstStep("omar@acme.example", "Omar Ortiz", "the Cairo summit");
        Enrollment pia = enrollAndAwaitFirstStep("pia@globex.example", "Omar Ortiz", "the Cairo summit");
        Enrollment quinn = enrollAndAwaitFirstStep("quinn@initech.example", "Quinn Quist", "the Oslo meetup");
        String sharedSubject = mail.receivedBy("omar@acme.example").get(0).getSubject();
        assertThat(mail.receivedBy("pia@globex.example").get(0).getSubject()).isEqualTo(sharedSubject);
        String quinnSubject = mail.receivedBy("quinn@initech.example").get(0).getSubject();

        mail.reply("quinn.private@gmail.example", "AW: " + quinnSubject, "Writing from my own address: yes!",
                null, null);
        await().atMost(PATIENCE).until(() -> state(quinn.id()) == EnrollmentState.STOPPED);

        mail.reply("assistant@acme.example", "Re: " + sharedSubject, "Omar asked me to set up a call.", null, null);
        await().atMost(PATIENCE).until(() -> state(omar.id()) == EnrollmentState.STOPPED);
        assertThat(state(pia.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(matchMethods()).containsExactly("other_address", "colleague");
    }

    private byte[] raw(String from, String subject, String extraHeaders, String body) {
        return (from + "\r\nTo: " + TestMail.OWNER + "\r\nSubject: " + subject + "\r\nDate: "
                + new MailDateFormat().format(Date.from(clock.instant())) + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@example.org>\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Enrollment enrollment(long id) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    private EnrollmentState state(long id) {
        return enrollment(id).state();
    }

    private java.util.List<String> kinds() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT kind FROM inbound_message ORDER BY id").mapTo(String.class).list());
    }

    private java.util.List<String> matchMethods() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT match_method FROM inbound_message ORDER BY id").mapTo(String.class).list());
    }

    private long count(String sql) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
