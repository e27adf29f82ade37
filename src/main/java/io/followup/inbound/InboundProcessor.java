package io.followup.inbound;

import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageClassifier;
import io.followup.inbound.classify.MessageKind;
import io.followup.inbound.text.IntentClassifier;
import io.followup.inbound.text.IntentResult;
import io.followup.inbound.text.ReplyTextExtractor;
import io.followup.response.ResponsePolicy;
import io.followup.store.EventLog;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one received message and acts on it, in one transaction with the watermark: classify, match, apply the
 * response policy, advance the watermark. A message seen before (same UID, or same Message-ID after a UIDVALIDITY
 * change) is never acted on twice. Thread-safe.
 */
public final class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final MessageClassifier classifier;
    private final ReplyTextExtractor replyText;
    private final IntentClassifier intents;
    private final MessageMatcher matcher;
    private final ResponsePolicy policy;
    private final WatermarkStore watermarks;
    private final EventLog events;

    public InboundProcessor(Jdbi jdbi, Clock clock, MessageClassifier classifier, ReplyTextExtractor replyText,
                            IntentClassifier intents, MessageMatcher matcher, ResponsePolicy policy,
                            WatermarkStore watermarks, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.classifier = classifier;
        this.replyText = replyText;
        this.intents = intents;
        this.matcher = matcher;
        this.policy = policy;
        this.watermarks = watermarks;
        this.events = events;
    }

    /** Classifies, records and acts on one raw message; returns the inbound row id, or -1 if seen before. */
    public long process(long mailboxId, String folder, long uidValidity, long uid, byte[] raw) {
        InboundAnalysis analysis = classifier.classify(raw);
        String text = null;
        IntentResult intent = null;
        if (analysis.kind() == MessageKind.HUMAN_REPLY) {
            text = replyText.extract(analysis.bodyText());
            intent = intents.classify(text);
        }
        InboundMessage message = new InboundMessage(mailboxId, folder, uidValidity, uid, sha256(raw), analysis, text,
                intent);
        return jdbi.inTransaction(handle -> record(handle, message));
    }

    /** Records a message that could not be read at all, so that the watcher can move past it. */
    public void recordUnreadable(long mailboxId, String folder, long uidValidity, long uid, String error) {
        jdbi.useTransaction(handle -> {
            Instant now = clock.instant();
            if (!seen(handle, mailboxId, folder, uidValidity, uid)) {
                long id = handle.createUpdate("""
                        INSERT INTO inbound_message (mailbox_id, folder, uid_validity, uid, content_hash, received_at,
                                                     kind, error)
                        VALUES (:mailbox, :folder, :validity, :uid, '', :now, 'other', :error)""")
                        .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", uidValidity)
                        .bind("uid", uid).bind("now", now).bind("error", truncate(error, 1000))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                events.append(handle, now, EventLog.Event.of("inbound_unreadable", "imap").inbound(id)
                        .detail("uid " + uid + ": " + error));
            }
            watermarks.advance(handle, mailboxId, folder, new Watermark(uidValidity, uid), now);
        });
    }

    private long record(Handle handle, InboundMessage message) {
        Instant now = clock.instant();
        InboundAnalysis analysis = message.analysis();
        if (seen(handle, message.mailboxId(), message.folder(), message.uidValidity(), message.uid())) {
            return -1;
        }
        boolean duplicate = handle.createQuery("""
                        SELECT COUNT(*) FROM inbound_message WHERE mailbox_id = :mailbox
                        AND (message_id = :id OR content_hash = :hash)""")
                .bind("mailbox", message.mailboxId()).bind("id", truncate(analysis.messageId(), 255))
                .bind("hash", message.contentHash()).mapTo(Integer.class).one() > 0;
        Match match = duplicate ? Match.NONE : matcher.match(handle, message.mailboxId(), analysis);
        long id = handle.createUpdate("""
                INSERT INTO inbound_message (mailbox_id, folder, uid_validity, uid, message_id, content_hash,
                    from_address, subject, sent_date, received_at, kind, intent, reply_text, matched_outbound_id,
                    enrollment_id, contact_id, match_method, detail, error)
                VALUES (:mailbox, :folder, :validity, :uid, :messageId, :hash, :from, :subject, :sentDate, :now,
                    :kind, :intent, :replyText, :outbound, :enrollment, :contact, :method, :detail, :error)""")
                .bind("mailbox", message.mailboxId()).bind("folder", message.folder()).bind("hash", message.contentHash())
                .bind("validity", message.uidValidity()).bind("uid", message.uid())
                .bind("messageId", truncate(analysis.messageId(), 255)).bind("from", truncate(analysis.from(), 320))
                .bind("subject", truncate(analysis.subject(), 998)).bind("sentDate", analysis.date())
                .bind("now", now).bind("kind", analysis.kind().wireName())
                .bind("intent", message.intent() == null ? null : message.intent().intent().wireName())
                .bind("replyText", message.replyText()).bind("outbound", match.outboundId())
                .bind("enrollment", match.enrollmentId()).bind("contact", match.contactId())
                .bind("method", duplicate ? "duplicate" : match.method())
                .bind("detail", truncate(analysis.explanation(), 2000)).bind("error", truncate(analysis.error(), 1000))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        if (!duplicate) {
            policy.apply(handle, id, message, match, now);
        }
        watermarks.advance(handle, message.mailboxId(), message.folder(),
                new Watermark(message.uidValidity(), message.uid()), now);
        log.debug("inbound #{} uid {}: {} matched by {}", id, message.uid(), analysis.kind().wireName(),
                duplicate ? "duplicate" : match.method());
        return id;
    }

    private static boolean seen(Handle handle, long mailboxId, String folder, long uidValidity, long uid) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM inbound_message
                WHERE mailbox_id = :mailbox AND folder = :folder AND uid_validity = :validity AND uid = :uid""")
                .bind("mailbox", mailboxId).bind("folder", folder).bind("validity", uidValidity).bind("uid", uid)
                .mapTo(Integer.class).one() > 0;
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
