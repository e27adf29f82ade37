package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageMatcherTest {

    @ParameterizedTest
    @ValueSource(strings = {"Re: Great meeting you", "RE: Great meeting you", "AW: Great meeting you",
            "SV: Great meeting you", "Antw: Great meeting you", "Re[2]: Great meeting you",
            "Fwd: Re: Great meeting you", "re:re:  Great   meeting you ", "WG: Great meeting you",
            "Great meeting you"})
    void replyAndForwardPrefixesInManyLanguagesAreIgnored(String subject) {
        assertThat(MessageMatcher.normalizeSubject(subject)).isEqualTo("great meeting you");
    }
}
