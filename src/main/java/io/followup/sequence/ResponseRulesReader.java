package io.followup.sequence;

import io.followup.config.Node;
import io.followup.config.Values;
import io.followup.inbound.text.Intent;
import io.followup.sequence.timing.Wait;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code responses:} section of a sequence file into {@link ResponseRules}; keys left out keep their
 * defaults. Errors are one line with file:line and key, like every configuration error.
 */
public final class ResponseRulesReader {

    private static final String ACTIONS = "a list of actions (" + String.join(", ", ResponseRules.actionNames())
            + ", {task: {kind, text}}, {handoff: ADDRESS}), [] for none";

    public ResponseRules read(Node node) {
        node.mapping("a mapping of responses (interested, not_interested, referral, unsubscribe, neutral, complaint, "
                        + "hard_bounce, soft_bounce_retries, soft_bounce_retry_after, pause_on_auto_reply, "
                        + "auto_reply_default_pause, referral_sequence, referral_limit, referral_approval)",
                "interested", "not_interested", "referral", "unsubscribe", "neutral", "complaint", "hard_bounce",
                "soft_bounce_retries", "soft_bounce_retry_after", "pause_on_auto_reply", "auto_reply_default_pause",
                "referral_sequence", "referral_limit", "referral_approval");
        ResponseRules defaults = ResponseRules.DEFAULTS;
        Map<Intent, Set<ResponseAction>> onReply = new EnumMap<>(defaults.onReply());
        Map<Intent, List<ReplyEscalation>> escalations = new EnumMap<>(Intent.class);
        for (Intent intent : Intent.values()) {
            node.get(intent.wireName()).ifPresent(actions -> {
                List<Node> named = new ArrayList<>();
                List<ReplyEscalation> mapped = new ArrayList<>();
                for (Node item : actions.items(ACTIONS)) {
                    if (item.isMapping()) {
                        mapped.add(escalation(item));
                    } else {
                        named.add(item);
                    }
                }
                onReply.put(intent, actions(named));
                escalations.put(intent, mapped);
            });
        }
        Set<ResponseAction> complaint = node.get("complaint").map(ResponseRulesReader::actions)
                .orElse(defaults.onComplaint());
        Set<ResponseAction> hardBounce = node.get("hard_bounce").map(ResponseRulesReader::actions)
                .orElse(defaults.onHardBounce());
        int retries = node.get("soft_bounce_retries").map(ResponseRulesReader::retries)
                .orElse(defaults.softBounceRetries());
        Wait retryAfter = node.get("soft_bounce_retry_after").map(ResponseRulesReader::wait)
                .orElse(defaults.softBounceRetryAfter());
        boolean pause = node.get("pause_on_auto_reply").map(Node::bool).orElse(defaults.pauseOnAutoReply());
        Wait defaultPause = node.get("auto_reply_default_pause").map(ResponseRulesReader::wait)
                .orElse(defaults.autoReplyDefaultPause());
        String referralSequence = node.get("referral_sequence").map(value -> value.nonBlank("a sequence name"))
                .orElse(defaults.referralSequence());
        int referralLimit = node.get("referral_limit")
                .map(value -> Values.integer(value, 0, 100, "a number of referrals per replier 0-100"))
                .orElse(defaults.referralLimit());
        boolean referralApproval = node.get("referral_approval").map(Node::bool).orElse(defaults.referralApproval());
        return new ResponseRules(onReply, complaint, hardBounce, retries, retryAfter, pause, defaultPause,
                referralSequence, referralLimit, referralApproval, escalations);
    }

    /** {@code {task: {kind, text}, handoff: ADDRESS, tier: N}}: at least one of task and handoff. */
    private static ReplyEscalation escalation(Node node) {
        node.mapping("an escalation (task, handoff, tier)", "task", "handoff", "tier");
        EscalationDefinition.Task task = node.get("task").map(EscalationReader::task).orElse(null);
        String handoff = node.get("handoff").map(Values::email).orElse(null);
        if (task == null && handoff == null) {
            throw node.fail("an escalation needs a task ({kind, text}) or a handoff (a colleague's address)");
        }
        Integer tier = node.get("tier").map(value -> Values.integer(value, 1, 9, "a tier 1-9")).orElse(null);
        return new ReplyEscalation(tier, task, handoff);
    }

    private static Set<ResponseAction> actions(Node node) {
        return actions(node.items(ACTIONS));
    }

    private static Set<ResponseAction> actions(List<Node> items) {
        Set<ResponseAction> actions = EnumSet.noneOf(ResponseAction.class);
        for (Node item : items) {
            String name = item.nonBlank(ACTIONS).toLowerCase(Locale.ROOT);
            try {
                actions.add(ResponseAction.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw item.expected("one of " + String.join(", ", ResponseRules.actionNames()));
            }
        }
        return actions;
    }

    private static int retries(Node node) {
        String text = node.nonBlank("a number of retries 0-10");
        try {
            int retries = Integer.parseInt(text);
            if (retries >= 0 && retries <= 10) {
                return retries;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw node.expected("a number of retries 0-10");
    }

    private static Wait wait(Node node) {
        try {
            return Wait.parse(node.text("a wait such as \"1 day\""));
        } catch (IllegalArgumentException invalid) {
            throw node.fail(invalid.getMessage());
        }
    }
}
