package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.JunkFolder;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import io.followup.testing.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code junk: auto} against a real Dovecot whose Junk folder is marked {@code \Junk} under a name no fallback
 * guesses ({@link TestDovecot#JUNK_FOLDER}): the folder is found by its attribute, watched with its own watermark,
 * and a reply filed there stops the enrollment and tells the owner.
 * <p>
 * H2 only: what this adds is Dovecot's {@code \Junk} attribute. Watching a Junk folder with its own watermark,
 * acting on a reply found there and telling the owner run on both databases in {@link MultiFolderIT} (GreenMail).
 */
class JunkDovecotIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @DaemonTest(TestDatabase.Kind.H2)
    void theFolderMarkedJunkIsFoundAndAReplyFiledThereStopsTheEnrollmentAndTellsTheOwner(TestDaemon followup)
            throws Exception {
        Daemon daemon = followup.watchDovecot()
                .configure(config -> TestConfigs.withFolders(config, List.of("INBOX"), JunkFolder.AUTO)).start();
        TestMail mail = followup.mail();
        await().atMost(PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM mailbox_watermark WHERE folder = '"
                + TestDovecot.JUNK_FOLDER + "'") == 1 && followup.count("SELECT COUNT(*) FROM mailbox_watermark") == 2);

        Enrollment ben = followup.enroll("ben@example.org", "Ben Brown", "the meetup");
        await().atMost(PATIENCE).until(() -> mail.receivedBy("ben@example.org").size() == 1);
        String step = mail.receivedBy("ben@example.org").get(0).getMessageID();
        followup.dovecot().deliverToJunk(TestMail.rawMessage("ben@example.org", "Re: hello",
                "Thanks, see you Tuesday.", step, false, Instant.now()));

        await().atMost(PATIENCE).until(() -> followup.state(ben.id()) == EnrollmentState.STOPPED);
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
}
