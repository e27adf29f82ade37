package io.followup.template;

import static io.followup.template.TemplateFiles.aFullModel;
import static io.followup.template.TemplateFiles.aModelWithContact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRenderingTest {

    @TempDir
    Path parent;

    private TemplateFiles files() {
        return new TemplateFiles(parent);
    }

    @Test
    void aReferenceToAMissingFieldFailsNamingTheFileAndTheOriginalLine() {
        TemplateEngine engine = files().write("seq/first.vm", """
                ## first touch
                Subject: Hello $contact.first_name

                Good to meet you.
                Hi $contact.nickname, how are you?
                """).engine();

        TemplateException failure = catchThrowableOfType(TemplateException.class,
                () -> engine.render("seq/first", aFullModel()));

        assertThat(failure.getMessage()).isEqualTo("templates/seq/first.vm:5:4: $contact.nickname is missing");
        assertThat(failure.file()).isEqualTo("templates/seq/first.vm");
        assertThat(failure.line()).isEqualTo(5);
        assertThat(failure.column()).isEqualTo(4);
    }

    @Test
    void aBlankValueFailsLikeAMissingOneButSaysBlank() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: Hello

                Hi $contact.first_name,
                """).engine();

        assertThatThrownBy(() -> engine.render("seq/first", aModelWithContact("first_name", "  ")))
                .isInstanceOf(TemplateException.class)
                .hasMessage("templates/seq/first.vm:3:4: $contact.first_name is blank");
    }

    @Test
    void aMissingValueInTheSubjectIsReportedAtItsColumnInTheSubjectLine() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: Great meeting you at $contact.met_at

                Hi $contact.first_name,
                """).engine();

        assertThatThrownBy(() -> engine.render("seq/first", aModelWithContact("met_at", null)))
                .hasMessage("templates/seq/first.vm:1:31: $contact.met_at is missing");
    }

    @Test
    void anOptionalCompanyInsideIfRendersFineWhenAbsentOrBlank() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: Hello

                Hi $contact.first_name#if($contact.company) at $contact.company#end!
                """).engine();

        assertThat(engine.render("seq/first", aModelWithContact("company", null)).text()).isEqualTo("Hi Maria!\n");
        assertThat(engine.render("seq/first", aModelWithContact("company", " ")).text()).isEqualTo("Hi Maria!\n");
        assertThat(engine.render("seq/first", aFullModel()).text()).isEqualTo("Hi Maria at Northwind!\n");
    }

    @Test
    void aQuietReferenceMayRenderEmpty() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: Hello

                Hi $contact.first_name$!contact.nickname$!introducer.name.
                """).engine();

        Map<String, Object> model = aFullModel();
        model.remove("unsubscribe_url");

        assertThat(engine.render("seq/first", model).text()).isEqualTo("Hi Maria.\n");
    }

    @Test
    void aSubjectValueWithALineBreakIsRefused() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: About $contact.topic

                Hi $contact.first_name,
                """).engine();

        assertThatThrownBy(() -> engine.render("seq/first", aModelWithContact("topic", "pricing\r\nBcc: victim@example.com")))
                .isInstanceOf(TemplateException.class)
                .hasMessage("templates/seq/first.vm:1:16: $contact.topic contains a line break: the subject must be one line");
    }

    @Test
    void anUnclosedIfIsASyntaxErrorWithFileAndLine() {
        TemplateEngine engine = files().write("seq/broken.vm", """
                Subject: Hello

                Hi $contact.first_name,
                #if($contact.company
                See you soon.
                """).engine();

        TemplateException failure = catchThrowableOfType(TemplateException.class,
                () -> engine.render("seq/broken", aFullModel()));

        assertThat(failure.file()).isEqualTo("templates/seq/broken.vm");
        assertThat(failure.line()).isEqualTo(5);
        assertThat(failure.getMessage()).isEqualTo("templates/seq/broken.vm:5:1: syntax error: unexpected \"See\"");
    }

    @Test
    void anIfWithoutEndIsASyntaxErrorThatSuggestsTheMissingEnd() {
        TemplateEngine engine = files().write("seq/broken.vm", """
                Subject: Hello

                #if($contact.company)
                Hi $contact.first_name,
                """).engine();

        assertThatThrownBy(() -> engine.render("seq/broken", aFullModel()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("templates/seq/broken.vm:5:1: syntax error: unexpected end of text (is an #end or a ')' missing?)");
    }

    @Test
    void anUndefinedRootIsReportedAsNotDefined() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: Hello

                Hi $contct.first_name,
                """).engine();

        assertThatThrownBy(() -> engine.render("seq/first", aFullModel()))
                .hasMessage("templates/seq/first.vm:3:4: $contct is not defined");
    }

    @Test
    void theSubjectIsTrimmedAndTheBodyHasLfEndingsAndExactlyOneFinalNewline() {
        TemplateEngine engine = files().write("seq/first.vm",
                "Subject:   Hello $contact.first_name   \r\n\r\n\r\nHi $contact.first_name,  \r\nBye.\r\n\r\n\r\n").engine();

        RenderedMessage message = engine.render("seq/first", aFullModel());

        assertThat(message.subject()).isEqualTo("Hello Maria");
        assertThat(message.text()).isEqualTo("Hi Maria,  \nBye.\n");
        assertThat(message.html()).isNull();
    }

    @Test
    void theHtmlBodyEscapesInsertedValues() {
        TemplateEngine engine = files()
                .write("seq/first.vm", "Subject: Hello\n\nHi $contact.first_name,\n")
                .write("seq/first.html.vm", "<p>Hi $contact.first_name of $contact.company,</p>\n")
                .engine();

        RenderedMessage message = engine.render("seq/first",
                aModelWithContact("company", "Smith & Sons <script>"));

        assertThat(message.html()).isEqualTo("<p>Hi Maria of Smith &amp; Sons &lt;script&gt;,</p>\n");
        assertThat(message.text()).isEqualTo("Hi Maria,\n");
    }

    @Test
    void aSubjectThatRendersBlankIsRefused() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: $!contact.nickname

                Hi $contact.first_name,
                """).engine();

        assertThatThrownBy(() -> engine.render("seq/first", aFullModel()))
                .hasMessage("templates/seq/first.vm:1: the subject renders blank");
    }

    @Test
    void aTemplateWithoutSubjectCannotBeRendered() {
        TemplateEngine engine = files().write("seq/first.vm", "Hi $contact.first_name,\n").engine();

        assertThatThrownBy(() -> engine.render("seq/first", aFullModel()))
                .hasMessage("templates/seq/first.vm:1: missing \"Subject:\" header: the lines before the first blank line are headers");
    }

    @Test
    void anUnknownTemplateNameFails() {
        TemplateEngine engine = files().write("seq/first.vm", "Subject: Hi\n\nHi.\n").engine();

        assertThat(engine.names()).isEqualTo(Set.of("seq/first"));
        assertThat(engine.exists("seq/first")).isTrue();
        assertThat(engine.exists("seq/second")).isFalse();
        assertThatThrownBy(() -> engine.render("seq/second", aFullModel()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("templates/seq/second.vm: no template named \"seq/second\"");
    }

    @Test
    void renderingDoesNotModifyTheCallersModel() {
        TemplateEngine engine = files().write("seq/first.vm", """
                Subject: Hello

                #set($greeting = "Hi")
                $greeting $contact.first_name,
                """).engine();
        Map<String, Object> model = aModelWithContact("company", " ");
        Map<String, Object> before = new HashMap<>(model);

        assertThat(engine.render("seq/first", model).text()).isEqualTo("Hi Maria,\n");
        assertThat(model).isEqualTo(before).doesNotContainKey("greeting");
        assertThat(model.get("contact")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("company", " ");
    }

    @Test
    void macrosDefinedInATemplateWorkAndStayLocalToIt() {
        TemplateEngine engine = files()
                .write("seq/first.vm", "Subject: Hello\n\n#macro(greet $who)Dear $who#end\n#greet($contact.first_name),\n")
                .write("seq/second.vm", "Subject: Hello\n\n#greet($contact.first_name),\n")
                .engine();

        assertThat(engine.render("seq/first", aFullModel()).text()).isEqualTo("Dear Maria,\n");
        assertThatThrownBy(() -> engine.render("seq/second", aFullModel()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("templates/seq/second.vm:3:1: unknown macro #greet");
    }
}
