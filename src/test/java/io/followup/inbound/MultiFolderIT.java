package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.JunkFolder;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStory;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.Closing;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several folders per mailbox on GreenMail: {@code folders: [INBOX, Clients]} with {@code junk: auto} (GreenMail has
 * no special-use attributes, so the folder named Junk is found by name; see JunkDovecotIT for {@code \Junk}). A reply
 * in Junk or in the second folder is acted on, the owner is told about Junk, one message in two folders acts once,
 * and each folder keeps its own watermark across a restart.
 */
class MultiFolderIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CLIENTS = "Clients";
    private static final String JUNK = "Junk";

    @TempDir
    Path base;

    private TestMail mail;
    private TestDatabase testDatabase;
    private Daemon daemon;

    @AfterEach
    void tearDown() {
        Closing.all(daemon, mail, testDatabase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void repliesInJunkAndInASecondFolderAreActedOnOnceAndTheOwnerIsToldAboutJunk(TestDatabase.Kind kind)
            throws Exception {
        AppConfig config = start(kind, List.of("INBOX", CLIENTS));
        awaitWatermarks("INBOX", CLIENTS, JUNK);
        assertThat(holders()).containsEntry("INBOX", "test-node").containsEntry(CLIENTS, "test-node")
                .containsEntry(JUNK, "test-node");

        Enrollment ben = enroll("ben@example.org", "Ben Brown");
        Enrollment carol = enroll("carol@example.org", "Carol Cole");
        Enrollment dan = enroll("dan@example.org", "Dan Dunn");
        Enrollment eve = enroll("eve@example.org", "Eve Evans");

        mail.deliverInto(JUNK, reply("ben@example.org", "Thanks, that works for me."));
        mail.deliverInto(JUNK, reply("eve@example.org", "Yes, I am interested, can we talk on Thursday?"));
        mail.deliverInto(CLIENTS, reply("carol@example.org", "Sounds good, talk soon."));
        byte[] danReply = reply("dan@example.org", "Yes, I am interested, let's set up a call next week.");
        mail.deliverInto("INBOX", danReply);
        mail.deliverInto(CLIENTS, danReply);

        await().atMost(PATIENCE).until(() -> state(ben) == EnrollmentState.STOPPED
                && state(carol) == EnrollmentState.STOPPED && state(dan) == EnrollmentState.STOPPED
                && state(eve) == EnrollmentState.STOPPED
                && count("SELECT COUNT(*) FROM inbound_message WHERE from_address LIKE 'dan@%'") == 2);

        assertThat(row("SELECT folder, junk, proof_level FROM inbound_message WHERE from_address LIKE 'ben@%'"))
                .containsEntry("folder", JUNK).containsEntry("junk", true).containsEntry("proof_level", "proven");
        assertThat(row("SELECT folder, junk, proof_level FROM inbound_message WHERE from_address LIKE 'carol@%'"))
                .containsEntry("folder", CLIENTS).containsEntry("junk", false).containsEntry("proof_level", "proven");
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'found_in_junk' AND enrollment_id = "
                + ben.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE kind = 'notice' AND enrollment_id = "
                + ben.id())).as("one notice about Ben's reply").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE kind = 'notice' AND enrollment_id = "
                + ben.id() + " AND subject LIKE '%Junk folder%'")).as("and it says where the reply was").isEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(row("SELECT state, last_error, to_address "
                + "FROM outbound_message WHERE kind = 'notice' AND enrollment_id = " + ben.id()
                + " AND subject LIKE '%Junk folder%'")).containsEntry("state", "sent"));
        await().atMost(PATIENCE).until(() -> mail.inboxOf(TestMail.OWNER).stream()
                .anyMatch(notice -> subject(notice).contains("Junk folder") && (subject(notice).contains("Ben Brown")
                        || subject(notice).contains("ben@example.org"))));
        ContactStory.ResponseLine benLine = daemon.database().jdbi().withHandle(handle -> new ContactStory(
                new io.followup.contact.ContactStore(), daemon.suppressions()).ofEmail(handle, "ben@example.org").orElseThrow().responses().get(0));
        assertThat(benLine.junkFolder()).isEqualTo(JUNK);

        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'reply' AND enrollment_id = " + dan.id()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'owner_notified' AND enrollment_id = "
                + dan.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE from_address LIKE 'dan@%' "
                + "AND match_method = 'duplicate'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'found_in_junk'")).isEqualTo(2);
        // an interested reply in Junk: the owner's one notice about it says where it was (not a second mail)
        assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE kind = 'notice' AND enrollment_id = "
                + eve.id())).isEqualTo(1);
        assertThat(row("SELECT subject, body_text FROM outbound_message WHERE kind = 'notice' AND enrollment_id = "
                + eve.id())).hasEntrySatisfying("subject", subject -> assertThat((String) subject)
                        .endsWith("(it went to your Junk folder)"))
                .hasEntrySatisfying("body_text", text -> assertThat((String) text)
                        .contains("found in the Junk folder \"" + JUNK + "\"", "can we talk on Thursday?"));
        assertThat(config.mailboxes().get(0).imap().junk()).isEqualTo(JunkFolder.AUTO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void eachFolderKeepsItsWatermarkAcrossARestartAndAMissingFolderStopsOnlyItself(TestDatabase.Kind kind) {
        AppConfig config = start(kind, List.of("INBOX"));
        awaitWatermarks("INBOX", JUNK);
        Enrollment ben = enroll("ben@example.org", "Ben Brown");
        Enrollment carol = enroll("carol@example.org", "Carol Cole");
        Enrollment dan = enroll("dan@example.org", "Dan Dunn");
        Map<String, Object> inboxBefore = row("SELECT uid_validity, last_uid FROM mailbox_watermark "
                + "WHERE folder = 'INBOX'");
        daemon.close();

        mail.deliverInto("INBOX", reply("ben@example.org", "Got it while you were away."));
        mail.deliverInto(JUNK, reply("carol@example.org", "Thanks, all clear."));
        daemon = Daemon.open(TestConfigs.withFolders(config, List.of("INBOX", CLIENTS, "Nowhere"), JunkFolder.AUTO),
                TestConfigs.intro(), new MutableClock(Instant.parse("2026-03-02T09:05:00Z")));
        daemon.start();

        await().atMost(PATIENCE).until(() -> state(ben) == EnrollmentState.STOPPED
                && state(carol) == EnrollmentState.STOPPED);
        awaitWatermarks("INBOX", JUNK, CLIENTS);
        assertThat(row("SELECT uid_validity FROM mailbox_watermark WHERE folder = 'INBOX'"))
                .containsEntry("uid_validity", inboxBefore.get("uid_validity"));
        assertThat(count("SELECT COUNT(*) FROM mailbox_watermark WHERE folder = 'Nowhere'")).isZero();
        mail.deliverInto(CLIENTS, reply("dan@example.org", "Read in the folder added by the upgrade."));
        await().atMost(PATIENCE).until(() -> state(dan) == EnrollmentState.STOPPED);
        assertThat(row("SELECT folder, junk FROM inbound_message WHERE from_address LIKE 'carol@%'"))
                .containsEntry("folder", JUNK).containsEntry("junk", true);
    }

    private AppConfig start(TestDatabase.Kind kind, List<String> folders) {
        mail = new TestMail();
        mail.createFolder(CLIENTS);
        mail.createFolder(JUNK);
        testDatabase = TestDatabase.create(kind, base);
        AppConfig config = TestConfigs.withFolders(TestConfigs.aConfig(base, mail, testDatabase), folders,
                JunkFolder.AUTO);
        daemon = Daemon.open(config, TestConfigs.intro(), new MutableClock(Instant.parse("2026-03-02T09:00:00Z")));
        daemon.start();
        return config;
    }

    private void awaitWatermarks(String... folders) {
        for (String folder : folders) {
            await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark WHERE folder = '"
                    + folder + "'") == 1);
        }
    }

    private Enrollment enroll(String email, String name) {
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(email, name)
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mail.receivedBy(email).size() == 1);
        return enrollment;
    }

    /** A proven reply from {@code from}: threaded to the step it received, from its own aligned address. */
    private byte[] reply(String from, String body) {
        try {
            String messageId = mail.receivedBy(from).get(0).getMessageID();
            return TestMail.rawMessage(from, "Re: hello", body, messageId, false, Instant.now());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private Map<String, String> holders() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT folder, node_id FROM mailbox_folder_lease")
                .setMapKeyColumn("folder").setMapValueColumn("node_id").collectInto(
                        new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() { }));
    }

    private EnrollmentState state(Enrollment enrollment) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, enrollment.id()))
                .state();
    }

    private Map<String, Object> row(String sql) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapToMap().one());
    }

    private long count(String sql) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
