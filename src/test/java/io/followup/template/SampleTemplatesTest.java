package io.followup.template;

import static io.followup.template.TemplateFiles.aFullModel;
import static io.followup.template.TemplateFiles.aModelWithContact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped sample sequence {@code templates/met-at-event}, rendered as the daemon would. */
class SampleTemplatesTest {

    private final TemplateEngine engine = new TemplateEngine(Path.of("templates"));

    @Test
    void theSampleSequenceHasItsThreeTemplatesAndNoLintProblems() {
        assertThat(engine.names()).contains(
                "met-at-event/thank-you", "met-at-event/value-nudge", "met-at-event/light-hearted");
        assertThat(engine.check()).isEmpty();
    }

    @Test
    void theThankYouThanksForTheConversationProposesANextStepAndIsSignedBySender() {
        RenderedMessage message = engine.render("met-at-event/thank-you", aFullModel());

        assertThat(message.subject()).isEqualTo("Great meeting you at the Lisbon Product Summit");
        assertThat(message.text())
                .startsWith("Hi Maria,\n\nThank you for the conversation at the Lisbon Product Summit.")
                .contains("talking about usage-based pricing and hearing how you approach it at Northwind.")
                .contains("20 minutes for a call next week")
                .contains("Best regards,\nAnna Berg\n")
                .endsWith("unsubscribe here: https://example.org/u/abc123\n")
                .doesNotContain("$", "#if", "#end");
        assertThat(message.html())
                .startsWith("<p>Hi Maria,</p>")
                .contains("at Northwind.</p>")
                .contains("<a href=\"https://example.org/u/abc123\">unsubscribe here</a>")
                .doesNotContain("$");
    }

    @Test
    void theThankYouReadsNaturallyWithoutCompanyOrUnsubscribeLink() {
        Map<String, Object> model = aModelWithContact("company", null);
        model.remove("unsubscribe_url");

        RenderedMessage message = engine.render("met-at-event/thank-you", model);

        assertThat(message.text())
                .contains("talking about usage-based pricing.\n")
                .endsWith("Best regards,\nAnna Berg\n")
                .doesNotContain("unsubscribe", "Northwind", "$");
        assertThat(message.html()).doesNotContain("unsubscribe", "$").endsWith("Anna Berg</p>\n");
    }

    @Test
    void theValueNudgeOffersAnIdeaAndASoftQuestionUnderTheFirstMailsSubject() {
        RenderedMessage message = engine.render("met-at-event/value-nudge", aFullModel());

        assertThat(message.subject()).isEqualTo("Great meeting you at the Lisbon Product Summit");
        assertThat(message.text())
                .startsWith("Hi Maria,\n\nOur conversation about usage-based pricing stayed with me after the Lisbon Product Summit")
                .contains("one small, measurable pilot")
                .contains("what you are doing at Northwind")
                .contains("Is usage-based pricing still high on your list this quarter?")
                .contains("Anna Berg")
                .doesNotContain("$");
        assertThat(message.html()).isNull();
    }

    @Test
    void theLastAttemptIsLightHeartedWithAnEasyOut() {
        RenderedMessage message = engine.render("met-at-event/light-hearted", aFullModel());

        assertThat(message.subject()).isEqualTo("Great meeting you at the Lisbon Product Summit");
        assertThat(message.text())
                .startsWith("Hi Maria,\n\nAt the risk of having you think I'm stalking you, one last note from me.")
                .contains("If usage-based pricing is still on your mind")
                .contains("no problem at all")
                .contains("All the best,\nAnna Berg\n")
                .doesNotContain("$");
    }

    @Test
    void aContactWithoutFirstNameIsHeldInsteadOfGreetedWithHiComma() {
        assertThatThrownBy(() -> engine.render("met-at-event/light-hearted", aModelWithContact("first_name", null)))
                .isInstanceOf(TemplateException.class)
                .hasMessage("templates/met-at-event/light-hearted.vm:3:4: $contact.first_name is missing");
    }
}
