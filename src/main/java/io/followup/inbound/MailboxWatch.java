package io.followup.inbound;

import io.followup.config.FolderChoice;
import io.followup.config.ImapConfig;
import io.followup.config.JunkFolder;
import io.followup.config.MailboxConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every folder of one mailbox: one {@link ImapWatcher} per folder of {@code imap.folders}, each with its own
 * UID watermark and its own lease, plus one for the Junk folder ({@code imap.junk}) unless it is listed already.
 * With {@code junk: auto} the Junk folder is found on the server by the first folder's watcher each time it connects
 * ({@code \Junk} attribute, else a folder named Junk or Spam); its watcher starts then. A folder that is missing on
 * the server stops only its own watcher (see {@link ImapWatcher}). {@link #start()} and {@link #stop()} are
 * thread-safe.
 */
public final class MailboxWatch {

    private static final Logger log = LoggerFactory.getLogger(MailboxWatch.class);

    private final long mailboxId;
    private final MailboxConfig mailbox;
    private final Jdbi jdbi;
    private final Clock clock;
    private final InboundProcessor processor;
    private final WatermarkStore watermarks;
    private final MailboxLease lease;
    private final io.followup.oauth.MailLogin login;
    private final WatcherThreads threads;
    private final List<ImapWatcher> watchers = new ArrayList<>();
    private final List<WatchedFolder> folders = new ArrayList<>();
    private boolean running;

    /** @param lease the folders' leases (null: watch without), see {@link ImapWatcher} */
    public MailboxWatch(long mailboxId, MailboxConfig mailbox, Jdbi jdbi, Clock clock, InboundProcessor processor,
                        WatermarkStore watermarks, MailboxLease lease) {
        this(mailboxId, mailbox, jdbi, clock, processor, watermarks, lease, io.followup.oauth.MailLogin.PASSWORDS,
                null);
    }

    /**
     * Like the constructor above, logging in as {@code login} says (XOAUTH2 for an OAuth2 mailbox), the watchers on
     * the node's {@code threads} (null: each watcher its own).
     */
    public MailboxWatch(long mailboxId, MailboxConfig mailbox, Jdbi jdbi, Clock clock, InboundProcessor processor,
                        WatermarkStore watermarks, MailboxLease lease, io.followup.oauth.MailLogin login,
                        WatcherThreads threads) {
        this.login = login;
        this.threads = threads;
        this.mailboxId = mailboxId;
        this.mailbox = mailbox;
        this.jdbi = jdbi;
        this.clock = clock;
        this.processor = processor;
        this.watermarks = watermarks;
        this.lease = lease;
    }

    /** Whether every folder's watcher is connected to the server now (false before the first connects). */
    public synchronized boolean connected() {
        return !watchers.isEmpty() && watchers.stream().allMatch(ImapWatcher::connected);
    }

    /** Starts a watcher for each configured folder (and the named Junk folder). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        ImapConfig imap = mailbox.imap();
        JunkFolder junk = imap.junk();
        for (String name : imap.folders()) {
            boolean isJunk = junk.choice() == FolderChoice.NAMED && WatchedFolder.listed(name).sameAs(junk.name());
            watch(isJunk ? new WatchedFolder(name, true, "imap.folders") : WatchedFolder.listed(name));
        }
        if (junk.choice() == FolderChoice.NAMED) {
            junkFound(junk.name());
        }
    }

    /** The folders watched now (the Junk folder once found), in the order their watchers started. */
    public synchronized List<WatchedFolder> folders() {
        return List.copyOf(folders);
    }

    /** Stops every watcher of the mailbox (each waits, bounded, for its thread). */
    public void stop() {
        List<ImapWatcher> stopping;
        synchronized (this) {
            running = false;
            stopping = List.copyOf(watchers);
            watchers.clear();
            folders.clear();
        }
        stopping.parallelStream().forEach(ImapWatcher::stop); // the folders' waits overlap
    }

    /** The Junk folder is {@code name}: starts its watcher unless that folder is watched already. */
    private synchronized void junkFound(String name) {
        if (!running || folders.stream().anyMatch(folder -> folder.sameAs(name))) {
            return;
        }
        log.info("mailbox {}: Junk folder \"{}\" found; watching it too", mailbox.name(), name);
        watch(WatchedFolder.junk(name));
    }

    private void watch(WatchedFolder folder) {
        boolean first = watchers.isEmpty();
        ImapWatcher watcher = new ImapWatcher(mailboxId, mailbox, folder, jdbi, clock, processor, watermarks, lease,
                first && mailbox.imap().junk().choice() == FolderChoice.AUTO ? this::junkFound : null, login,
                threads);
        folders.add(folder);
        watchers.add(watcher);
        watcher.start();
    }
}
