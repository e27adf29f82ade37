package io.followup.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskTextTest {

    private final TaskText taskText = new TaskText();

    @Test
    void referencesToTheModelAreRenderedOnOneLine() {
        assertThat(taskText.render("Call $contact.first_name\n about ${contact.company}",
                Map.of("contact", Map.of("first_name", "Maya", "company", "Acme"))))
                .isEqualTo("Call Maya about Acme");
    }

    @Test
    void aMissingValueKeepsTheTextAsWrittenInsteadOfLosingTheTask() {
        assertThat(taskText.render("Call $contact.first_name", Map.of("contact", Map.of("email", "m@example.com"))))
                .isEqualTo("Call $contact.first_name");
    }

    @Test
    void aSyntaxErrorKeepsTheTextAsWritten() {
        assertThat(taskText.render("Write #if( a note", Map.of())).isEqualTo("Write #if( a note");
    }
}
