package io.followup.app;

import io.followup.approval.ApprovalNotifier;
import io.followup.approval.ApprovalPolicy;
import io.followup.approval.DecisionLog;
import io.followup.approval.DraftQueue;
import io.followup.config.AppConfig;
import io.followup.config.DatabaseConfig;
import io.followup.contact.ContactEraser;
import io.followup.contact.ContactStore;
import io.followup.contact.ContactWords;
import io.followup.contact.SuppressionList;
import io.followup.contact.UnsubscribeLinks;
import io.followup.digest.DigestChart;
import io.followup.digest.DigestJob;
import io.followup.digest.DigestMail;
import io.followup.digest.DigestRenderer;
import io.followup.digest.DigestSendListener;
import io.followup.digest.DigestService;
import io.followup.digest.NeedsYou;
import io.followup.digest.Outcomes;
import io.followup.inbound.MailboxWatch;
import io.followup.inbound.InboundProcessor;
import io.followup.inbound.InboundStore;
import io.followup.inbound.MailboxLease;
import io.followup.inbound.WatcherThreads;
import io.followup.inbound.UnverifiedInbox;
import io.followup.inbound.proof.ProofJudge;
import io.followup.inbound.WatermarkStore;
import io.followup.inbound.classify.MessageClassifier;
import io.followup.inbound.text.IntentClassifier;
import io.followup.inbound.text.ReplyTextExtractor;
import io.followup.keepintouch.CheckInDrafter;
import io.followup.matching.EnrollmentThreads;
import io.followup.matching.MessageMatcher;
import io.followup.metrics.DaemonMetrics;
import io.followup.keepintouch.KeepInTouchClock;
import io.followup.keepintouch.KeepInTouchService;
import io.followup.keepintouch.KeepInTouchStore;
import io.followup.oauth.AccessTokens;
import io.followup.oauth.GrantStore;
import io.followup.oauth.MailLogin;
import io.followup.oauth.TokenEndpoint;
import io.followup.outbox.MailboxLoginGate;
import io.followup.outbox.MessageIds;
import io.followup.outbox.MimeBuilder;
import io.followup.outbox.OutboxRecovery;
import io.followup.outbox.OutboxSender;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.SendJournal;
import io.followup.outbox.SendPacing;
import io.followup.outbox.SmtpMailer;
import io.followup.outbox.VerpAddresses;
import io.followup.response.RecipientRefusals;
import io.followup.outbox.StandaloneOutbox;
import io.followup.outbox.StopSwitch;
import io.followup.response.EscalationPolicy;
import io.followup.response.IntroductionItemStore;
import io.followup.response.IntroductionLoop;
import io.followup.response.OwnerNotices;
import io.followup.response.ResponsePolicy;
import io.followup.response.ReplyEscalations;
import io.followup.response.TaskClosing;
import io.followup.sequence.TaskText;
import io.followup.schedule.ChoreScheduler;
import io.followup.sequence.AutoReplyReturn;
import io.followup.sequence.BulkEnrollment;
import io.followup.sequence.EnrollmentControl;
import io.followup.sequence.EnrollmentService;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.OptOutStore;
import io.followup.sequence.ReferralStore;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.SequenceLoader;
import io.followup.sequence.SendWindowGate;
import io.followup.sequence.SequenceProgress;
import io.followup.sequence.SequenceReload;
import io.followup.sequence.StepDispatcher;
import io.followup.sequence.StepTasks;
import io.followup.sequence.SuppressionEnforcer;
import io.followup.sequence.VariantChooser;
import io.followup.store.AppSecrets;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.store.Database;
import io.followup.store.EventLog;
import io.followup.store.Retention;
import io.followup.task.TaskService;
import io.followup.task.TaskStore;
import io.followup.template.TemplateEngine;
import io.followup.sequence.DraftPreview;
import io.followup.sentfolder.SentCopyRecorder;
import io.followup.sentfolder.SentCopyStore;
import io.followup.sentfolder.SentFolderAppender;
import io.followup.web.MetricsRoutes;
import io.followup.web.UnsubscribeHandler;
import io.followup.web.WebUi;
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
 * configured mailboxes and the sequences it is given (loaded by {@code SequenceLoader.load} from the configuration's
 * {@code sequences_dir}, or built in code; enough for a command such as {@code enroll}); {@link #start} turns messages
 * this node abandoned in {@code sending} into {@code in_doubt}, then runs the chores (Quartz) and one IMAP watcher
 * per mailbox; {@link #close} stops all of it.
 * Open, start and close from one thread; the components themselves are thread-safe.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final int BATCH = 200;
    /** Due enrollments per dispatch transaction; a pass takes batches until its interval is nearly spent. */
    private static final int DISPATCH_BATCH = 500;
    /** How long one run of the send chore keeps sending while mail is due (a large queue drains at SMTP speed). */
    private static final java.time.Duration SEND_PASS = java.time.Duration.ofSeconds(10);
    /** Check-ins fall due by the day: looking once a minute is plenty and keeps the scheduler's load down. */
    private static final java.time.Duration CHECK_IN_INTERVAL = java.time.Duration.ofMinutes(1);
    /** Retention is by days: once an hour is plenty. */
    private static final java.time.Duration HOUSEKEEPING_INTERVAL = java.time.Duration.ofHours(1);

    private final AppConfig config;
    private final List<SequenceDefinition> sequences;
    private final Clock clock;
    private final Database database;
    private final boolean ownsDatabase;
    private final SequenceCatalog catalog;
    private final EnrollmentService enrollmentService;
    private final StepDispatcher dispatcher;
    private final OutboxSender sender;
    private final OutboxRecovery recovery;
    private final DraftQueue drafts;
    private final InboundProcessor inbound;
    private final UnverifiedInbox unverified;
    private final WatermarkStore watermarks;
    private final KeepInTouchService keepInTouch;
    private final CheckInDrafter checkIns;
    private final IntroductionLoop introductions;
    private final TaskService tasks;
    private final List<MailboxWatch> watchers = new ArrayList<>();
    /** The threads and the folder leases all mailbox watchers of this node share (null until started). */
    private WatcherThreads watcherThreads;
    private MailboxLease leases;
    private final SuppressionList suppressions;
    private final EnrollmentControl control;
    private final UnsubscribeHandler unsubscribe;
    private final ApprovalNotifier approvalNotices;
    private final java.util.function.Supplier<WebUi> webUi;
    private final DigestService digests;
    private final StopSwitch stopSwitch;
    private final SentFolderAppender sentFolder;
    private final MailLogin login;
    private final DaemonMetrics metrics;
    private final ContactEraser eraser;
    private final Retention retention;
    private final SequenceReload sequenceReload;
    private final TemplateEngine templates;
    private ChoreScheduler scheduler;
    private WebServer web;
    /** Read by chores without the daemon's lock: {@link #close} holds it while it waits for them to finish. */
    private volatile int webPort = -1;

    private Daemon(AppConfig config, List<SequenceDefinition> sequences, Clock clock, Database database,
                   boolean ownsDatabase) {
        this.config = config;
        this.sequences = List.copyOf(sequences);
        this.clock = clock;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        database.migrate();
        int resumed = BulkEnrollment.resumeWords(database.jdbi());
        if (resumed > 0) {
            log.info("contact search: {} contact(s) of an unfinished import added to the word index", resumed);
        }
        int indexed = ContactWords.catchUp(database.jdbi());
        if (indexed > 0) {
            log.info("contact search: {} contact(s) added to the word index", indexed);
        }
        EventLog events = new EventLog();
        EnrollmentStore enrollments = new EnrollmentStore();
        OutboxStore outbox = new OutboxStore();
        ContactStore contacts = new ContactStore(outbox::retier);
        InboundStore inboundStore = new InboundStore();
        SendPacing pacing = new SendPacing();
        this.catalog = SequenceCatalog.sync(database.jdbi(), config, this.sequences, clock.instant());
        this.metrics = new DaemonMetrics(database.jdbi(), clock, () -> catalog.mailboxes(),
                new DaemonMetrics.Stores(outbox, enrollments, inboundStore, pacing));
        this.templates = new TemplateEngine(config.templatesDir());
        TimingPlanner timing = new TimingPlanner(config.calendars(), new java.util.Random());
        this.suppressions = new SuppressionList(events, Base64.getUrlDecoder().decode(new AppSecrets().getOrCreate(
                database.jdbi(), "suppression-hash", clock.instant())));
        this.eraser = new ContactEraser(suppressions, events, inboundStore, outbox, enrollments, List.of(
                DecisionLog::forget, SentCopyStore::forget, ApprovalNotifier::forget, DigestService::forget,
                VariantChooser::forget, ReferralStore::forget, IntroductionItemStore::forget, TaskStore::forget,
                OptOutStore::forget, KeepInTouchStore::forget));
        this.retention = new Retention(database.jdbi(), clock, inboundStore, config.retention().inboundBodies(),
                config.retention().events());
        SuppressionEnforcer enforcer = new SuppressionEnforcer(suppressions, enrollments, outbox, events);
        UnsubscribeLinks links = unsubscribeLinks(config, database, clock);
        this.control = new EnrollmentControl(database.jdbi(), clock, catalog, enrollments, outbox, events);
        this.unsubscribe = new UnsubscribeHandler(database.jdbi(), clock, links, contacts, suppressions, enforcer,
                events);
        this.enrollmentService = new EnrollmentService(database.jdbi(), clock, catalog, contacts, enrollments, events,
                suppressions, timing);
        MessageIds messageIds = new MessageIds();
        ReferralStore referrals = new ReferralStore();
        VerpAddresses verp = new VerpAddresses(Base64.getUrlDecoder().decode(new AppSecrets().getOrCreate(
                database.jdbi(), "verp", clock.instant())));
        StandaloneOutbox standalone = new StandaloneOutbox(templates, messageIds);
        TaskStore taskStore = new TaskStore();
        StepTasks stepTasks = StepTasks.of(taskStore);
        this.sequenceReload = new SequenceReload(database.jdbi(), clock, catalog, enrollments, outbox, stepTasks,
                events);
        SequenceProgress progress = new SequenceProgress(catalog, contacts, enrollments, events, timing);
        this.tasks = new TaskService(database.jdbi(), clock, taskStore, contacts, events,
                (handle, task, now) -> progress.taskStepClosed(handle, task.enrollmentId(), task.stepNo(), now));
        KeepInTouchStore keepInTouchStore = new KeepInTouchStore();
        this.keepInTouch = new KeepInTouchService(database.jdbi(), clock, contacts, keepInTouchStore, events,
                catalog.mailboxes().values().iterator().next().timeZone());
        this.checkIns = new CheckInDrafter(database.jdbi(), clock, catalog, config.owners(), contacts, enrollments,
                keepInTouchStore, keepInTouch, standalone, config.keepInTouch(), events);
        this.dispatcher = new StepDispatcher(database.jdbi(), clock, catalog, config.owners(), templates, contacts,
                enrollments, outbox, messageIds, events, enforcer, links, new EscalationPolicy(catalog,
                config.owners(), contacts, taskStore, new TaskText(templates), keepInTouch, standalone, events),
                new ApprovalPolicy(config.approval(), referrals), stepTasks);
        this.login = new MailLogin(new AccessTokens(database.jdbi(), Clock.systemUTC(), new GrantStore(),
                new TokenEndpoint(), events, catalog::mailboxId));
        SentCopyStore sentCopies = new SentCopyStore();
        SentCopyRecorder sentCopyRecorder = new SentCopyRecorder(catalog::mailbox, sentCopies,
                new DigestSendListener(progress, events));
        this.sentFolder = new SentFolderAppender(database.jdbi(), clock, catalog::mailbox, sentCopies, events, login);
        MimeBuilder mime = new MimeBuilder(config.unsubscribe().mailto(), sentCopyRecorder);
        this.stopSwitch = new StopSwitch(database.jdbi(), mailboxId -> catalog.hasMailbox(mailboxId)
                ? catalog.mailbox(mailboxId).name() : "");
        this.sender = new OutboxSender(database.jdbi(), clock, config.nodeId(), outbox, events, catalog::mailbox,
                mailbox -> new SmtpMailer(mailbox, mime, clock, verp, login), metrics.sendListener(new RecipientRefusals(
                        sentCopyRecorder, sequenceId -> catalog.sequence(sequenceId).responses(), enrollments,
                        suppressions::add, events)),
                List.of(stopSwitch, new SendWindowGate(database.jdbi(), catalog, timing),
                        new MailboxLoginGate(catalog::mailbox, login)), List.of(enforcer),
                pacing);
        this.digests = new DigestService(database.jdbi(), clock, config.owners(), catalog.mailboxes(),
                config.digest(), new Outcomes(), new NeedsYou(), new DigestRenderer(new DigestChart()),
                new DigestMail(standalone, outbox), events,
                config.web().baseUrl() != null ? config.web().baseUrl() : config.unsubscribe().baseUrl());
        this.drafts = new DraftQueue(database.jdbi(), clock, outbox, enrollments, events,
                sentCopyRecorder.confirmedByHand(mime));
        this.approvalNotices = new ApprovalNotifier(database.jdbi(), clock, catalog, config.owners(), standalone,
                events, () -> config.web().publicUrl(webPort() > 0 ? webPort() : config.web().port()) + "/queue");
        this.watermarks = new WatermarkStore();
        SendJournal journal = new SendJournal(config.dataDir(), config.nodeId(),
                ids -> database.jdbi().withHandle(handle -> outbox.stillSending(handle, ids)));
        sender.journal(journal);
        this.recovery = new OutboxRecovery(database.jdbi(), clock, config.nodeId(), outbox, events, journal,
                sentCopyRecorder.confirmedByHand(mime));
        this.introductions = new IntroductionLoop(database.jdbi(), clock, catalog, config.owners(), contacts,
                enrollments, standalone, taskStore, new TaskText(templates), timing, config.introductions(), events);
        MessageMatcher matcher = new MessageMatcher(outbox, new EnrollmentThreads(enrollments), contacts);
        ResponsePolicy policy = new ResponsePolicy(catalog, sequenceId -> catalog.sequence(sequenceId).responses(),
                contacts, enrollments, enrollmentService, outbox, new OptOutStore(), suppressions::add,
                new OwnerNotices(catalog, config.owners(), standalone), messageIds,
                events, new AutoReplyReturn(catalog, contacts, timing), referrals,
                List.of(new KeepInTouchClock(keepInTouch), new TaskClosing(taskStore, events),
                        new ReplyEscalations(catalog, contacts, taskStore, new TaskText(templates),
                                standalone, events),
                        introductions, metrics.responseListener()));
        this.inbound = new InboundProcessor(database.jdbi(), clock, new MessageClassifier(),
                new ReplyTextExtractor(), new IntentClassifier(config.intents()), matcher,
                new ProofJudge(outbox, contacts, matcher, catalog::mailbox, verp), policy, watermarks,
                SequenceCatalog::lockMailbox, events);
        this.unverified = new UnverifiedInbox(database.jdbi(), clock, inbound, policy, events);
        this.webUi = () -> new WebUi(config.web(), new WebUi.Parts(database.jdbi(), clock, drafts, contacts,
                suppressions, keepInTouch, control, catalog, tasks, new DraftPreview(database.jdbi(), catalog,
                config.owners(), templates, contacts, enrollments), events, config.owners(),
                ownerEmail -> this.digests.latestHtml(ownerEmail), this.unverified));
    }

    private static UnsubscribeLinks unsubscribeLinks(AppConfig config, Database database, Clock clock) {
        byte[] key = config.unsubscribe().secret().isPresent()
                ? config.unsubscribe().secret().reveal().getBytes(StandardCharsets.UTF_8)
                : Base64.getUrlDecoder().decode(new AppSecrets().getOrCreate(database.jdbi(), "unsubscribe",
                        clock.instant()));
        return new UnsubscribeLinks(key, config.unsubscribe().baseUrl());
    }

    /**
     * Opens the configured database (embedded under the data directory when none is configured) with
     * {@code sequences}, validated against {@code config} ({@code SequenceLoader.load(config, baseDir)}).
     */
    public static Daemon open(AppConfig config, List<SequenceDefinition> sequences, Clock clock) {
        Database database = openDatabase(config);
        try {
            return new Daemon(config, sequences, clock, database, true);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Opens the database {@code config} names, not migrated (the embedded one under the data directory when none is
     * configured); the password is resolved here. The caller closes it.
     */
    public static Database openDatabase(AppConfig config) {
        DatabaseConfig database = config.database();
        if (database == null) {
            return Database.open(null, null, null, 0, config.dataDir());
        }
        return Database.open(database.url(), database.user(),
                () -> database.password().isPresent() ? database.password().reveal() : null, database.poolSize(),
                config.dataDir());
    }

    /** Uses a database the caller opened and will close. */
    public static Daemon open(AppConfig config, List<SequenceDefinition> sequences, Clock clock,
                              Database database) {
        return new Daemon(config, sequences, clock, database, false);
    }

    /** Starts the chores and the IMAP watchers. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        recovery.recoverOwn();
        sequenceReload.apply(sequences);
        web = new WebServer(config.web(), unsubscribe, webUi.get())
                .with(new io.followup.web.HealthRoutes(database, config.mailboxes()))
                .with(new MetricsRoutes(config.metrics(), metrics::scrape));
        web.start();
        webPort = web.port();
        scheduler = new ChoreScheduler(config.scheduler().name(), config.nodeId(), config.scheduler().clustered(),
                database.dataSource())
                .onMisfire(metrics::misfired)
                .every("dispatch-due-steps", config.scheduler().dispatchInterval(),
                        () -> dispatcher.dispatchFor(config.scheduler().dispatchInterval().multipliedBy(4).dividedBy(5),
                                DISPATCH_BATCH))
                .everyOnEachNode("send-outbox", config.scheduler().outboxInterval(), () -> sender.sendAvailable(BATCH,
                        SEND_PASS))
                .every("keep-in-touch", max(config.scheduler().dispatchInterval(), CHECK_IN_INTERVAL),
                        () -> checkIns.prepareDue(BATCH))
                .every("introducer-loop", config.scheduler().dispatchInterval(), () -> introductions.runDue(BATCH))
                .every("approval-notices", max(config.scheduler().dispatchInterval(), CHECK_IN_INTERVAL),
                        approvalNotices::notifyOwners)
                .every("weekly-digest", digestInterval(config.scheduler().dispatchInterval()), new DigestJob(digests))
                .every("sent-folder-copies", config.scheduler().outboxInterval(), () -> sentFolder.appendDue(BATCH))
                .every("housekeeping", HOUSEKEEPING_INTERVAL, () -> retention.sweep().total());
        if (config.scheduler().clustered()) {
            scheduler.every("recover-stale-sends", java.time.Duration.ofMinutes(5), recovery::recoverStale);
        }
        scheduler.start();
        watcherThreads = WatcherThreads.create(config.database() == null
                ? io.followup.config.DatabaseConfig.DEFAULT_POOL_SIZE : config.database().poolSize());
        leases = new MailboxLease(database.jdbi(), java.time.Clock.systemUTC(), config.nodeId());
        leases.expect(catalog.mailboxes().values().stream().filter(mailbox -> mailbox.imap() != null)
                .mapToInt(mailbox -> mailbox.imap().folders().size()).sum());
        leases.beat(watcherThreads);
        catalog.mailboxes().forEach((id, mailbox) -> {
            if (mailbox.imap() != null) {
                MailboxWatch watcher = new MailboxWatch(id, mailbox, database.jdbi(), clock, inbound, watermarks,
                        leases, login, watcherThreads);
                watchers.add(watcher);
                metrics.watch(mailbox.name(), watcher::connected);
                watcher.start();
            }
        });
        log.info("followup daemon {} running: {} mailbox(es), {} sequence(s)", config.nodeId(),
                catalog.mailboxes().size(), catalog.sequenceNames().size());
    }

    /**
     * Re-reads sequences and templates while the daemon runs ({@code followup sequences reload}, SIGHUP). Everything
     * is validated first: {@code fresh} was loaded and checked by {@link SequenceLoader} (against the configuration
     * file as it is now), and here every template is checked; a problem throws with its file and line
     * and nothing changes. Then the sequences are applied by {@link SequenceReload}'s rule and parsed templates are
     * forgotten. Mailboxes, templates_dir and every other setting are read at start-up only. Thread-safe; reloads
     * run one at a time.
     *
     * @throws io.followup.FollowupException naming the file, line and problem when something does not validate
     */
    public SequenceReload.Report reload(List<SequenceDefinition> fresh) {
        new TemplateEngine(config.templatesDir()).requireNoProblems();
        SequenceReload.Report report = sequenceReload.apply(fresh);
        templates.forgetParsed();
        return report;
    }

    /**
     * The port the web endpoint is bound to; -1 when the daemon is not started. Never blocks (chores call it, and
     * {@link #close} waits for chores while holding the daemon's lock).
     */
    public int webPort() {
        return webPort;
    }

    public SuppressionList suppressions() {
        return suppressions;
    }

    /** Pause, resume and stop by hand. */
    public EnrollmentControl control() {
        return control;
    }

    /** The stop switch: all outgoing mail of the daemon or of a mailbox held back until resumed. */
    public StopSwitch stopSwitch() {
        return stopSwitch;
    }

    /** The digest chore only compares the clock with a weekly time: as often as dispatch, at most once a minute. */
    private static java.time.Duration digestInterval(java.time.Duration dispatch) {
        return dispatch.compareTo(java.time.Duration.ofMinutes(1)) > 0 ? java.time.Duration.ofMinutes(1) : dispatch;
    }

    /** The weekly outcome digests (build, preview, send, latest). */
    public DigestService digests() {
        return digests;
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
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

    /** See {@link ChoreScheduler#activity()}; 0 when the chores are not running. */
    public long choreActivity() {
        ChoreScheduler running = scheduler;
        return running == null ? 0 : running.activity();
    }

    public StepDispatcher dispatcher() {
        return dispatcher;
    }

    public OutboxSender sender() {
        return sender;
    }

    /** The chore that stores copies of sent messages in the Sent folders. */
    public SentFolderAppender sentFolder() {
        return sentFolder;
    }

    /** The approval queue (drafts list/show/approve/reject/edit/resolve). */
    public DraftQueue drafts() {
        return drafts;
    }

    public InboundProcessor inbound() {
        return inbound;
    }

    /** Unverified inbound messages waiting for the owner (apply / dismiss). */
    public UnverifiedInbox unverified() {
        return unverified;
    }

    public KeepInTouchService keepInTouch() {
        return keepInTouch;
    }

    /** The introducer's loop: its chore ({@link IntroductionLoop#runDue}) and the items it owes. */
    public IntroductionLoop introductions() {
        return introductions;
    }

    public CheckInDrafter checkIns() {
        return checkIns;
    }

    /** The hourly "drafts wait for approval" notices to owners. */
    public ApprovalNotifier approvalNotices() {
        return approvalNotices;
    }

    public TaskService tasks() {
        return tasks;
    }

    /** Forgets contacts (erasure requests). */
    public ContactEraser eraser() {
        return eraser;
    }

    /** The housekeeping chore that enforces the retention settings. */
    public Retention retention() {
        return retention;
    }

    /** The metrics served on {@code /metrics}. */
    public DaemonMetrics metrics() {
        return metrics;
    }

    public Clock clock() {
        return clock;
    }

    /** Stops every mailbox watcher, several at once (each waits, bounded, for its connection to close). */
    private void stopWatchers() {
        java.util.concurrent.ExecutorService stopping = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(16, watchers.size())));
        try {
            stopping.invokeAll(watchers.stream().map(watcher -> java.util.concurrent.Executors.callable(
                    watcher::stop)).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopping.shutdown();
        }
        watchers.clear();
        if (leases != null) {
            try {
                leases.leave();
            } catch (RuntimeException e) {
                log.debug("node {}: deleting the leases' heartbeat failed ({}); it expires by itself",
                        config.nodeId(), e.getMessage());
            }
            leases = null;
        }
        if (watcherThreads != null) {
            watcherThreads.close();
            watcherThreads = null;
        }
    }

    @Override
    public synchronized void close() {
        boolean started = scheduler != null;
        stopWatchers();
        if (web != null) {
            webPort = -1;
            web.close();
            web = null;
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
        sender.close();
        metrics.close();
        if (ownsDatabase) {
            database.close();
        }
        if (started) {
            log.info("followup daemon {} stopped", config.nodeId());
        }
    }
}
