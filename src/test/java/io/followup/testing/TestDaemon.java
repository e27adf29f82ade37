package io.followup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.contact.ContactSpec;
import io.followup.digest.NeedsYou;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.SequenceDefinition;
import io.followup.store.Database;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a {@link DaemonTest} gets: GreenMail ({@link #mail()}), a migrated database of one kind, a clock that stands
 * at {@link #START} until the test moves it, and the configuration of {@link TestConfigs#aConfig} (the "intro"
 * templates, in a temporary folder) and the "intro" sequence, which {@link #configure} and {@link #sequences} may
 * change before the daemon opens.
 * The daemon opens on first use, not started: the test runs the chores itself ({@link #drain}) or
 * {@link #start}s the scheduler and awaits a condition. GreenMail and the configuration are made on first use too,
 * so a test of the database alone ({@link #openDatabase()}) pays for neither. More nodes on the same database
 * ({@link #node}) and an SMTP server that can fail on cue ({@link #sendToSink}) are there for the tests that need
 * them. Everything is closed after the test by {@link DaemonExtension}. Not thread-safe; one per test.
 */
public final class TestDaemon implements ExtensionContext.Store.CloseableResource {

    /** Where the clock stands at first: a Monday, 09:00 UTC. */
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    /** How long an awaited condition is given (scheduled chores, the IMAP watcher, GreenMail). */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Path base;
    private final TestDatabase database;
    private final MutableClock clock = new MutableClock(START);
    private TestMail mail;
    private AppConfig config;
    private List<SequenceDefinition> sequences = TestConfigs.intro();
    private Daemon daemon;
    private TestDovecot dovecot;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private final List<Daemon> nodes = new ArrayList<>();
    private long uid;

    TestDaemon(TestDatabase.Kind kind) {
        base = TempFolder.create("followup-it-");
        database = TestDatabase.create(kind, base);
        TestConfigs.writeTemplates(base.resolve("templates"));
    }

    public Path base() {
        return base;
    }

    /** GreenMail, started on first call. */
    public TestMail mail() {
        if (mail == null) {
            mail = new TestMail();
        }
        return mail;
    }

    public TestDatabase database() {
        return database;
    }

    public TestDatabase.Kind kind() {
        return database.kind();
    }

    public MutableClock clock() {
        return clock;
    }

    /**
     * The configuration the daemon opens with: {@link TestConfigs#aConfig} over {@link #mail()} unless changed (the
     * templates are written when this test daemon is made: a test may overwrite one before or after this call).
     */
    public AppConfig config() {
        if (config == null) {
            config = TestConfigs.configOver(base, mail(), database);
        }
        return config;
    }

    /**
     * A new connection pool to this test's database, migrated, for a test of the stores without a daemon; closed with
     * the rest.
     */
    public Database openDatabase() {
        Database opened = closing(database.open());
        opened.migrate();
        return opened;
    }

    /**
     * A real Dovecot for this test, started on first call and closed with the rest; the test is skipped (assumption)
     * where Dovecot is not installed or we are not root.
     */
    public TestDovecot dovecot() {
        if (dovecot == null) {
            Assumptions.assumeTrue(TestDovecot.available(),
                    "dovecot (package dovecot-imapd) is not installed or we are not root: Dovecot test skipped");
            dovecot = new TestDovecot();
        }
        return dovecot;
    }

    /** The mailbox reads {@link #dovecot()}'s inbox (as its user), on its port; before the daemon opens. */
    public TestDaemon watchDovecot() {
        return watchDovecotAt(dovecot().port());
    }

    /** The mailbox reads {@link #dovecot()}'s inbox through {@code port} (a proxy before it); before the daemon opens. */
    public TestDaemon watchDovecotAt(int port) {
        dovecot();
        return configure(current -> TestConfigs.withImap(current, port, TestDovecot.USER, TestDovecot.PASSWORD));
    }

    /**
     * A folder to run the command line against ({@link CliFolder}) under {@link #base()}, on this test's database:
     * its builder, to change and {@code write()}. The commands open the database themselves; open no daemon here.
     */
    public CliFolder.Builder cli() {
        return CliFolder.at(base).database(database);
    }

    /** Changes the configuration the daemon will open with (e.g. {@code TestConfigs::withProof}); before it opens. */
    public TestDaemon configure(UnaryOperator<AppConfig> change) {
        if (daemon != null) {
            throw new IllegalStateException("the daemon is open already: configure it before, or reopen it");
        }
        config = change.apply(config());
        return this;
    }

    /**
     * Points the mailbox's SMTP side at a new {@link FaultSmtpSink} (closed with the rest), with {@code timeout} for
     * each SMTP command; before the daemon opens. Returns the sink, to inject faults and read what it received.
     */
    public FaultSmtpSink sendToSink(Duration timeout) {
        FaultSmtpSink sink = closing(FaultSmtpSink.start());
        configure(current -> TestConfigs.withSmtp(current, sink.port(), timeout));
        return sink;
    }

    /** The sequences the daemon opens with ("intro" unless replaced). */
    public List<SequenceDefinition> sequences() {
        return sequences;
    }

    /** Replaces the sequences (built in code over the "intro" templates); before the daemon opens. */
    public TestDaemon sequences(List<SequenceDefinition> newSequences) {
        configure(UnaryOperator.identity());
        sequences = newSequences;
        return this;
    }

    /** The daemon, opened on first call (not started). */
    public Daemon daemon() {
        if (daemon == null) {
            daemon = Daemon.open(config(), sequences, clock);
        }
        return daemon;
    }

    /**
     * Another node on this test's database: a daemon with this configuration and sequences but the node id
     * {@code nodeId}, a scheduler of its own ({@link TestConfigs#asNode}) and {@code nodeClock}; opened, not started.
     * Closed after the test, after {@link #daemon()}, latest first; a test that stops it sooner closes it itself.
     */
    public Daemon node(String nodeId, Clock nodeClock) {
        Daemon node = Daemon.open(TestConfigs.asNode(config(), nodeId), sequences, nodeClock);
        nodes.add(0, node);
        return node;
    }

    /** Opens the daemon if need be and starts its scheduler, watcher and web server. */
    public Daemon start() {
        daemon().start();
        return daemon;
    }

    /** Starts the daemon and waits until its IMAP watcher has looked at the inbox once (mail sent later is new). */
    public Daemon startWatching() {
        start();
        await("the watcher's first look at the inbox", () -> count("SELECT COUNT(*) FROM mailbox_watermark") > 0);
        return daemon;
    }

    /** Closes the daemon and opens a new one on the same database, with the configuration changed (a restart). */
    public Daemon reopen(UnaryOperator<AppConfig> change) {
        return open(change.apply(config()));
    }

    /** Closes the daemon if it is open and opens one with {@code changed} on this test's clock (a restart). */
    public Daemon open(AppConfig changed) {
        return open(changed, sequences);
    }

    /** Like {@link #open(AppConfig)}, with other sequences too (as after editing the sequence files). */
    public Daemon open(AppConfig changed, List<SequenceDefinition> newSequences) {
        closeDaemon();
        config = changed;
        sequences = newSequences;
        return daemon();
    }

    /** Closes the daemon and opens a new one on the same database and configuration. */
    public Daemon restart() {
        return reopen(UnaryOperator.identity());
    }

    /** Enrolls {@code email} in the "intro" sequence, met at {@code metAt}. */
    public Enrollment enroll(String email, String name, String metAt) {
        return enroll(ContactSpec.of(email, name).withFields(Map.of("met_at", metAt)), TestConfigs.SEQUENCE);
    }

    public Enrollment enroll(ContactSpec contact, String sequence) {
        return daemon().enrollments().enroll(contact, sequence, "test");
    }

    /** Dispatches every due step and sends every sendable message now ({@link Chores#drain}). */
    public void drain() {
        Chores.drain(daemon());
    }

    /** Dispatches every due step now, without sending ({@link Chores#dispatch}). */
    public void dispatch() {
        Chores.dispatch(daemon());
    }

    /** One round of the two outgoing chores, as the scheduler would run them. */
    public void runChores() {
        daemon().dispatcher().dispatchDue(100);
        daemon.sender().sendDue(100);
    }

    /**
     * Processes a plain human reply from {@code from} to the message {@code inReplyTo} (a Message-ID or null) as the
     * watcher would have fetched it from the inbox, in the test's thread.
     */
    public void receive(String from, String subject, String body, String inReplyTo) {
        daemon().inbound().process(daemon.catalog().mailboxId("main"), "INBOX", 1, ++uid,
                TestMail.rawMessage(from, subject, body, inReplyTo, false, clock.instant()));
    }

    /** Waits until {@code address} has received {@code count} messages through GreenMail; returns them. */
    public List<MimeMessage> awaitReceived(String address, int count) {
        await(count + " messages to " + address, () -> mail().receivedBy(address).size() >= count);
        return mail.receivedBy(address);
    }

    /** Waits (up to {@link #PATIENCE}) until {@code condition} holds, named {@code what} in the failure. */
    public void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(PATIENCE).until(condition);
    }

    public Enrollment enrollment(long id) {
        return daemon().database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    /** The states of an enrollment's outbound messages, oldest first. */
    public List<OutboundState> outbound(long enrollmentId) {
        return daemon().database().jdbi().withHandle(handle -> new OutboxStore().ofEnrollment(handle, enrollmentId))
                .stream().map(message -> message.state()).toList();
    }

    /** The outbound messages of {@code kind}, for any enrollment, oldest first. */
    public List<OutboundMessage> outbound(OutboundKind kind) {
        return daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM outbound_message WHERE kind = :kind ORDER BY id")
                .bind("kind", kind.db()).mapTo(Long.class).list().stream()
                .map(id -> new OutboxStore().byId(handle, id)).toList());
    }

    /** The one outbound message of {@code kind}; an assertion error when there is none or more than one. */
    public OutboundMessage onlyOutbound(OutboundKind kind) {
        List<OutboundMessage> messages = outbound(kind);
        assertThat(messages).as("the %s messages", kind).hasSize(1);
        return messages.get(0);
    }

    /** The events of an enrollment, oldest first; with {@code causes}, as "event (cause)". */
    public List<String> events(long enrollmentId, boolean causes) {
        String column = causes ? "CONCAT(event, ' (', cause, ')')" : "event";
        return daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT " + column + " FROM event_log WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).mapTo(String.class).list());
    }

    public EnrollmentState state(long enrollmentId) {
        return enrollment(enrollmentId).state();
    }

    /** How many events of this kind were logged, for any enrollment. */
    public int eventCount(String event) {
        return daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM event_log WHERE event = :event").bind("event", event).mapTo(Integer.class).one());
    }

    /** The templates of the step messages sent to an enrollment, in order. */
    public List<String> sentTemplates(long enrollmentId) {
        return daemon().database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT template FROM outbound_message WHERE enrollment_id = :id AND kind = 'step'
                        AND state = 'sent' ORDER BY step_no, id""")
                .bind("id", enrollmentId).mapTo(String.class).list());
    }

    /** What needs the owner now (at the test's clock), across the daemon's mailboxes, as the digest reads it. */
    public NeedsYou.Items needsYou() {
        List<Long> mailboxes = List.copyOf(daemon().catalog().mailboxes().keySet());
        return daemon.database().jdbi().withHandle(handle -> new NeedsYou().read(handle, mailboxes, clock.instant()));
    }

    /** The one number {@code sql} selects (a {@code COUNT(*)}). */
    public long count(String sql) {
        return daemon().database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    /**
     * Closes the daemon if it is open (a stop, or what is left after a crash) without opening another: the next
     * {@link #daemon()} or {@link #start()} opens a new one on the same database and configuration.
     */
    public void closeDaemon() {
        if (daemon != null) {
            Daemon closing = daemon;
            daemon = null;
            closing.close();
        }
    }

    /**
     * {@code resource} (a proxy before a server, a second mail server...) is closed with the rest after the test,
     * after the daemon, latest first; returns it.
     */
    public <T extends AutoCloseable> T closing(T resource) {
        extras.add(0, resource);
        return resource;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        all.add(this::closeDaemon);
        all.addAll(nodes);
        all.addAll(extras);
        all.add(this::closeDovecot);
        all.add(mail);
        all.add(database);
        all.add(() -> TempFolder.delete(base));
        Closing.all(all.toArray(AutoCloseable[]::new));
    }

    private void closeDovecot() {
        if (dovecot != null) {
            try {
                dovecot.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
