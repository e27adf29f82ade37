package io.followup.app;

import io.followup.config.AppConfig;
import io.followup.contact.ContactStore;
import io.followup.contact.SuppressionList;
import io.followup.contact.UnsubscribeLinks;
import io.followup.inbound.ImapWatcher;
import io.followup.inbound.InboundProcessor;
import io.followup.inbound.MessageMatcher;
import io.followup.inbound.WatermarkStore;
import io.followup.inbound.classify.MessageClassifier;
import io.followup.inbound.text.IntentClassifier;
import io.followup.inbound.text.ReplyTextExtractor;
import io.followup.outbox.MessageIds;
import io.followup.outbox.MimeBuilder;
import io.followup.outbox.OutboxRecovery;
import io.followup.outbox.OutboxSender;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.SmtpMailer;
import io.followup.response.OwnerNotifier;
import io.followup.response.ResponsePolicy;
import io.followup.response.ResponseRules;
import io.followup.schedule.ChoreScheduler;
import io.followup.sequence.AutoReplyReturn;
import io.followup.sequence.EnrollmentControl;
import io.followup.sequence.EnrollmentService;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.OptOutStore;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.SendWindowGate;
import io.followup.sequence.SequenceProgress;
import io.followup.sequence.StepDispatcher;
import io.followup.sequence.SuppressionEnforcer;
import io.followup.store.AppSecrets;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.store.Database;
import io.followup.store.EventLog;
import io.followup.template.TemplateEngine;
import io.followup.web.UnsubscribeHandler;
import io.followup.web.WebServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where followup's objects are wired. {@link #open} connects the database, migrates it and syncs the
 * configured mailboxes and sequences (enough for a command such as {@code enroll}); {@link #start} turns messages
 * this node abandoned in {@code sending} into {@code in_doubt}, then runs the chores (Quartz) and one IMAP watcher
 * per mailbox; {@link #close} stops all of it.
 * Open, start and close from one thread; the components themselves are thread-safe.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final int BATCH = 200;

    private final AppConfig config;
    private final Clock clock;
    private final Database database;
    private final boolean ownsDatabase;
    private final SequenceCatalog catalog;
    private final EnrollmentService enrollmentService;
    private final StepDispatcher dispatcher;
    private final OutboxSender sender;
    private final OutboxRecovery recovery;
    private final InboundProcessor inbound;
    private final WatermarkStore watermarks;
    private final List<ImapWatcher> watchers = new ArrayList<>();
    private final SuppressionList suppressions;
    private final EnrollmentControl control;
    private final UnsubscribeHandler unsubscribe;
    private ChoreScheduler scheduler;
    private WebServer web;

    private Daemon(AppConfig config, Clock clock, Database database, boolean ownsDatabase) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        database.migrate();
        EventLog events = new EventLog();
        ContactStore contacts = new ContactStore();
        EnrollmentStore enrollments = new EnrollmentStore();
        OutboxStore outbox = new OutboxStore();
        this.catalog = SequenceCatalog.sync(database.jdbi(), config, clock.instant());
        TemplateEngine templates = new TemplateEngine(config.templatesDir());
        TimingPlanner timing = new TimingPlanner(config.calendars(), new java.util.Random());
        this.suppressions = new SuppressionList(events);
        SuppressionEnforcer enforcer = new SuppressionEnforcer(suppressions, enrollments, outbox, events);
        UnsubscribeLinks links = unsubscribeLinks(config, database, clock);
        this.control = new EnrollmentControl(database.jdbi(), clock, catalog, enrollments, outbox, events);
        this.unsubscribe = new UnsubscribeHandler(database.jdbi(), clock, links, contacts, suppressions, enforcer,
                events);
        this.enrollmentService = new EnrollmentService(database.jdbi(), clock, catalog, contacts, enrollments, events,
                suppressions, timing);
        this.dispatcher = new StepDispatcher(database.jdbi(), clock, catalog, config.owners(), templates, contacts,
                enrollments, outbox, new MessageIds(), events, enforcer, links);
        MimeBuilder mime = new MimeBuilder(config.unsubscribe().mailto());
        this.sender = new OutboxSender(database.jdbi(), clock, config.nodeId(), outbox, events, catalog::mailbox,
                mailbox -> new SmtpMailer(mailbox, mime, clock),
                new SequenceProgress(catalog, contacts, enrollments, events, timing),
                List.of(new SendWindowGate(database.jdbi(), catalog, timing)), List.of(enforcer));
        this.recovery = new OutboxRecovery(database.jdbi(), clock, config.nodeId(), outbox, events);
        this.watermarks = new WatermarkStore();
        this.inbound = new InboundProcessor(database.jdbi(), clock, new MessageClassifier(),
                new ReplyTextExtractor(), new IntentClassifier(),
                new MessageMatcher(outbox, enrollments, contacts),
                new ResponsePolicy(catalog, sequenceId -> ResponseRules.DEFAULTS, contacts, enrollments,
                        enrollmentService, outbox, new OptOutStore(), suppressions::add, notifier(), new MessageIds(),
                        events, new AutoReplyReturn(catalog, contacts, timing)),
                watermarks, events);
    }

    // TODO(merge): replaced by the owner notices of the escalate branch
    private static OwnerNotifier notifier() {
        return (handle, enrollmentId, key, subject, text, now) -> { };
    }

    private static UnsubscribeLinks unsubscribeLinks(AppConfig config, Database database, Clock clock) {
        byte[] key = config.unsubscribe().secret().isPresent()
                ? config.unsubscribe().secret().reveal().getBytes(StandardCharsets.UTF_8)
                : Base64.getUrlDecoder().decode(new AppSecrets().getOrCreate(database.jdbi(), "unsubscribe",
                        clock.instant()));
        return new UnsubscribeLinks(key, config.unsubscribe().baseUrl());
    }

    /** Opens the configured database (embedded under the data directory when none is configured). */
    public static Daemon open(AppConfig config, Clock clock) {
        Database database = Database.open(config.database(), config.dataDir());
        try {
            return new Daemon(config, clock, database, true);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Uses a database the caller opened and will close. */
    public static Daemon open(AppConfig config, Clock clock, Database database) {
        return new Daemon(config, clock, database, false);
    }

    /** Starts the chores and the IMAP watchers. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        recovery.recoverOwn();
        web = new WebServer(config.web(), unsubscribe);
        web.start();
        scheduler = new ChoreScheduler(config.scheduler().name(), config.nodeId(), config.scheduler().clustered(),
                database.dataSource())
                .every("dispatch-due-steps", config.scheduler().dispatchInterval(), () -> dispatcher.dispatchDue(BATCH))
                .every("send-outbox", config.scheduler().outboxInterval(), () -> sender.sendDue(BATCH));
        if (config.scheduler().clustered()) {
            scheduler.every("recover-stale-sends", java.time.Duration.ofMinutes(5), recovery::recoverStale);
        }
        scheduler.start();
        catalog.mailboxes().forEach((id, mailbox) -> {
            if (mailbox.imap() != null) {
                ImapWatcher watcher = new ImapWatcher(id, mailbox, database.jdbi(), clock, inbound, watermarks);
                watchers.add(watcher);
                watcher.start();
            }
        });
        log.info("followup daemon {} running: {} mailbox(es), {} sequence(s)", config.nodeId(),
                catalog.mailboxes().size(), catalog.sequenceNames().size());
    }

    /** The port the web endpoint is bound to; -1 when the daemon is not started. */
    public synchronized int webPort() {
        return web == null ? -1 : web.port();
    }

    public SuppressionList suppressions() {
        return suppressions;
    }

    /** Pause, resume and stop by hand. */
    public EnrollmentControl control() {
        return control;
    }

    public Database database() {
        return database;
    }

    public SequenceCatalog catalog() {
        return catalog;
    }

    public EnrollmentService enrollments() {
        return enrollmentService;
    }

    public StepDispatcher dispatcher() {
        return dispatcher;
    }

    public OutboxSender sender() {
        return sender;
    }

    public InboundProcessor inbound() {
        return inbound;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        watchers.forEach(ImapWatcher::stop);
        watchers.clear();
        if (web != null) {
            web.close();
            web = null;
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
        if (ownsDatabase) {
            database.close();
        }
        log.info("followup daemon {} stopped", config.nodeId());
    }
}
