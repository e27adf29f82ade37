package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThreadingTest {

    @Test
    void aFollowUpSubjectGetsOneReplyPrefix() {
        assertThat(StepDispatcher.replySubject("Great meeting you")).isEqualTo("Re: Great meeting you");
        assertThat(StepDispatcher.replySubject("Re: Great meeting you")).isEqualTo("Re: Great meeting you");
    }

    @Test
    void longReferenceChainsKeepTheFirstAndTheMostRecentIds() {
        String ids = IntStream.rangeClosed(1, 14).mapToObj(i -> "<" + i + "@x>").collect(Collectors.joining(" "));
        String trimmed = SequenceProgress.trim(ids);
        assertThat(trimmed.split(" ")).hasSize(10).startsWith("<1@x>").endsWith("<14@x>");
        assertThat(trimmed).doesNotContain("<2@x>", "<5@x>").contains("<6@x>");
        assertThat(SequenceProgress.trim(" <1@x>  <2@x> ")).isEqualTo("<1@x> <2@x>");
    }
}
