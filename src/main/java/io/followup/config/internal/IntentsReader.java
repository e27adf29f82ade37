package io.followup.config.internal;

import io.followup.config.Node;
import io.followup.inbound.text.Intent;
import io.followup.inbound.text.IntentRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the top-level {@code intents:} section: phrases added to (or, with {@code replace: true}, replacing) the
 * built-in phrases of each intent. A bad phrase is one line naming file, line and key.
 */
public final class IntentsReader {

    private static final String PHRASES = "a list of phrases such as [\"count me in\", \"let's talk\"]";

    public IntentRules intents(Node node) {
        node.mapping("intent phrases (interested, not_interested, referral, unsubscribe, replace)",
                "interested", "not_interested", "referral", "unsubscribe", "replace");
        boolean replace = node.get("replace").map(Node::bool).orElse(false);
        IntentRules rules = IntentRules.builtIn();
        for (Intent intent : List.of(Intent.INTERESTED, Intent.NOT_INTERESTED, Intent.REFERRAL, Intent.UNSUBSCRIBE)) {
            var list = node.get(intent.wireName());
            if (list.isEmpty()) {
                continue;
            }
            List<String> phrases = new ArrayList<>();
            for (Node item : list.get().items(PHRASES)) {
                String phrase = item.nonBlank("a phrase").toLowerCase(Locale.ROOT);
                if (phrase.replaceAll("[\\s*^$]", "").isEmpty()) {
                    throw item.expected("a phrase with words, not only wildcards");
                }
                phrases.add(phrase);
            }
            rules = replace ? rules.withPhrases(intent, phrases) : rules.plusPhrases(intent, phrases);
        }
        return rules;
    }
}
