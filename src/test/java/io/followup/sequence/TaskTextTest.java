package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.template.TemplateEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskTextTest {

    @TempDir
    Path templates;

    private TaskText taskText() {
        return new TaskText(new TemplateEngine(templates));
    }

    @Test
    void referencesToTheModelAreRenderedOnOneLine() {
        assertThat(taskText().render("test", "Call $contact.first_name\n about ${contact.company}",
                Map.of("contact", Map.of("first_name", "Maya", "company", "Acme"))))
                .isEqualTo("Call Maya about Acme");
    }

    @Test
    void aMissingValueKeepsTheTextAsWrittenInsteadOfLosingTheTask() {
        assertThat(taskText().render("test", "Call $contact.first_name",
                Map.of("contact", Map.of("email", "m@example.com"))))
                .isEqualTo("Call $contact.first_name");
    }

    @Test
    void aSyntaxErrorKeepsTheTextAsWritten() {
        assertThat(taskText().render("test", "Write #if( a note", Map.of())).isEqualTo("Write #if( a note");
    }

    @Test
    void aBlankValueIsRefusedLikeInTemplatesSoTheTextIsKeptAsWritten() {
        assertThat(taskText().render("test", "Call $contact.first_name",
                Map.of("contact", Map.of("first_name", "  ")))).isEqualTo("Call $contact.first_name");
    }

    @Test
    void aTaskTextGoesThroughTheTemplateSandbox() {
        Path marker = templates.resolve("marker");
        String escape = "Call $contact.first_name.getClass().forName('java.lang.Runtime').getRuntime()"
                + ".exec('touch " + marker + "')";
        Map<String, Object> model = Map.of("contact", Map.of("first_name", "Maya",
                "met_at", "$contact.first_name.getClass().forName('java.lang.Runtime')"));

        assertThat(taskText().render("test", escape, model)).isEqualTo(escape);
        assertThat(taskText().render("test", "Ask about #evaluate($contact.met_at)", model))
                .isEqualTo("Ask about #evaluate($contact.met_at)");
        assertThat(java.nio.file.Files.exists(marker)).isFalse();
    }
}
