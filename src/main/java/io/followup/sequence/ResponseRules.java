package io.followup.sequence;

import io.followup.inbound.text.Intent;
import io.followup.sequence.timing.Wait;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sequence's response policy: the extra actions of each kind of human reply (by intent), of complaints and of
 * hard bounces; how soft bounces are retried; how an out-of-office pauses; where referrals are enrolled (null: the
 * same sequence), how many contacts one replier's replies may enroll ({@code referralLimit}, default 2) and
 * whether the first message to a referred contact waits for approval ({@code referralApproval}, default true).
 * {@code replyEscalations} are the tasks and hand-offs configured in the reply classes' action lists (empty by
 * default). Immutable.
 */
public record ResponseRules(Map<Intent, Set<ResponseAction>> onReply, Set<ResponseAction> onComplaint,
                            Set<ResponseAction> onHardBounce, int softBounceRetries, Wait softBounceRetryAfter,
                            boolean pauseOnAutoReply, Wait autoReplyDefaultPause, String referralSequence,
                            int referralLimit, boolean referralApproval,
                            Map<Intent, List<ReplyEscalation>> replyEscalations) {

    /** At most this many contacts enrolled from one replier's replies, by default. */
    public static final int DEFAULT_REFERRAL_LIMIT = 2;

    /** The defaults: see {@code config/sequences/met-at-event.yaml}. */
    public static final ResponseRules DEFAULTS = new ResponseRules(
            Map.of(Intent.INTERESTED, Set.of(ResponseAction.NOTIFY_OWNER),
                    Intent.NOT_INTERESTED, Set.of(ResponseAction.OPT_OUT),
                    Intent.REFERRAL, Set.of(ResponseAction.ENROLL_REFERRAL),
                    Intent.UNSUBSCRIBE, Set.of(ResponseAction.SUPPRESS),
                    Intent.NEUTRAL, Set.of()),
            Set.of(ResponseAction.SUPPRESS, ResponseAction.NOTIFY_OWNER),
            Set.of(ResponseAction.SUPPRESS),
            2, new Wait(1, Wait.Unit.DAYS), true, new Wait(7, Wait.Unit.DAYS), null, DEFAULT_REFERRAL_LIMIT, true);

    /** Rules without reply escalations. */
    public ResponseRules(Map<Intent, Set<ResponseAction>> onReply, Set<ResponseAction> onComplaint,
                         Set<ResponseAction> onHardBounce, int softBounceRetries, Wait softBounceRetryAfter,
                         boolean pauseOnAutoReply, Wait autoReplyDefaultPause, String referralSequence,
                         int referralLimit, boolean referralApproval) {
        this(onReply, onComplaint, onHardBounce, softBounceRetries, softBounceRetryAfter, pauseOnAutoReply,
                autoReplyDefaultPause, referralSequence, referralLimit, referralApproval, Map.of());
    }

    /** Rules with the default referral limit and referral approval. */
    public ResponseRules(Map<Intent, Set<ResponseAction>> onReply, Set<ResponseAction> onComplaint,
                         Set<ResponseAction> onHardBounce, int softBounceRetries, Wait softBounceRetryAfter,
                         boolean pauseOnAutoReply, Wait autoReplyDefaultPause, String referralSequence) {
        this(onReply, onComplaint, onHardBounce, softBounceRetries, softBounceRetryAfter, pauseOnAutoReply,
                autoReplyDefaultPause, referralSequence, DEFAULT_REFERRAL_LIMIT, true);
    }

    public ResponseRules {
        Map<Intent, Set<ResponseAction>> copy = new EnumMap<>(Intent.class);
        for (Intent intent : Intent.values()) {
            copy.put(intent, Set.copyOf(onReply.getOrDefault(intent, Set.of())));
        }
        onReply = Map.copyOf(copy);
        Map<Intent, List<ReplyEscalation>> escalations = new EnumMap<>(Intent.class);
        for (Intent intent : Intent.values()) {
            escalations.put(intent, List.copyOf(replyEscalations == null ? List.of()
                    : replyEscalations.getOrDefault(intent, List.of())));
        }
        replyEscalations = Map.copyOf(escalations);
        onComplaint = Set.copyOf(onComplaint);
        onHardBounce = Set.copyOf(onHardBounce);
        if (softBounceRetries < 0) {
            throw new IllegalArgumentException("soft bounce retries cannot be negative");
        }
        if (referralLimit < 0) {
            throw new IllegalArgumentException("the referral limit cannot be negative");
        }
    }

    public Set<ResponseAction> onReply(Intent intent) {
        return onReply.get(intent);
    }

    /** The tasks and hand-offs of a reply of this intent (any tier; filter with {@link ReplyEscalation#appliesTo}). */
    public List<ReplyEscalation> escalations(Intent intent) {
        return replyEscalations.get(intent);
    }

    /** The actions a list in configuration may name. */
    public static List<String> actionNames() {
        return java.util.Arrays.stream(ResponseAction.values()).map(ResponseAction::configName).toList();
    }
}
