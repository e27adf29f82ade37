package io.followup.response;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerNoticeWordingTest {

    @Test
    void aPhraseStartingWithAVowelTakesAn() {
        assertThat(OwnerNotices.withArticle("interested")).isEqualTo("An interested");
        assertThat(OwnerNotices.withArticle("out of office")).isEqualTo("An out of office");
    }

    @Test
    void aPhraseStartingWithAConsonantTakesA() {
        assertThat(OwnerNotices.withArticle("not interested")).isEqualTo("A not interested");
        assertThat(OwnerNotices.withArticle("referral")).isEqualTo("A referral");
    }
}
