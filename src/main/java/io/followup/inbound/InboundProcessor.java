package io.followup.inbound;

import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageClassifier;
import io.followup.inbound.classify.MessageKind;
import io.followup.inbound.classify.TraceHeaders;
import io.followup.inbound.proof.Match;
import io.followup.inbound.proof.Proof;
import io.followup.inbound.proof.ProofJudge;
import io.followup.inbound.proof.ProofLevel;
import io.followup.inbound.text.IntentClassifier;
import io.followup.inbound.text.IntentResult;
import io.followup.inbound.text.ReplyTextExtractor;
import io.followup.store.EventKind;
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
 * Records one received message and acts on it, in one transaction with the watermark: classify, match, judge its
 * proof ({@link ProofJudge}), hand a proven message to the engine's response policy through {@link Responder} (an
 * unverified one only records what it asked for and waits for the owner, see {@link UnverifiedInbox}), advance the
 * watermark. A message seen before (same UID, or same Message-ID or content after a UIDVALIDITY change) is never
 * acted on twice, and one of our own messages (a notice to the owner, a copy of a follow-up) is recorded as
 * {@code other} and never taken for a reply. Thread-safe.
 */
public final class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final MessageClassifier classifier;
    private final ReplyTextExtractor replyText;
    private final IntentClassifier intents;
    private final Matching matcher;
    private final ProofJudge judge;
    private final Responder policy;
    private final WatermarkStore watermarks;
    private final MailboxLock mailboxes;
    private final EventLog events;
    private final UnreadableStore unreadable = new UnreadableStore();
    private final InboundStore store = new InboundStore();
    private final UnreadableRetry retry;

    public InboundProcessor(Jdbi jdbi, Clock clock, MessageClassifier classifier, ReplyTextExtractor replyText,
                            IntentClassifier intents, Matching matcher, ProofJudge judge,
                            Responder policy, WatermarkStore watermarks, MailboxLock mailboxes, EventLog events) {
        this(jdbi, clock, classifier, replyText, intents, matcher, judge, policy, watermarks, mailboxes, events,
                UnreadableRetry.DEFAULT);
    }

    /** @param retry how often a message that cannot be read is read again before followup gives up */
    public InboundProcessor(Jdbi jdbi, Clock clock, MessageClassifier classifier, ReplyTextExtractor replyText,
                            IntentClassifier intents, Matching matcher, ProofJudge judge,
                            Responder policy, WatermarkStore watermarks, MailboxLock mailboxes, EventLog events,
                            UnreadableRetry retry) {
        this.retry = retry;
        this.jdbi = jdbi;
        this.clock = clock;
        this.classifier = classifier;
        this.replyText = replyText;
        this.intents = intents;
        this.matcher = matcher;
        this.judge = judge;
        this.policy = policy;
        this.watermarks = watermarks;
        this.mailboxes = mailboxes;
        this.events = events;
    }

    /** Classifies, records and acts on one raw message; returns the inbound row id, or -1 if seen before. */
    public long process(long mailboxId, String folder, long uidValidity, long uid, byte[] raw) {
        return process(mailboxId, WatchedFolder.listed(folder), uidValidity, uid, raw, false);
    }

    /**
     * Like {@link #process(long, String, long, long, byte[])} for a message that could not be read before and was
     * read now: its retries end in the same transaction.
     */
    public long processRetried(long mailboxId, String folder, long uidValidity, long uid, byte[] raw) {
        return process(mailboxId, WatchedFolder.listed(folder), uidValidity, uid, raw, true);
    }

    /**
     * Like {@link #process(long, String, long, long, byte[])} for a message of any watched folder (a message of the
     * Junk folder is recorded and acted on as junk); {@code retried} as {@link #processRetried}. The messages of one
     * mailbox are recorded one at a time (its {@code mailbox} row is locked), whichever folder or node reads them,
     * so the same message in two folders is acted on once.
     */
    public long process(long mailboxId, WatchedFolder watched, long uidValidity, long uid, byte[] raw,
                        boolean retried) {
        String folder = watched.name();
        InboundMessage message = understand(mailboxId, watched, uidValidity, uid, raw);
        return jdbi.inTransaction(handle -> {
            mailboxes.lock(handle, mailboxId);
            if (retried && unreadable.resolve(handle, new UnreadableStore.Key(mailboxId, folder, uidValidity, uid),
                    UnreadableStore.State.READ)) {
                events.append(handle, clock.instant(), EventLog.Event.of(EventKind.INBOUND_UNREADABLE_READ, "imap")
                        .detail("uid " + uid + " read on a later attempt"));
            }
            return record(handle, message, raw);
        });
    }

    /** Classifies a raw message and, for a human reply, extracts its new text and intent. */
    InboundMessage understand(long mailboxId, WatchedFolder folder, long uidValidity, long uid, byte[] raw) {
        InboundAnalysis analysis = classifier.classify(raw);
        String text = null;
        IntentResult intent = null;
        if (analysis.kind() == MessageKind.HUMAN_REPLY) {
            text = replyText.extract(analysis.bodyText());
            intent = intents.classify(text);
        }
        return new InboundMessage(mailboxId, folder.name(), uidValidity, uid, sha256(raw), analysis, text, intent,
                folder.junk());
    }

    /**
     * Records a message that could not be read, so that the watcher can move past it without losing it: the first
     * failure appends an {@code inbound_unreadable} event and the message waits, shown to the owner, to be read again
     * ({@link #unreadableDue}); after the last attempt of the {@link UnreadableRetry} it is recorded for good as an
     * inbound message of kind {@code other} with the error (event {@code inbound_unreadable_gave_up}). Either way
     * the watermark advances to it.
     *
     * @param retryable false when reading it again cannot help (e.g. too large): followup gives up at once
     * @return true when followup gave up on the message (no more attempts)
     */
    public boolean recordUnreadable(long mailboxId, String folder, long uidValidity, long uid, String error,
                                    boolean retryable) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            boolean gaveUp = store.seen(handle, mailboxId, folder, uidValidity, uid);
            if (!gaveUp) {
                int attempts = unreadable.recordFailure(handle, new UnreadableStore.Key(mailboxId, folder,
                        uidValidity, uid), error, now, retry, !retryable);
                if (attempts == 1) {
                    events.append(handle, now, EventLog.Event.of(EventKind.INBOUND_UNREADABLE, "imap")
                            .detail("uid " + uid + ": " + error));
                }
                gaveUp = !retryable || attempts >= retry.maxAttempts();
                if (gaveUp) {
                    long id = store.insertUnreadable(handle, mailboxId, folder, uidValidity, uid, error, now);
                    events.append(handle, now, EventLog.Event.of(EventKind.INBOUND_UNREADABLE_GAVE_UP, "imap")
                            .inbound(id)
                            .detail("uid " + uid + " after " + attempts + " attempt(s): " + error));
                }
            }
            watermarks.advance(handle, mailboxId, folder, new Watermark(uidValidity, uid), now);
            return gaveUp;
        });
    }

    /** UIDs of the folder that could not be read and are due to be read again (at most {@code limit}). */
    public java.util.List<Long> unreadableDue(long mailboxId, String folder, long uidValidity, int limit) {
        return jdbi.withHandle(handle -> unreadable.due(handle, mailboxId, folder, uidValidity, clock.instant(),
                limit));
    }

    /** Ends the retries of an unreadable message that is no longer in the folder. */
    public void unreadableGone(long mailboxId, String folder, long uidValidity, long uid) {
        jdbi.useTransaction(handle -> unreadable.resolve(handle, new UnreadableStore.Key(mailboxId, folder,
                uidValidity, uid), UnreadableStore.State.GONE));
    }

    /** Ends the retries under an older UIDVALIDITY: the folder is read again from its start. */
    public void unreadableSuperseded(long mailboxId, String folder, long uidValidity) {
        jdbi.useTransaction(handle -> unreadable.supersede(handle, mailboxId, folder, uidValidity));
    }

    private long record(Handle handle, InboundMessage message, byte[] raw) {
        Instant now = clock.instant();
        InboundAnalysis analysis = message.analysis();
        // one round trip: this UID recorded already? the same message (Message-ID or content) recorded under another
        // UID or folder? one of our own messages (a copy of what followup sent)?
        InboundStore.Known known = store.known(handle, message);
        if (known.uidSeen()) {
            return -1;
        }
        boolean duplicate = known.duplicate();
        boolean ours = !duplicate && known.ours();
        boolean actOnIt = !duplicate && !ours;
        Match matched = actOnIt ? matcher.match(handle, message.mailboxId(), analysis) : Match.NONE;
        Proof proof = actOnIt ? judge.judge(handle, message.mailboxId(), analysis, TraceHeaders.read(raw), matched)
                : Proof.none(duplicate ? "seen before" : "one of our own messages");
        Match match = proof.level() == ProofLevel.NONE ? matched : proof.match();
        long id = store.insert(handle, message, ours ? MessageKind.OTHER : analysis.kind(),
                duplicate ? "duplicate" : ours ? "own_message" : match.method(), match, proof, now);
        if (actOnIt && proof.proven()) {
            policy.apply(handle, id, message, match, now);
        } else if (actOnIt && proof.level() == ProofLevel.UNVERIFIED) {
            String requested = policy.applyUnverified(handle, id, message, match, proof.reason(),
                    proof.fromContactsOrganisation(), now);
            if (requested != null) {
                UnverifiedInbox.awaitReview(handle, id, requested, raw);
            }
            log.info("inbound #{} uid {} unverified: {}", id, message.uid(), proof.reason());
        }
        watermarks.advance(handle, message.mailboxId(), message.folder(),
                new Watermark(message.uidValidity(), message.uid()), now);
        log.debug("inbound #{} uid {}: {} matched by {}, {}", id, message.uid(), analysis.kind().wireName(),
                duplicate ? "duplicate" : match.method(), proof.level().db());
        return id;
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
