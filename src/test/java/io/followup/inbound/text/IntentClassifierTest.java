package io.followup.inbound.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentClassifierTest {

    private final IntentClassifier classifier = new IntentClassifier();

    @ParameterizedTest
    @ValueSource(strings = {
            "Sounds good, let's talk next week.",
            "Happy to chat - what times work for you?",
            "Yes, send me more.",
            "I'd be interested in seeing a demo.",
            "We are interested. Can you set up a call on Tuesday?",
            "Sure thing, I'm available Thursday afternoon.",
            "Klingt gut, lassen Sie uns nächste Woche telefonieren.",
            "Avec plaisir, parlons-en mardi.",
            "Me interesa, hablemos la semana que viene.",
            "Klinkt goed, laten we volgende week bellen."})
    void repliesThatWantToTalkAreInterested(String reply) {
        IntentResult result = classifier.classify(reply);

        assertThat(result.intent()).as(result.explanation()).isEqualTo(Intent.INTERESTED);
        assertThat(result.explanation()).startsWith("interested: phrase");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "No thanks.",
            "Thanks, but this is not a fit for us.",
            "We're all set, thank you.",
            "Not interested.",
            "I'm not really interested at this point.",
            "No.",
            "We wouldn't be interested, sorry.",
            "Thanks for reaching out but we already have a vendor for this.",
            "Nein danke, kein Bedarf.",
            "Non merci, ça ne m'intéresse pas.",
            "No gracias, no nos interesa.",
            "Nee bedankt, geen interesse."})
    void repliesThatDeclineAreNotInterested(String reply) {
        assertThat(classifier.classify(reply).intent()).as(reply).isEqualTo(Intent.NOT_INTERESTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Please remove me from your list.",
            "unsubscribe",
            "Stop emailing me.",
            "Take me off your mailing list, thanks.",
            "Do not contact me again.",
            "Bitte tragen Sie mich aus Ihrem Verteiler aus.",
            "Merci de me désabonner.",
            "Por favor, darme de baja.",
            "Graag afmelden voor deze mails.",
            "STOP"})
    void repliesThatAskToStopAreUnsubscribe(String reply) {
        assertThat(classifier.classify(reply).intent()).as(reply).isEqualTo(Intent.UNSUBSCRIBE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Please talk to my colleague jane@x.com",
            "I'm not the right person for this, please contact Bob Miller.",
            "Jane Smith is the right person, she handles partnerships.",
            "I've cc'd Priya who runs procurement.",
            "You should reach out to sam@acme.io about this.",
            "Bitte wenden Sie sich an meine Kollegin Anna Schmidt.",
            "Je transmets à mon collègue Pierre Martin.",
            "Mi compañera Lucía lleva este tema.",
            "Mijn collega Pieter de Vries gaat hierover.",
            "You can reach our sales team at sales@acme.io"})
    void repliesThatPointToSomeoneElseAreReferrals(String reply) {
        assertThat(classifier.classify(reply).intent()).as(reply).isEqualTo(Intent.REFERRAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Thanks for the note.",
            "I'm out of the office until Monday.",
            "Who are you?",
            "Got it.",
            "Can you remind me where we met?",
            "I'm not sure what you mean.",
            "Please stop by our booth tomorrow."})
    void repliesWithoutASignalAreNeutral(String reply) {
        IntentResult result = classifier.classify(reply);

        assertThat(result.intent()).as(result.explanation()).isEqualTo(Intent.NEUTRAL);
        assertThat(result.explanation()).isEqualTo("neutral: no rule matched");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\n"})
    void nullOrBlankTextIsNeutral(String reply) {
        assertThat(classifier.classify(reply).intent()).isEqualTo(Intent.NEUTRAL);
    }

    @Test
    void notInterestedDoesNotCountAsInterested() {
        IntentResult result = classifier.classify("I am not interested");

        assertThat(result.intent()).isEqualTo(Intent.NOT_INTERESTED);
        assertThat(result.explanation()).startsWith("not_interested: phrase \"not interested\"");
    }

    @Test
    void aNegatedInterestedPhraseIsExplainedAsNegated() {
        IntentResult result = classifier.classify("Honestly we don't want to schedule a call");

        assertThat(result.intent()).isEqualTo(Intent.NOT_INTERESTED);
        assertThat(result.explanation()).isEqualTo(
                "not_interested: interested phrase \"schedule a call\" negated by \"don't\"");
    }

    @Test
    void aNegationInAnEarlierClauseDoesNotNegate() {
        assertThat(classifier.classify("I'm not sure yet, but I'd be interested in a demo").intent())
                .isEqualTo(Intent.INTERESTED);
        assertThat(classifier.classify("Not a problem. Sounds good, let's talk Monday").intent())
                .isEqualTo(Intent.INTERESTED);
    }

    @Test
    void germanNegationAfterTheVerbNegates() {
        assertThat(classifier.classify("Das interessiert uns leider nicht.").intent()).isEqualTo(Intent.NOT_INTERESTED);
    }

    @Test
    void aNegatedUnsubscribePhraseIsNotUnsubscribe() {
        assertThat(classifier.classify("Please don't remove me from the list, sounds good").intent())
                .isEqualTo(Intent.INTERESTED);
    }

    @Test
    void unsubscribeWinsOverEveryOtherIntentAndTheExplanationListsTheOthers() {
        IntentResult result = classifier.classify("No thanks, and please unsubscribe me. My colleague might be interested.");

        assertThat(result.intent()).isEqualTo(Intent.UNSUBSCRIBE);
        assertThat(result.explanation())
                .startsWith("unsubscribe: phrase")
                .contains("not_interested phrase \"no thanks\"", "referral phrase \"my colleague\"", "interested phrase");
        assertThat(result.referralAddress()).isNull();
    }

    @Test
    void notInterestedWinsOverReferralAndInterested() {
        IntentResult result = classifier.classify("Not a fit right now, but talk to my colleague jane@x.com, sounds good?");

        assertThat(result.intent()).isEqualTo(Intent.NOT_INTERESTED);
    }

    @Test
    void referralWinsOverInterested() {
        assertThat(classifier.classify("Sounds good! My colleague Tom handles this, talk to him.").intent())
                .isEqualTo(Intent.REFERRAL);
    }

    @Test
    void aReferralGivesTheAddressAndTheNameOfThePerson() {
        IntentResult result = classifier.classify(
                "Thanks for the note. Please talk to my colleague Jane Doe (jane.doe@example.com), she runs this.");

        assertThat(result.intent()).isEqualTo(Intent.REFERRAL);
        assertThat(result.referralAddress()).isEqualTo("jane.doe@example.com");
        assertThat(result.referralName()).isEqualTo("Jane Doe");
        assertThat(result.explanation()).isEqualTo("referral: phrase \"my colleague\"");
    }

    @Test
    void aReferralFindsTheNameWrittenBeforeAnAngleBracketAddress() {
        IntentResult result = classifier.classify("Please reach out to Maria Lopez <maria@acme.io> instead.");

        assertThat(result.intent()).isEqualTo(Intent.REFERRAL);
        assertThat(result.referralAddress()).isEqualTo("maria@acme.io");
        assertThat(result.referralName()).isEqualTo("Maria Lopez");
        assertThat(result.explanation()).isEqualTo("referral: verb \"reach out to\" followed by address maria@acme.io");
    }

    @Test
    void theAuthorsOwnAddressInTheSignatureIsNotTakenAsTheReferral() {
        IntentResult result = classifier.classify("Please talk to my colleague Jane.\n\nBest,\nJohn\njohn@acme.io");

        assertThat(result.intent()).isEqualTo(Intent.REFERRAL);
        assertThat(result.referralAddress()).isNull();
        assertThat(result.referralName()).isEqualTo("Jane");
    }

    @Test
    void aReferralAddressInTheParagraphAfterAColonIsFound() {
        IntentResult result = classifier.classify("The right person is my colleague:\n\nJane Doe\njane@acme.io\n\nBest, John");

        assertThat(result.referralAddress()).isEqualTo("jane@acme.io");
        assertThat(result.referralName()).isEqualTo("Jane Doe");
    }

    @Test
    void aReferralWithOnlyAnAddressHasNoName() {
        IntentResult result = classifier.classify("please talk to my colleague jane@x.com");

        assertThat(result.referralAddress()).isEqualTo("jane@x.com");
        assertThat(result.referralName()).isNull();
    }

    @Test
    void aReferralWithOnlyANameHasNoAddress() {
        IntentResult result = classifier.classify("Jane Smith is the right person for partnerships.");

        assertThat(result.intent()).isEqualTo(Intent.REFERRAL);
        assertThat(result.referralAddress()).isNull();
        assertThat(result.referralName()).isEqualTo("Jane Smith");
    }

    @Test
    void givingOnesOwnAddressIsNotAReferral() {
        assertThat(classifier.classify("Happy to chat, you can email me at john@acme.io").intent())
                .isEqualTo(Intent.INTERESTED);
        assertThat(classifier.classify("Happy to talk to you next week").intent()).isEqualTo(Intent.INTERESTED);
    }

    @Test
    void customRulesReplaceThePhraseLists() {
        IntentRules rules = new IntentRules(
                Map.of(Intent.INTERESTED, List.of("count me in"), Intent.UNSUBSCRIBE, List.of("go away")),
                List.of(), List.of("not"), List.of());
        IntentClassifier custom = new IntentClassifier(rules);

        assertThat(custom.classify("Count me in!").intent()).isEqualTo(Intent.INTERESTED);
        assertThat(custom.classify("Please go away").intent()).isEqualTo(Intent.UNSUBSCRIBE);
        assertThat(custom.classify("No thanks").intent()).isEqualTo(Intent.NEUTRAL);
        assertThat(custom.classify("Sounds good").intent()).isEqualTo(Intent.NEUTRAL);
    }

    @Test
    void customRulesCanExtendTheBuiltInOnes() {
        IntentClassifier custom = new IntentClassifier(IntentRules.builtIn()
                .plusPhrases(Intent.INTERESTED, List.of("ship it"))
                .plusPhrases(Intent.REFERRAL, List.of("our buyer")));

        assertThat(custom.classify("Ship it!").explanation()).isEqualTo("interested: phrase \"ship it\"");
        assertThat(custom.classify("Our buyer Kim Lee decides this").intent()).isEqualTo(Intent.REFERRAL);
        assertThat(custom.classify("Sounds good").intent()).isEqualTo(Intent.INTERESTED);
    }

    @Test
    void wildcardsAndAnchorsWorkInCustomPhrases() {
        IntentClassifier custom = new IntentClassifier(new IntentRules(
                Map.of(Intent.REFERRAL, List.of("talk to * colleague"), Intent.NOT_INTERESTED, List.of("^nah$")),
                List.of(), List.of(), List.of()));

        assertThat(custom.classify("talk to my lovely colleague").intent()).isEqualTo(Intent.REFERRAL);
        assertThat(custom.classify("Nah.").intent()).isEqualTo(Intent.NOT_INTERESTED);
        assertThat(custom.classify("Nah, I'd rather talk").intent()).isEqualTo(Intent.NEUTRAL);
    }

    @Test
    void rulesRejectEmptyPhrasesAndNeutralPhrases() {
        assertThatThrownBy(() -> IntentRules.builtIn().plusPhrases(Intent.INTERESTED, List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phrases of interested");
        assertThatThrownBy(() -> IntentRules.builtIn().withPhrases(Intent.NEUTRAL, List.of("meh")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intentsHaveLowerCaseWireNames() {
        assertThat(Intent.NOT_INTERESTED.wireName()).isEqualTo("not_interested");
        assertThat(Intent.fromWireName("referral")).isEqualTo(Intent.REFERRAL);
    }

    @Test
    void aVeryLongReplyIsClassifiedQuickly() {
        String reply = "Sounds good. " + "blah ".repeat(200_000);

        assertThat(classifier.classify(reply).intent()).isEqualTo(Intent.INTERESTED);
    }
}
