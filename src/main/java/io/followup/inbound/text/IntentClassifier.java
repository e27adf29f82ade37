package io.followup.inbound.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies the intent of a human reply (the text {@link ReplyTextExtractor} returns) with
 * explainable phrase rules: each intent has a list of phrases, a phrase preceded by a
 * negation ("not interested", "I wouldn't be keen") does not count for its intent, and a
 * negated interested phrase counts as not interested. A referral is a referral phrase ("my
 * colleague", "the right person") or a referral verb followed by an address or a name
 * ("talk to Jane", "contact jane@example.com"). When several intents match, the strongest
 * wins: unsubscribe, not interested, referral, interested; otherwise neutral.
 *
 * <p>Immutable and thread-safe: one instance can serve every mailbox.
 */
public final class IntentClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(IntentClassifier.class);

    /** Longer replies are classified on their beginning, where people state what they want. */
    static final int MAX_CLASSIFIED_CHARS = 10_000;

    private final List<Phrase> unsubscribe;
    private final List<Phrase> notInterested;
    private final List<Phrase> referral;
    private final List<Phrase> interested;
    private final List<Phrase> referralVerbs;
    private final NegationScope negations;
    private final ReferralFinder referralFinder = new ReferralFinder();

    /** A classifier with the built-in English, German, French, Spanish and Dutch rules. */
    public IntentClassifier() {
        this(IntentRules.builtIn());
    }

    /** A classifier with the given rules (see {@link IntentRules} for how to extend the built-in ones). */
    public IntentClassifier(IntentRules rules) {
        Objects.requireNonNull(rules, "rules");
        this.unsubscribe = compile(rules.phrasesFor(Intent.UNSUBSCRIBE));
        this.notInterested = compile(rules.phrasesFor(Intent.NOT_INTERESTED));
        this.referral = compile(rules.phrasesFor(Intent.REFERRAL));
        this.interested = compile(rules.phrasesFor(Intent.INTERESTED));
        this.referralVerbs = compile(rules.referralVerbs());
        this.negations = new NegationScope(rules.negationsBefore(), rules.negationsAfter());
    }

    /**
     * The intent of a reply text.
     *
     * @param replyText the new text of a reply (without quoted history); may be {@code null};
     *                  only its first {@value #MAX_CLASSIFIED_CHARS} characters are read
     * @return the intent with its explanation; {@link Intent#NEUTRAL} for a {@code null} or
     *         blank text; never {@code null}
     */
    public IntentResult classify(String replyText) {
        if (replyText == null || replyText.isBlank()) {
            return IntentResult.neutral("neutral: empty reply");
        }
        String text = replyText.length() > MAX_CLASSIFIED_CHARS ? replyText.substring(0, MAX_CLASSIFIED_CHARS) : replyText;
        String folded = TextFolding.fold(text);
        List<Finding> findings = new ArrayList<>();
        firstUnnegated(unsubscribe, folded).ifPresent(hit -> findings.add(
                new Finding(Intent.UNSUBSCRIBE, "phrase \"" + hit.phrase() + "\"", hit)));
        firstUnnegated(notInterested, folded).or(() -> firstNegated(interested, folded)).ifPresent(hit -> findings.add(
                new Finding(Intent.NOT_INTERESTED, hit.negation() == null
                        ? "phrase \"" + hit.phrase() + "\""
                        : "interested phrase \"" + hit.phrase() + "\" negated by \"" + hit.negation() + "\"", hit)));
        referralFinding(text, folded).ifPresent(findings::add);
        firstUnnegated(interested, folded).ifPresent(hit -> findings.add(
                new Finding(Intent.INTERESTED, "phrase \"" + hit.phrase() + "\"", hit)));
        IntentResult result = decide(text, findings);
        LOG.trace("reply classified as {}: {}", result.intent().wireName(), result.explanation());
        return result;
    }

    private IntentResult decide(String text, List<Finding> findings) {
        if (findings.isEmpty()) {
            return IntentResult.neutral("neutral: no rule matched");
        }
        Finding winner = findings.get(0);
        StringBuilder explanation = new StringBuilder(winner.intent().wireName()).append(": ").append(winner.reason());
        if (findings.size() > 1) {
            explanation.append(" (also matched: ");
            for (int index = 1; index < findings.size(); index++) {
                Finding other = findings.get(index);
                explanation.append(index > 1 ? "; " : "").append(other.intent().wireName()).append(' ').append(other.reason());
            }
            explanation.append(')');
        }
        if (winner.intent() != Intent.REFERRAL) {
            return new IntentResult(winner.intent(), null, null, explanation.toString());
        }
        ReferralFinder.Referral person = referralFinder.find(text, winner.hit().start(), winner.hit().end(), winner.verb());
        return new IntentResult(Intent.REFERRAL, person.address(), person.name(), explanation.toString());
    }

    private Optional<Finding> referralFinding(String text, String folded) {
        Optional<Hit> phrase = firstUnnegated(referral, folded);
        if (phrase.isPresent()) {
            return Optional.of(new Finding(Intent.REFERRAL, "phrase \"" + phrase.get().phrase() + "\"", phrase.get(), false));
        }
        for (Phrase verb : referralVerbs) {
            Matcher matcher = verb.matcher(folded);
            while (matcher.find()) {
                if (negations.negationOf(folded, matcher.start(), matcher.end()).isPresent()) {
                    continue;
                }
                Hit hit = new Hit(verb.text(), matcher.start(), matcher.end(), null);
                Optional<String> address = referralFinder.addressFollowing(text, matcher.end());
                if (address.isPresent()) {
                    return Optional.of(new Finding(Intent.REFERRAL,
                            "verb \"" + verb.text() + "\" followed by address " + address.get(), hit, true));
                }
                if (referralFinder.nameFollows(text, matcher.end())) {
                    return Optional.of(new Finding(Intent.REFERRAL, "verb \"" + verb.text() + "\" followed by a name", hit, true));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Hit> firstUnnegated(List<Phrase> phrases, String folded) {
        return firstHit(phrases, folded, false);
    }

    private Optional<Hit> firstNegated(List<Phrase> phrases, String folded) {
        return firstHit(phrases, folded, true);
    }

    /** The earliest occurrence in the text of any phrase whose negation state is {@code negated}. */
    private Optional<Hit> firstHit(List<Phrase> phrases, String folded, boolean negated) {
        Hit earliest = null;
        for (Phrase phrase : phrases) {
            Matcher matcher = phrase.matcher(folded);
            while (matcher.find()) {
                if (earliest != null && matcher.start() >= earliest.start()) {
                    break;
                }
                Optional<String> negation = negations.negationOf(folded, matcher.start(), matcher.end());
                if (negation.isPresent() == negated) {
                    earliest = new Hit(phrase.text(), matcher.start(), matcher.end(), negation.orElse(null));
                    break;
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    private static List<Phrase> compile(List<String> phrases) {
        return phrases.stream().map(Phrase::new).toList();
    }

    /** One phrase found at {@code [start, end)} of the folded text. */
    private record Hit(String phrase, int start, int end, String negation) {
    }

    /** An intent that matched, with the reason in words, in precedence order. */
    private record Finding(Intent intent, String reason, Hit hit, boolean verb) {
        Finding(Intent intent, String reason, Hit hit) {
            this(intent, reason, hit, false);
        }
    }
}
