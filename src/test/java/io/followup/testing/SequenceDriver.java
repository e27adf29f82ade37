package io.followup.testing;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.SequenceDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Drives a daemon whose chores the test runs itself (dispatch, send, inbound processing) on a {@link MutableClock},
 * with sequences built in code over the "intro" templates of {@link TestConfigs}. Not thread-safe; one per test.
 */
public final class SequenceDriver implements AutoCloseable {

    public final TestMail mail = new TestMail();
    public final TestDatabase database;
    public final MutableClock clock;
    public AppConfig config;
    public List<SequenceDefinition> sequences;
    private Daemon daemon;
    private long uid;

    public SequenceDriver(TestDatabase.Kind kind, Path base, Instant start, List<SequenceDefinition> sequences) {
        database = TestDatabase.create(kind, base);
        clock = new MutableClock(start);
        config = TestConfigs.aConfig(base, mail, database);
        this.sequences = sequences;
        daemon = Daemon.open(config, sequences, clock);
    }

    public Daemon daemon() {
        return daemon;
    }

    /** Closes the daemon and opens a new one on the same database and configuration (a restart). */
    public Daemon restart() {
        return reconfigure(java.util.function.UnaryOperator.identity());
    }

    /** A restart with the configuration changed by {@code change} (e.g. {@code withFollowUps}). */
    public Daemon reconfigure(java.util.function.UnaryOperator<AppConfig> change) {
        daemon.close();
        config = change.apply(config);
        daemon = Daemon.open(config, sequences, clock);
        return daemon;
    }

    /** A restart with the sequences changed (as after editing the sequence files). */
    public Daemon restart(List<SequenceDefinition> changed) {
        daemon.close();
        sequences = changed;
        daemon = Daemon.open(config, sequences, clock);
        return daemon;
    }

    /** Closes the daemon and opens a new one on the same database with {@code changed} (e.g. more settings). */
    public Daemon reopen(AppConfig changed) {
        daemon.close();
        config = changed;
        daemon = Daemon.open(config, sequences, clock);
        return daemon;
    }

    /** Dispatches due steps and sends the outbox, as the daemon's chores would. */
    public void runChores() {
        daemon.dispatcher().dispatchDue(100);
        daemon.sender().sendDue(100);
    }

    /** Processes a plain human reply from {@code from} to the message {@code inReplyTo} (a Message-ID or null). */
    public void reply(String from, String subject, String body, String inReplyTo) {
        daemon.inbound().process(daemon.catalog().mailboxId("main"), "INBOX", 1, ++uid,
                rawMessage(from, subject, body, inReplyTo, false, clock.instant()));
    }

    /**
     * A plain-text message to the owner, dated {@code date}, as a delivery agent stores it (with the envelope sender in
     * {@code Return-Path}, so a message from a contact is aligned with its {@code From}); an auto-reply with
     * {@code autoReply}.
     */
    public static byte[] rawMessage(String from, String subject, String body, String inReplyTo, boolean autoReply,
                                    Instant date) {
        String raw = "Return-Path: <" + from + ">\r\n"
                + "From: " + from + "\r\n"
                + "To: " + TestMail.OWNER + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.org>\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + (autoReply ? "Auto-Submitted: auto-replied\r\n" : "")
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + body + "\r\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    public EnrollmentState state(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, enrollmentId))
                .state();
    }

    public int events(String event) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM event_log WHERE event = :event").bind("event", event).mapTo(Integer.class).one());
    }

    /** The templates of the step messages sent to an enrollment, in order. */
    public List<String> sentTemplates(long enrollmentId) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT template FROM outbound_message WHERE enrollment_id = :id AND kind = 'step'
                        AND state = 'sent' ORDER BY step_no, id""")
                .bind("id", enrollmentId).mapTo(String.class).list());
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
        mail.close();
        database.close();
    }
}
