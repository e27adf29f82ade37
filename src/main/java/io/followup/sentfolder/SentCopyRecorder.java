package io.followup.sentfolder;

import io.followup.config.MailboxConfig;
import io.followup.config.SentFolder;
import io.followup.outbox.MimeBuilder;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.BatchSendListener;
import io.followup.outbox.SendListener;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the exact bytes of each message as built for sending and, when the outbox records it as sent (in that same
 * transaction), queues it for the mailbox's Sent folder ({@link SentCopyStore}); {@link SentFolderAppender} appends it
 * later. Nothing here can fail or delay a send: a copy that cannot be kept is logged and left out. Mailboxes with
 * {@code sent_folder: none}, without IMAP, or with {@code auto} sending through Gmail's SMTP (which stores a copy
 * itself) get no copy. Passes every event on to the next listener. Thread-safe.
 */
public final class SentCopyRecorder implements MimeBuilder.Observer, BatchSendListener {

    private static final Logger log = LoggerFactory.getLogger(SentCopyRecorder.class);
    /** Built messages waiting for their "sent": a bound, so messages never reported sent cannot pile up. */
    private static final int MAX_WAITING = 1000;

    private final LongFunction<MailboxConfig> mailboxes;
    private final SentCopyStore store;
    private final SendListener next;
    private final Map<Long, byte[]> built = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > MAX_WAITING;
        }
    };

    /**
     * @param mailboxes the configured mailbox of a mailbox id
     * @param store     where copies wait for their APPEND
     * @param next      the listener told after this one
     */
    public SentCopyRecorder(LongFunction<MailboxConfig> mailboxes, SentCopyStore store, SendListener next) {
        this.mailboxes = mailboxes;
        this.store = store;
        this.next = next;
    }

    /** Whether messages of this mailbox get a copy in its Sent folder. */
    public static boolean copies(MailboxConfig mailbox) {
        if (mailbox == null || mailbox.imap() == null) {
            return false;
        }
        SentFolder choice = mailbox.imap().sentFolder();
        return switch (choice.choice()) {
            case NONE -> false;
            case NAMED -> true;
            case AUTO -> !storesSentMailItself(mailbox);
        };
    }

    /** Gmail's SMTP puts every message it sends into the account's Sent Mail: a second copy would be a duplicate. */
    static boolean storesSentMailItself(MailboxConfig mailbox) {
        String host = mailbox.smtp() == null || mailbox.smtp().host() == null ? ""
                : mailbox.smtp().host().toLowerCase(Locale.ROOT);
        return host.equals("smtp.gmail.com") || host.equals("smtp.googlemail.com");
    }

    @Override
    public void built(OutboundMessage message, MimeMessage mime) {
        try {
            if (!copies(mailboxes.apply(message.mailboxId()))) {
                return;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mime.writeTo(bytes);
            synchronized (built) {
                built.put(message.id(), bytes.toByteArray());
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            log.warn("outbound #{}: no copy for the Sent folder ({})", message.id(), e.toString());
        }
    }

    /** The kept copies of the batch are queued with one batched statement. */
    @Override
    public void sentAll(Handle handle, List<Sent> messages) {
        List<SentCopyStore.Copy> copies = new ArrayList<>();
        synchronized (built) {
            for (Sent sent : messages) {
                byte[] raw = built.remove(sent.message().id());
                if (raw != null) {
                    copies.add(new SentCopyStore.Copy(sent.message().id(), sent.message().mailboxId(),
                            sent.message().messageId(), raw, sent.at()));
                }
            }
        }
        try {
            store.addAll(handle, copies);
        } catch (RuntimeException e) {
            log.warn("outbound {}: sent, but their copies for the Sent folder could not be queued: {}",
                    copies.stream().map(copy -> "#" + copy.outboundId()).toList(), e.toString());
        }
        next.sentAll(handle, messages);
    }

    /**
     * The listener for a message confirmed sent by hand ({@code in_doubt} resolved with {@code drafts resolve --sent}):
     * its copy is queued like a normal send's, never sent again. The bytes are those built for its last SMTP attempt
     * while this process still has them; otherwise (after a restart) the message is built again from its row with
     * {@code mime}: same Message-ID, headers and body, with the date it was being sent and new MIME boundaries.
     */
    public SendListener confirmedByHand(MimeBuilder mime) {
        return new SendListener() {
            @Override
            public void sent(Handle handle, OutboundMessage message, Instant now) {
                boolean kept;
                synchronized (built) {
                    kept = built.containsKey(message.id());
                }
                if (!kept && copies(mailboxes.apply(message.mailboxId()))) {
                    try {
                        mime.build(jakarta.mail.Session.getInstance(new java.util.Properties()), message,
                                message.sentAt() != null ? message.sentAt() : now);
                    } catch (RuntimeException e) {
                        log.warn("outbound #{}: confirmed sent, but no copy for the Sent folder ({})", message.id(),
                                e.toString());
                    }
                }
                SentCopyRecorder.this.sent(handle, message, now);
            }

            @Override
            public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
                SentCopyRecorder.this.failed(handle, message, reason, now);
            }
        };
    }

    @Override
    public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
        synchronized (built) {
            built.remove(message.id());
        }
        next.failed(handle, message, reason, now);
    }
}
