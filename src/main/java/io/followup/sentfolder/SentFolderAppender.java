package io.followup.sentfolder;

import io.followup.config.FolderChoice;
import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.SentFolder;
import io.followup.inbound.ImapWatcher;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.oauth.MailLogin;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Jdbi;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chore that stores copies of sent messages in each mailbox's Sent folder: one IMAP connection per mailbox and
 * pass, an APPEND of the exact bytes sent, flagged {@code \Seen}. The folder is the configured one (created when
 * missing) or, with {@code auto}, the one the server marks {@code \Sent} (RFC 6154), else an existing "Sent". A
 * failed APPEND is retried with backoff (the error is kept on the row) and given up after {@link #MAX_ATTEMPTS};
 * before a retry the folder is searched for the Message-ID, so a copy whose first APPEND did arrive is not stored
 * twice. Never touches the outbox: a copy cannot cause a resend. Not thread-safe: one chore runs it at a time.
 */
public final class SentFolderAppender {

    /** Tries per copy before it is given up as failed. */
    public static final int MAX_ATTEMPTS = 8;
    private static final Logger log = LoggerFactory.getLogger(SentFolderAppender.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final LongFunction<MailboxConfig> mailboxes;
    private final SentCopyStore store;
    private final EventLog events;
    private final MailLogin login;

    public SentFolderAppender(Jdbi jdbi, Clock clock, LongFunction<MailboxConfig> mailboxes, SentCopyStore store,
                              EventLog events) {
        this(jdbi, clock, mailboxes, store, events, MailLogin.PASSWORDS);
    }

    /** With {@code login}, OAuth2 mailboxes log in with XOAUTH2; their copies wait while the mailbox is paused. */
    public SentFolderAppender(Jdbi jdbi, Clock clock, LongFunction<MailboxConfig> mailboxes, SentCopyStore store,
                              EventLog events, MailLogin login) {
        this.login = login;
        this.jdbi = jdbi;
        this.clock = clock;
        this.mailboxes = mailboxes;
        this.store = store;
        this.events = events;
    }

    /** Appends up to {@code limit} due copies per mailbox; returns how many were stored. */
    public int appendDue(int limit) {
        int stored = 0;
        for (long mailboxId : jdbi.withHandle(handle -> store.mailboxesWithDueCopies(handle, clock.instant()))) {
            List<SentCopyStore.Pending> due = jdbi.withHandle(handle -> store.due(handle, mailboxId, clock.instant(),
                    limit));
            MailboxConfig mailbox = mailboxes.apply(mailboxId);
            if (mailbox == null || !SentCopyRecorder.copies(mailbox)) {
                due.forEach(copy -> giveUp(copy, SentCopyStore.State.SKIPPED,
                        "the mailbox no longer keeps copies in a Sent folder"));
                continue;
            }
            if (login.paused(mailbox) || !login.ready(mailbox)) {
                log.debug("mailbox {}: Sent-folder copies wait for its OAuth2 login", mailbox.name());
                continue;
            }
            stored += appendTo(mailbox, due);
        }
        return stored;
    }

    private int appendTo(MailboxConfig mailbox, List<SentCopyStore.Pending> due) {
        ImapConfig imap = mailbox.imap();
        java.util.Properties properties = ImapWatcher.properties(imap);
        MailLogin.configure(properties, imap.security() == io.followup.config.Security.SSL ? "imaps" : "imap", mailbox);
        Session session = Session.getInstance(properties);
        int stored = 0;
        try (Store connection = session.getStore()) {
            login.connect(mailbox, imap.username(), imap.password(),
                    (user, password) -> connection.connect(imap.host(), imap.port(), user, password));
            Folder folder = sentFolder(connection, imap.sentFolder());
            if (folder == null) {
                String reason = "no folder marked \\Sent and no folder \"Sent\" on " + imap.host()
                        + "; set imap.sent_folder to a folder name (or none)";
                log.warn("mailbox {}: {}", mailbox.name(), reason);
                due.forEach(copy -> giveUp(copy, SentCopyStore.State.SKIPPED, reason));
                return 0;
            }
            for (SentCopyStore.Pending copy : due) {
                if (append(session, folder, copy, mailbox)) {
                    stored++;
                }
            }
        } catch (MessagingException | RuntimeException e) {
            String reason = "IMAP " + imap.host() + ":" + imap.port() + ": " + oneLine(e);
            log.warn("mailbox {}: Sent-folder copies wait: {}", mailbox.name(), reason);
            due.forEach(copy -> failed(copy, reason));
        }
        return stored;
    }

    private boolean append(Session session, Folder folder, SentCopyStore.Pending copy, MailboxConfig mailbox) {
        try {
            if (copy.attempts() > 0 && alreadyThere(folder, copy.messageId())) {
                log.debug("outbound #{}: its copy is already in {}", copy.outboundId(), folder.getFullName());
            } else {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(copy.raw()));
                message.setFlags(new Flags(Flags.Flag.SEEN), true);
                folder.appendMessages(new Message[] {message});
            }
            Instant now = clock.instant();
            jdbi.useTransaction(handle -> store.stored(handle, copy.outboundId(), folder.getFullName(), now));
            log.debug("mailbox {}: outbound #{} copied to {}", mailbox.name(), copy.outboundId(),
                    folder.getFullName());
            return true;
        } catch (MessagingException | RuntimeException e) {
            failed(copy, "APPEND to " + folder.getFullName() + ": " + oneLine(e));
            return false;
        }
    }

    private static boolean alreadyThere(Folder folder, String messageId) throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            return folder.search(new HeaderTerm("Message-ID", messageId)).length > 0;
        } finally {
            folder.close(false);
        }
    }

    /** The folder copies go to, or null when {@code auto} finds none. */
    static Folder sentFolder(Store connection, SentFolder choice) throws MessagingException {
        if (choice.choice() == FolderChoice.NAMED) {
            Folder named = connection.getFolder(choice.name());
            if (!named.exists() && !named.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create folder \"" + choice.name() + "\"");
            }
            return named;
        }
        for (Folder candidate : connection.getDefaultFolder().list("*")) {
            if (candidate instanceof IMAPFolder imapFolder
                    && Arrays.asList(imapFolder.getAttributes()).contains("\\Sent")) {
                return candidate;
            }
        }
        Folder sent = connection.getFolder("Sent");
        return sent.exists() ? sent : null;
    }

    private void failed(SentCopyStore.Pending copy, String reason) {
        int attempts = copy.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            giveUp(copy, SentCopyStore.State.FAILED, reason);
            log.warn("outbound #{}: gave up storing its copy in the Sent folder after {} tries: {}",
                    copy.outboundId(), attempts, reason);
            return;
        }
        Instant retryAt = clock.instant().plus(backoff(attempts));
        jdbi.useTransaction(handle -> store.retryLater(handle, copy.outboundId(), reason, retryAt));
    }

    private void giveUp(SentCopyStore.Pending copy, SentCopyStore.State state, String reason) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            store.giveUp(handle, copy.outboundId(), state, reason);
            events.append(handle, now, EventLog.Event.of(EventKind.of("sent_copy_", state.db()),
                    "sent folder").outbound(copy.outboundId()).detail(reason));
        });
    }

    /** 1, 2, 4... minutes, at most an hour, between tries of one copy. */
    static Duration backoff(int attempts) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.min(attempts - 1, 6)));
    }

    private static String oneLine(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.replaceAll("\\s+", " ").strip();
    }
}
