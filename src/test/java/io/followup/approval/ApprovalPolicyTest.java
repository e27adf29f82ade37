package io.followup.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.config.ApprovalConfig;
import io.followup.contact.Contact;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

    private static final StepDefinition PLAIN_STEP = new StepDefinition(1, "intro/first", Wait.NONE, false);
    private static final StepDefinition APPROVAL_STEP = new StepDefinition(2, "intro/second", Wait.NONE, false, true);

    private static SequenceDefinition sequence(boolean approval) {
        return new SequenceDefinition("intro", "", "main", List.of(PLAIN_STEP, APPROVAL_STEP), Wait.NONE, approval);
    }

    private static Contact contactOfTier(int tier) {
        return new Contact(1, "a@example.org", "A", "A", null, null, tier, null, null, List.of(), Map.of(), null);
    }

    @Test
    void nothingNeedsApprovalWhenNoRuleSaysSo() {
        assertThat(ApprovalPolicy.NONE.reason(sequence(false), PLAIN_STEP, contactOfTier(1))).isEmpty();
    }

    @Test
    void aStepMarkedForApprovalNeedsItWhateverTheContact() {
        assertThat(ApprovalPolicy.NONE.reason(sequence(false), APPROVAL_STEP, contactOfTier(5)))
                .contains("step 2 of intro requires approval");
    }

    @Test
    void aSequenceMarkedForApprovalNeedsItForEveryStep() {
        assertThat(ApprovalPolicy.NONE.reason(sequence(true), PLAIN_STEP, contactOfTier(5)))
                .contains("sequence intro requires approval");
    }

    @Test
    void contactsOfAConfiguredTierNeedApprovalAndOthersDoNot() {
        ApprovalPolicy policy = new ApprovalPolicy(new ApprovalConfig(Set.of(1, 2)));
        assertThat(policy.reason(sequence(false), PLAIN_STEP, contactOfTier(2)))
                .contains("tier 2 contacts require approval");
        assertThat(policy.reason(sequence(false), PLAIN_STEP, contactOfTier(3))).isEmpty();
    }
}
