package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactWordsTest {

    @Test
    void aSearchIsSplitIntoLowerCaseWordsAtAnythingButLettersAndDigits() {
        assertThat(ContactWords.terms("  Jane.DOE@acme.com, Müller_2 jane ")).containsExactly("jane", "doe", "acme",
                "com", "müller", "2");
        assertThat(ContactWords.terms("@ -- %_")).isEmpty();
        assertThat(ContactWords.terms("x".repeat(150))).containsExactly("x".repeat(ContactWords.WORD_MAX));
    }
}
