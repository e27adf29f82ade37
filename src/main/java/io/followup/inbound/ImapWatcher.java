package io.followup.inbound;

import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.Security;
import io.followup.oauth.MailLogin;
import io.followup.outbox.OutboxStore;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.iap.Response;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one folder of a mailbox ({@link WatchedFolder}): reads every message above the stored UID watermark, in batches, hands each to the
 * {@link InboundProcessor}, then waits with IMAP IDLE where the server supports it (polling otherwise), and
 * reconnects with a bounded exponential backoff after any failure. A message that cannot be read is recorded (shown to
 * the owner) before the watermark passes it and read again later, a bounded number of times (see
 * {@link UnreadableRetry}); a lost connection is never taken for an unreadable message. The first time a folder is seen, reading starts at its current end: older mail
 * predates every message followup sent. With a {@link MailboxLease}, only the node holding the folder's lease
 * watches it; the others wait and take over when it expires. A folder missing on the server is reported (naming the
 * mailbox and the setting) and looked for again every {@link #MISSING_FOLDER_RECHECK}; the mailbox's other folders
 * have their own watchers. Messages of the Junk folder are processed as junk ({@link JunkDetector}). One thread
 * per watcher (the watch; virtual where {@link WatcherThreads} says so), its periodic wake-up that ends each IDLE or
 * polling wait runs on the node's shared {@link WatcherThreads}; {@link #start()} and {@link #stop()} are
 * thread-safe.
 */
public final class ImapWatcher {

    private static final OutboxStore FIRST_SENT = new OutboxStore();

    private static final Logger log = LoggerFactory.getLogger(ImapWatcher.class);
    static final int BATCH = 100;
    static final long MAX_MESSAGE_BYTES = 25L * 1024 * 1024;
    private static final long UNKNOWN_SIZE = -1;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** A message during whose reading the connection was lost this many times in a row is recorded as unreadable. */
    static final int POISON_LOSSES = 3;
    /** How long a watcher waits before it looks again for a folder that does not exist on the server. */
    static final Duration MISSING_FOLDER_RECHECK = Duration.ofMinutes(5);

    private final long mailboxId;
    private final MailboxConfig mailbox;
    private final WatchedFolder watched;
    private final String folderName;
    private final java.util.function.Consumer<String> junkFound;
    private final Jdbi jdbi;
    private final Clock clock;
    private final InboundProcessor processor;
    private final WatermarkStore watermarks;
    private final Session session;
    private final MailLogin login;
    private final MailboxLease lease;
    private final Duration leaseTtl;
    private final AtomicReference<Folder> openFolder = new AtomicReference<>();
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private volatile Thread thread;
    private final WatcherThreads threads;
    /** The threads were made for this watcher alone (closed when it stops). */
    private final boolean ownThreads;
    private volatile ScheduledFuture<?> kicker;
    /** After a failure, read one message at a time (no batch FETCH) until a pass succeeds: finds a poison message. */
    private boolean careful;
    /** Failures in a row since the last pass that read the folder to its end (the reconnect backoff grows with it). */
    private int failures;
    /** The UID being read when the connection was last lost, and how many times in a row that happened. */
    private long suspectUid = -1;
    private int suspectLosses;
    /**
     * The highest message number the last pass saw listed (its messages were read, or were below the watermark), or
     * the folder's message count when nothing was listed: a larger message count after the pass means mail arrived
     * while it ran, and is read before entering IDLE. Read by the folder's message-count listener too.
     */
    private volatile int lastNumberRead;
    /** Whether the folder is the mailbox's Junk folder (from the settings, or found so on the server). */
    private volatile boolean junk;

    /**
     * Watches one folder of the mailbox.
     *
     * @param folder    the folder
     * @param lease     the folder's lease (null: watch without one): only the node holding it watches; it is renewed
     *                  every poll interval and per batch, and lasts three poll intervals (at least ten seconds, so
     *                  that a loaded machine does not lose it between two renewals)
     * @param junkFound told the name of the mailbox's Junk folder each time this watcher connects and finds one
     *                  (null: the watcher does not look for it beyond its own folder)
     * @param login how to log in (XOAUTH2 for a mailbox with {@code auth: oauth2}); while it says the mailbox is
     *              paused (OAuth2 grant revoked or missing), the watcher waits and reads nothing
     * @param threads the node's watcher threads (null: the watcher makes its own and closes them when it stops)
     */
    public ImapWatcher(long mailboxId, MailboxConfig mailbox, WatchedFolder folder, Jdbi jdbi, Clock clock,
                       InboundProcessor processor, WatermarkStore watermarks, MailboxLease lease,
                       java.util.function.Consumer<String> junkFound, MailLogin login, WatcherThreads threads) {
        this.ownThreads = threads == null;
        this.threads = threads == null ? WatcherThreads.create() : threads;
        this.login = login;
        this.watched = folder;
        this.folderName = folder.name();
        this.junk = folder.junk();
        this.junkFound = junkFound;
        this.lease = lease;
        this.leaseTtl = lease == null ? Duration.ZERO : lease.ttl(mailbox.imap().pollInterval());
        this.mailboxId = mailboxId;
        this.mailbox = mailbox;
        this.jdbi = jdbi;
        this.clock = clock;
        this.processor = processor;
        this.watermarks = watermarks;
        Properties properties = properties(mailbox.imap());
        MailLogin.configure(properties, mailbox.imap().security() == Security.SSL ? "imaps" : "imap", mailbox);
        this.session = Session.getInstance(properties);
    }

    /** The Jakarta Mail session properties for an IMAP account (protocol, timeouts, TLS checks). */
    public static Properties properties(ImapConfig imap) {
        Properties properties = new Properties();
        String protocol = imap.security() == Security.SSL ? "imaps" : "imap";
        String timeout = String.valueOf(imap.timeout() == null ? 30_000 : imap.timeout().toMillis());
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".host", imap.host());
        properties.put("mail." + protocol + ".port", String.valueOf(imap.port()));
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        properties.put("mail." + protocol + ".peek", "true");
        properties.put("mail." + protocol + ".partialfetch", "false");
        // Angus sleeps this long (default 10 ms) after every IDLE, so that another thread that ended the IDLE to run
        // a command gets the folder before the caller's loop enters IDLE again; the watcher does not loop on IDLE
        // (a pass of commands follows every IDLE, and the threads that end one, the kick and the new-mail wake-up,
        // need the folder for one command): 10 ms less between a new-mail notice and the reply's stop
        properties.put("mail." + protocol + ".minidletime", "0");
        if (imap.security() == Security.STARTTLS) {
            properties.put("mail.imap.starttls.enable", "true");
            properties.put("mail.imap.starttls.required", "true");
        }
        boolean trusted = imap.trust() != null && !imap.trust().isBlank();
        if (trusted) {
            // hosts the user chose to trust (e.g. a self-signed certificate): no chain or host name check
            properties.put("mail." + protocol + ".ssl.trust", imap.trust());
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        } else if (imap.security() != Security.PLAIN) {
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return properties;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (lease != null) {
            lease.watch(mailboxId, folderName, this::wake);
        }
        kicker = threads.every(mailbox.imap().pollInterval(), this::kick);
        thread = threads.newThread(this::loop, "imap-" + mailbox.name() + "-" + folderName);
        thread.start();
        log.info("watching {} of mailbox {} on {}:{}", folderName, mailbox.name(),
                mailbox.imap().host(), mailbox.imap().port());
    }

    /** Whether the watcher holds an open folder now (connected and watching or polling). Never blocks. */
    public boolean connected() {
        return openFolder.get() != null;
    }

    /** Stops watching and waits (bounded) for the watcher thread to end. */
    public void stop() {
        Thread current;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            current = thread;
            kicker.cancel(false);
        }
        if (lease != null) {
            lease.unwatch(mailboxId, folderName); // the heartbeat takes no lease for this watcher from now on
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        Folder folder = openFolder.get();
        if (folder != null) {
            // closed on a thread of its own: closing a store whose connection is in IDLE waits for the server to end
            // the IDLE, up to the read timeout, and a stop (Ctrl-C, SIGTERM) must not wait that long per folder
            Thread closer = threads.newThread(() -> {
                try {
                    folder.getStore().close();
                } catch (MessagingException | RuntimeException e) {
                    log.debug("closing IMAP store of {}: {}", mailbox.name(), e.getMessage());
                }
            }, "imap-close-" + mailbox.name() + "-" + folderName);
            closer.start();
        }
        try {
            current.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lease != null) {
            try {
                lease.release(mailboxId, folderName);
            } catch (RuntimeException e) {
                log.debug("mailbox {}: releasing the lease of {} failed ({}); it expires by itself", mailbox.name(),
                        folderName, e.getMessage());
            }
        }
        if (ownThreads) {
            threads.close();
        }
        log.info("stopped watching {} of mailbox {}", folderName, mailbox.name());
    }

    /** Ends a wait (for the lease, or a polling wait) at once, without touching the connection. */
    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Ends an IDLE or a polling wait so the folder is read again now (keeps the connection alive, too). */
    void kick() {
        Folder folder = openFolder.get();
        if (folder != null && folder.isOpen()) {
            try {
                folder.getMessageCount();
            } catch (MessagingException | RuntimeException e) {
                log.trace("kick of {} failed: {}", mailbox.name(), e.getMessage());
            }
        }
        wake();
    }

    /**
     * Ends the IDLE the watcher is in when the folder holds mail the last pass did not read. A server may announce new
     * mail ({@code * N EXISTS}) that arrived after the pass's last command and before IDLE began ahead of its answer
     * to IDLE; the client takes it in while IDLE starts and then waits for the next notice, which may never come: the
     * mail would wait for the next kick (up to the poll interval). Sends nothing when the watcher is not in IDLE.
     */
    private void endIdleForNewMail(Folder folder) {
        try {
            if (folder.isOpen() && folder.getMessageCount() > lastNumberRead) {
                ((IMAPFolder) folder).doCommand(protocol -> null); // waits for the IDLE to end (DONE) and does nothing
            }
        } catch (MessagingException | RuntimeException e) {
            log.trace("ending the IDLE of {} for new mail failed: {}", mailbox.name(), e.getMessage());
        }
    }

    private void loop() {
        boolean waiting = false;
        boolean paused = false;
        while (running) {
            if (login.paused(mailbox)) {
                if (!paused) {
                    log.warn("mailbox {}: not watched until its OAuth2 grant is reconnected (followup mailboxes "
                            + "connect {})", mailbox.name(), mailbox.name());
                    paused = true;
                }
                pause(mailbox.imap().pollInterval(), true);
                continue;
            }
            if (paused) {
                log.info("mailbox {}: OAuth2 grant connected; watching again", mailbox.name());
                paused = false;
            }
            if (!holdsLeaseInTurn()) {
                if (!waiting) {
                    log.info("mailbox {}: another node watches {} (holds its lease); waiting", mailbox.name(),
                            folderName);
                    waiting = true;
                }
                pause(min(mailbox.imap().pollInterval(), MailboxLease.RETRY), true);
                continue;
            }
            if (waiting) {
                log.info("mailbox {}: lease of {} taken over; watching", mailbox.name(), folderName);
                waiting = false;
            }
            try {
                watch();
                failures = 0;
            } catch (MissingFolder e) {
                log.error("mailbox {}: {}: the folder \"{}\" does not exist on {}:{} (folders there: {}); its other "
                        + "folders are watched; looking again in {} min", mailbox.name(), watched.setting(),
                        folderName, mailbox.imap().host(), mailbox.imap().port(), e.existing,
                        MISSING_FOLDER_RECHECK.toMinutes());
                pause(MISSING_FOLDER_RECHECK, false);
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (login.paused(mailbox)) {
                    // the failure was the revoked grant: wait for it to be reconnected (looked at every poll
                    // interval), not for a reconnect delay grown by each refused login meanwhile
                    failures = 0;
                    continue;
                }
                failures++;
                careful = true;
                if (e instanceof LostWhileReading lost) {
                    suspectLosses = lost.uid == suspectUid ? suspectLosses + 1 : 1;
                    suspectUid = lost.uid;
                }
                Duration backoff = backoff(mailbox.imap().reconnectDelay(), failures);
                log.warn("mailbox {}: IMAP {}:{} failed on {} ({}); reconnecting in {} s", mailbox.name(),
                        mailbox.imap().host(), mailbox.imap().port(), folderName, oneLine(e), seconds(backoff));
                pause(backoff, false);
            }
        }
    }

    /** {@link #holdsLease()} when this watcher's turn comes (taking a lease uses the database). */
    private boolean holdsLeaseInTurn() {
        try {
            return threads.pass(this::holdsLease);
        } catch (MessagingException interrupted) {
            return false;
        }
    }

    /** Takes or renews the lease (true without a lease); a database failure counts as not holding it. */
    private boolean holdsLease() {
        if (lease == null) {
            return true;
        }
        try {
            return lease.acquire(mailboxId, folderName, leaseTtl);
        } catch (RuntimeException e) {
            log.warn("mailbox {}: cannot renew the lease of {} ({})", mailbox.name(), folderName, e.getMessage());
            return false;
        }
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }

    /** "2" for two seconds, "0.1" for a tenth (a test's short delay). */
    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }

    /** {@code first} doubled for each further failure in a row, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(Duration first, int failures) {
        long millis = first.toMillis() << Math.min(failures - 1, 9);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private void watch() throws MessagingException {
        ImapConfig imap = mailbox.imap();
        Store store = session.getStore();
        login.connect(mailbox, imap.username(), imap.password(),
                (user, password) -> store.connect(imap.host(), imap.port(), user, password));
        try {
            Optional<String> junkName = JunkDetector.find(store, imap.junk());
            junk = watched.junk() || junkName.filter(watched::sameAs).isPresent();
            if (junkFound != null) {
                junkName.ifPresent(junkFound);
            }
            Folder folder = store.getFolder(folderName);
            try {
                folder.open(Folder.READ_ONLY);
            } catch (FolderNotFoundException missing) {
                throw new MissingFolder(missing, store);
            }
            openFolder.set(folder);
            boolean idle = imap.idle() && store instanceof IMAPStore imapStore && imapStore.hasCapability("IDLE");
            if (idle) {
                folder.addMessageCountListener(new MessageCountAdapter() {
                    @Override
                    public void messagesAdded(MessageCountEvent event) {
                        int highest = Arrays.stream(event.getMessages()).mapToInt(Message::getMessageNumber).max()
                                .orElse(0);
                        if (highest > lastNumberRead) {
                            threads.soon(() -> endIdleForNewMail(folder));
                        }
                    }
                });
                log.info("mailbox {}: connected, watching {}{} with IDLE", mailbox.name(), folderName,
                        junk ? " (Junk)" : "");
            } else {
                log.info("mailbox {}: connected, polling {}{} every {}{}", mailbox.name(), folderName,
                        junk ? " (Junk)" : "",
                        imap.pollInterval(), imap.idle() ? " (the server does not support IDLE)" : "");
            }
            while (running && folder.isOpen()) {
                if (login.paused(mailbox)) {
                    return;
                }
                threads.pass(() -> readNew(folder));
                failures = 0;
                if (!running) {
                    break;
                }
                if (!holdsLease()) {
                    log.warn("mailbox {}: lost the lease of {} to another node; stopping to watch", mailbox.name(),
                            folderName);
                    return;
                }
                if (idle) {
                    if (folder.getMessageCount() > lastNumberRead) {
                        continue; // mail announced during the pass: IDLE would not announce it again
                    }
                    ((IMAPFolder) folder).idle(true);
                } else {
                    pause(imap.pollInterval(), true);
                }
            }
        } finally {
            openFolder.set(null);
            try {
                store.close();
            } catch (MessagingException e) {
                log.debug("closing IMAP store of {}: {}", mailbox.name(), e.getMessage());
            }
        }
    }

    /**
     * Reads every message above the watermark, in UID order and batches, then the unreadable messages due to be read
     * again; returns how many were processed or recorded.
     */
    int readNew(Folder folder) throws MessagingException {
        UIDFolder uidFolder = (UIDFolder) folder;
        long uidValidity = uidFolder.getUIDValidity();
        Optional<Watermark> stored = jdbi.withHandle(handle -> watermarks.find(handle, mailboxId, folderName));
        long after;
        if (stored.isEmpty()) {
            long last = lastUid(folder, uidFolder);
            Optional<Instant> firstSent = jdbi.withHandle(handle -> FIRST_SENT.firstSentAt(handle, mailboxId));
            long start = firstSent.isEmpty() ? last : firstLook(folder, uidFolder, last, firstSent.get());
            jdbi.useTransaction(handle -> watermarks.advance(handle, mailboxId, folderName,
                    new Watermark(uidValidity, start), clock.instant()));
            log.info("mailbox {}: first look at {}; reading mail from UID {} on{}", mailbox.name(), folderName,
                    start + 1, start < last ? " (" + (last - start) + " message(s) received since this mailbox first "
                            + "sent, " + firstSent.get() + ", are read first)" : "");
            if (start == last) {
                lastNumberRead = folder.getMessageCount();
                return 0;
            }
            after = start;
        } else if (stored.get().uidValidity() != uidValidity) {
            log.warn("mailbox {}: UIDVALIDITY of {} changed ({} -> {}); re-reading the folder, de-duplicating by "
                    + "Message-ID", mailbox.name(), folderName, stored.get().uidValidity(), uidValidity);
            processor.unreadableSuperseded(mailboxId, folderName, uidValidity);
            after = 0;
        } else {
            after = stored.get().lastUid();
        }
        List<Listed> fresh = careful ? null : listAbove((IMAPFolder) folder, after);
        if (fresh == null) {
            Message[] messages = uidFolder.getMessagesByUID(after + 1, UIDFolder.LASTUID);
            lastNumberRead = messages.length == 0 ? folder.getMessageCount()
                    : Arrays.stream(messages).mapToInt(Message::getMessageNumber).max().orElse(0);
            fresh = aboveInUidOrder(uidFolder, messages, after);
        }
        int processed = 0;
        for (int index = 0; index < fresh.size() && running; index++) {
            if (index > 0 && index % BATCH == 0 && !holdsLease()) {
                return processed;
            }
            Listed listed = fresh.get(index);
            processOne(listed.message(), folderName, uidValidity, listed.uid(), listed.size(), false);
            processed++;
        }
        processed += retryUnreadable(uidFolder, folderName, uidValidity);
        careful = false;
        if (processed > 0) {
            log.debug("mailbox {}: {} new message(s) processed", mailbox.name(), processed);
        }
        return processed;
    }

    /** Reads again the messages that could not be read before and whose next attempt is due. */
    private int retryUnreadable(UIDFolder uidFolder, String folderName, long uidValidity) throws MessagingException {
        List<Long> due = processor.unreadableDue(mailboxId, folderName, uidValidity, BATCH);
        if (due.isEmpty() || !running) {
            return 0;
        }
        long[] uids = due.stream().mapToLong(Long::longValue).toArray();
        Message[] messages = uidFolder.getMessagesByUID(uids);
        int retried = 0;
        for (int index = 0; index < uids.length && running; index++) {
            if (messages[index] == null) {
                log.info("mailbox {}: unreadable UID {} is no longer in {}", mailbox.name(), uids[index], folderName);
                processor.unreadableGone(mailboxId, folderName, uidValidity, uids[index]);
            } else {
                processOne(messages[index], folderName, uidValidity, uids[index], UNKNOWN_SIZE, true);
            }
            retried++;
        }
        return retried;
    }

    /**
     * The messages above {@code after}, lowest UID first, with their UIDs and sizes, in one round trip
     * ({@code UID FETCH after+1:* (UID RFC822.SIZE)}); null when the server refuses it (one broken message, say):
     * then the caller lists them with a plain {@code UID FETCH} and asks each message's size by itself.
     */
    @SuppressWarnings("unchecked")
    private List<Listed> listAbove(IMAPFolder folder, long after) throws MessagingException {
        try {
            List<Listed> above = new ArrayList<>();
            int highest = 0;
            List<long[]> listed = (List<long[]>) folder.doCommand(protocol -> {
                Response[] responses = protocol.command("UID FETCH " + (after + 1) + ":* (UID RFC822.SIZE)", null);
                List<long[]> found = new ArrayList<>();
                for (Response response : responses) {
                    if (response instanceof FetchResponse fetch) {
                        org.eclipse.angus.mail.imap.protocol.UID uid =
                                fetch.getItem(org.eclipse.angus.mail.imap.protocol.UID.class);
                        RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                        if (uid != null) {
                            found.add(new long[] {fetch.getNumber(), uid.uid, size == null ? UNKNOWN_SIZE : size.size});
                        }
                    }
                }
                // new messages announced in passing, expunges (renumbering), and the UIDs cached in the messages
                protocol.notifyResponseHandlers(responses);
                protocol.handleResult(responses[responses.length - 1]);
                return found;
            });
            for (long[] row : listed) {
                highest = Math.max(highest, (int) row[0]);
                if (row[1] > after) {
                    above.add(new Listed(folder.getMessage((int) row[0]), row[1], row[2]));
                }
            }
            // nothing listed: no message above the mark (some servers, GreenMail among them, answer nothing to
            // "n:*" when n is above the last UID, so the count read right after the command stands for the folder)
            lastNumberRead = listed.isEmpty() ? folder.getMessageCount() : highest;
            above.sort(Comparator.comparingLong(Listed::uid));
            return above;
        } catch (MessagingException e) {
            if (connectionLost(e, folder)) {
                throw e;
            }
            log.debug("mailbox {}: UID FETCH of UIDs and sizes refused ({}); listing UIDs alone", mailbox.name(),
                    oneLine(e));
            return null;
        }
    }

    /** A message to read, with its UID and size ({@link #UNKNOWN_SIZE}: not asked yet). */
    private record Listed(Message message, long uid, long size) {
    }

    /**
     * The messages above the watermark, lowest UID first. A message whose UID is unknown fails the whole pass (the
     * connection is opened again): skipping it would let the watermark pass it.
     */
    private static List<Listed> aboveInUidOrder(UIDFolder uidFolder, Message[] messages, long after)
            throws MessagingException {
        List<Listed> above = new ArrayList<>(messages.length);
        for (Message message : messages) {
            long uid = uidFolder.getUID(message);
            if (uid <= 0) {
                throw new MessagingException("the UID of message #" + message.getMessageNumber() + " is unknown");
            }
            if (uid > after) {
                above.add(new Listed(message, uid, UNKNOWN_SIZE));
            }
        }
        above.sort(Comparator.comparingLong(Listed::uid));
        return above;
    }

    private void processOne(Message message, String folderName, long uidValidity, long uid, long knownSize,
                            boolean retried) throws MessagingException {
        if (!retried && uid == suspectUid && suspectLosses >= POISON_LOSSES) {
            log.warn("mailbox {}: the connection was lost {} times while reading UID {}; recorded, to be read again "
                    + "later", mailbox.name(), suspectLosses, uid);
            processor.recordUnreadable(mailboxId, folderName, uidValidity, uid, "the server dropped the connection "
                    + suspectLosses + " times while sending it", true);
            suspectUid = -1;
            return;
        }
        byte[] raw;
        try {
            long size = knownSize == UNKNOWN_SIZE ? message.getSize() : knownSize;
            if (size > MAX_MESSAGE_BYTES) {
                processor.recordUnreadable(mailboxId, folderName, uidValidity, uid,
                        "message of " + size + " bytes exceeds the limit of " + MAX_MESSAGE_BYTES, false);
                return;
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.max(1024, size));
            message.writeTo(new LimitedOutputStream(buffer, MAX_MESSAGE_BYTES));
            raw = buffer.toByteArray();
        } catch (IOException | MessagingException e) {
            if (connectionLost(e, message.getFolder())) {
                if (retried) {
                    processor.recordUnreadable(mailboxId, folderName, uidValidity, uid,
                            "the connection was lost while reading it again: " + oneLine(e), true);
                }
                throw new LostWhileReading(uid, e);
            }
            log.warn("mailbox {}: cannot read UID {} ({}); recorded, to be read again later", mailbox.name(), uid,
                    oneLine(e));
            processor.recordUnreadable(mailboxId, folderName, uidValidity, uid, "cannot read: " + oneLine(e),
                    !(e instanceof MessageTooLargeException));
            return;
        }
        try {
            processor.process(mailboxId, new WatchedFolder(folderName, junk, watched.setting()), uidValidity, uid,
                    raw, retried);
        } catch (RuntimeException e) {
            // a message that cannot be processed is treated like one that cannot be read: recorded with the error
            // for the owner, tried again later a bounded number of times; the messages after it go on (if even the
            // record fails, e.g. the database is down, this throws and the pass ends without moving the watermark)
            String error = processingError(e);
            log.warn("mailbox {}: processing UID {} of {} failed ({}); recorded, to be tried again later",
                    mailbox.name(), uid, folderName, error);
            processor.recordUnreadable(mailboxId, folderName, uidValidity, uid, "processing failed: " + error, true);
        }
    }

    /**
     * What went wrong while processing a message, for the owner: the innermost cause's first line, without the SQL
     * statement and its arguments (the message's content) that database errors append; at most 300 characters.
     */
    static String processingError(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        for (String cut : List.of(" [statement:", "; SQL statement:", " SQL statement:")) {
            int at = message.indexOf(cut);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        String text = root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message.trim());
        return text.length() <= 300 ? text : text.substring(0, 300);
    }

    /**
     * True when a failure is the connection's, not the message's: then the pass ends and nothing is recorded (the
     * message is read again after reconnecting).
     */
    static boolean connectionLost(Exception failure, Folder folder) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FolderClosedException || cause instanceof StoreClosedException
                    || cause instanceof SocketException
                    || cause instanceof SocketTimeoutException || cause instanceof EOFException
                    || cause instanceof org.eclipse.angus.mail.iap.ConnectionException) {
                return true;
            }
            if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != cause.getCause()
                    && connectionLost(messaging.getNextException(), null)) {
                return true;
            }
        }
        return folder != null && !folder.isOpen();
    }

    /**
     * Where a folder's first look starts when the mailbox has sent mail already (the watcher could not connect when
     * followup started, say): below the first message received since a day before that first send, so that a reply
     * that came before the first look is read, not skipped; otherwise after the last message.
     */
    private static long firstLook(Folder folder, UIDFolder uidFolder, long last, Instant firstSent)
            throws MessagingException {
        if (last == 0) {
            return 0;
        }
        Message[] since = folder.search(new ReceivedDateTerm(ComparisonTerm.GE,
                Date.from(firstSent.minus(Duration.ofDays(1)))));
        long lowest = last + 1;
        for (Message message : since) {
            lowest = Math.min(lowest, uidFolder.getUID(message));
        }
        return lowest - 1;
    }

    private static long lastUid(Folder folder, UIDFolder uidFolder) throws MessagingException {
        int count = folder.getMessageCount();
        if (count == 0) {
            return 0;
        }
        return uidFolder.getUID(folder.getMessage(count));
    }

    /** Waits; a kick ends the wait early only when {@code kickable} (never a reconnect backoff); stop always does. */
    private void pause(Duration duration, boolean kickable) {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (wakeUp) {
            while (running) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                    if (kickable) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    /** The connection was lost while one message was being read (which may be what breaks it). */
    private static final class LostWhileReading extends MessagingException {
        private final long uid;

        LostWhileReading(long uid, Exception cause) {
            super("connection lost while reading UID " + uid + " (" + oneLine(cause) + ")", cause);
            this.uid = uid;
        }
    }

    /** The watched folder does not exist on the server; {@code existing} names (some of) those that do. */
    private static final class MissingFolder extends MessagingException {
        private final String existing;

        MissingFolder(FolderNotFoundException cause, Store store) {
            super(cause.getMessage(), cause);
            String names;
            try {
                names = String.join(", ", Arrays.stream(store.getDefaultFolder().list("*")).limit(30)
                        .map(Folder::getFullName).toList());
            } catch (MessagingException | RuntimeException e) {
                names = "not listed: " + oneLine(e);
            }
            this.existing = names;
        }
    }

    /** A message larger than the limit: reading it again cannot help. */
    private static final class MessageTooLargeException extends IOException {
        MessageTooLargeException(long limit) {
            super("message exceeds the limit of " + limit + " bytes");
        }
    }

    /** Stops reading a message that is larger than announced. */
    private static final class LimitedOutputStream extends OutputStream {
        private final OutputStream out;
        private final long limit;
        private long written;

        LimitedOutputStream(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            check(length);
            out.write(bytes, offset, length);
        }

        private void check(int more) throws IOException {
            written += more;
            if (written > limit) {
                throw new MessageTooLargeException(limit);
            }
        }
    }
}
