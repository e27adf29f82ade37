package io.followup.inbound.text;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The phrase lists {@link IntentClassifier} works from. Immutable and thread-safe.
 *
 * <p>A phrase is matched case-insensitively on whole words; between its words any run of
 * spaces and punctuation is accepted ("no thanks" matches "No, thanks"). Two wildcards:
 * a lone {@code *} stands for up to three words ("talk to * colleague"), and a phrase that
 * starts with {@code ^} or ends with {@code $} must be at the start or end of the reply
 * ({@code "^no$"} matches a reply that only says "No.").
 *
 * @param phrases         the phrases per intent (not {@link Intent#NEUTRAL}); a missing
 *                        intent has no phrases
 * @param referralVerbs   verbs that make a referral when an e-mail address (within four
 *                        words) or a capitalised name follows them: "talk to Jane",
 *                        "contact jane@example.com"
 * @param negationsBefore words that, up to three words before a phrase in the same clause,
 *                        negate it ("not", "never", "nicht"); words ending in {@code n't}
 *                        always negate
 * @param negationsAfter  words that negate a phrase when they follow it within three words
 *                        ("interessiert mich nicht", "intéressé pas")
 */
public record IntentRules(Map<Intent, List<String>> phrases,
                          List<String> referralVerbs,
                          List<String> negationsBefore,
                          List<String> negationsAfter) {

    public IntentRules {
        Objects.requireNonNull(phrases, "phrases");
        if (phrases.containsKey(Intent.NEUTRAL)) {
            throw new IllegalArgumentException("neutral has no phrases: it is what remains when nothing matches");
        }
        Map<Intent, List<String>> copy = new EnumMap<>(Intent.class);
        phrases.forEach((intent, list) -> copy.put(Objects.requireNonNull(intent, "intent"),
                checked("phrases of " + intent.wireName(), list)));
        phrases = Map.copyOf(copy);
        referralVerbs = checked("referralVerbs", referralVerbs);
        negationsBefore = checked("negationsBefore", negationsBefore);
        negationsAfter = checked("negationsAfter", negationsAfter);
    }

    /** The built-in English, German, French, Spanish and Dutch rules. */
    public static IntentRules builtIn() {
        return BuiltInIntentPhrases.RULES;
    }

    /** The phrases of one intent; empty when it has none. */
    public List<String> phrasesFor(Intent intent) {
        return phrases.getOrDefault(intent, List.of());
    }

    /** A copy whose phrases for {@code intent} are replaced by {@code replacement}. */
    public IntentRules withPhrases(Intent intent, List<String> replacement) {
        Map<Intent, List<String>> copy = new EnumMap<>(Intent.class);
        copy.putAll(phrases);
        copy.put(intent, replacement);
        return new IntentRules(copy, referralVerbs, negationsBefore, negationsAfter);
    }

    /** A copy whose phrases for {@code intent} are extended by {@code more}. */
    public IntentRules plusPhrases(Intent intent, List<String> more) {
        return withPhrases(intent, concat(phrasesFor(intent), more));
    }

    /** A copy that has every list of this one extended by the same list of {@code other}. */
    public IntentRules plus(IntentRules other) {
        Map<Intent, List<String>> merged = new EnumMap<>(Intent.class);
        merged.putAll(phrases);
        other.phrases().forEach((intent, list) -> merged.put(intent, concat(phrasesFor(intent), list)));
        return new IntentRules(merged, concat(referralVerbs, other.referralVerbs()),
                concat(negationsBefore, other.negationsBefore()), concat(negationsAfter, other.negationsAfter()));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Objects.requireNonNull(second, "phrases"));
        return all;
    }

    private static List<String> checked(String name, List<String> list) {
        Objects.requireNonNull(list, name);
        for (int index = 0; index < list.size(); index++) {
            String phrase = list.get(index);
            if (phrase == null || phrase.isBlank() || phrase.replaceAll("[\\s*^$]", "").isEmpty()) {
                throw new IllegalArgumentException(name + "[" + index + "] is empty: every phrase needs a word");
            }
        }
        return List.copyOf(list);
    }
}
