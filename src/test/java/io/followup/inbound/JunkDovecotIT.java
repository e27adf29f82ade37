package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.JunkFolder;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.MutableClock;
import io.followup.testing.SequenceDriver;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junk: auto} against a real Dovecot whose Junk folder is marked {@code \Junk} under a name no fallback
 * guesses ({@link TestDovecot#JUNK_FOLDER}): the folder is found by its attribute, watched with its own watermark,
 * and a reply filed there stops the enrollment and tells the owner.
 */
class JunkDovecotIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    Path base;

    private TestMail mail;
    private TestDovecot dovecot;
    private TestDatabase testDatabase;
    private Daemon daemon;

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void theFolderMarkedJunkIsFoundAndAReplyFiledThereStopsTheEnrollmentAndTellsTheOwner() throws Exception {
        Assumptions.assumeTrue(TestDovecot.available(),
                "dovecot (package dovecot-imapd) is not installed or we are not root: Dovecot test skipped");
        mail = new TestMail();
        dovecot = new TestDovecot();
        testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
        AppConfig config = TestConfigs.withImap(TestConfigs.withFolders(TestConfigs.aConfig(base, mail, testDatabase),
                List.of("INBOX"), JunkFolder.AUTO), dovecot.port(), TestDovecot.USER, TestDovecot.PASSWORD);
        daemon = Daemon.open(config, new MutableClock(Instant.parse("2026-03-02T09:00:00Z")));
        daemon.start();
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark WHERE folder = '"
                + TestDovecot.JUNK_FOLDER + "'") == 1 && count("SELECT COUNT(*) FROM mailbox_watermark") == 2);

        Enrollment ben = daemon.enrollments().enroll(ContactSpec.of("ben@example.org", "Ben Brown")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mail.receivedBy("ben@example.org").size() == 1);
        String step = mail.receivedBy("ben@example.org").get(0).getMessageID();
        dovecot.deliverToJunk(SequenceDriver.rawMessage("ben@example.org", "Re: hello", "Thanks, see you Tuesday.",
                step, false, Instant.now()));

        await().atMost(PATIENCE).until(() -> daemon.database().jdbi().withHandle(handle -> new EnrollmentStore()
                .byId(handle, ben.id())).state() == EnrollmentState.STOPPED);
        Map<String, Object> reply = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT folder, junk, proof_level FROM inbound_message WHERE from_address = 'ben@example.org'")
                .mapToMap().one());
        assertThat(reply).containsEntry("folder", TestDovecot.JUNK_FOLDER).containsEntry("junk", true)
                .containsEntry("proof_level", "proven");
        await().atMost(PATIENCE).until(() -> mail.inboxOf(TestMail.OWNER).stream().anyMatch(notice -> {
            try {
                return notice.getSubject().endsWith("from ben@example.org went to your Junk folder");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }));
    }

    private long count(String sql) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
