package io.followup.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ApprovalConfig;
import io.followup.config.CapsConfig;
import io.followup.config.MailboxConfig;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Approval rules and the decisions on drafts, against a real database and GreenMail. The test runs the chores
 * itself ({@code dispatchDue}, {@code sendDue}) and moves the clock.
 */
class ApprovalIT {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";

    private TestDaemon followup;
    private Daemon daemon;
    private MutableClock clock;

    @DaemonTest
    void aTierOneContactWaitsForApprovalWhileOthersGoOutAtOnce(TestDaemon given) throws Exception {
        open(given, Set.of(1), false, false, CapsConfig.UNLIMITED);
        Enrollment alice = enroll(ALICE, "Alice Adams", 1);
        enroll(BOB, "Bob Brown", 3);

        runChores();

        assertThat(followup.mail().receivedBy(BOB)).hasSize(1);
        assertThat(followup.mail().receivedBy(ALICE)).isEmpty();
        OutboundMessage draft = onlyDraft(alice);
        assertThat(draft.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(queue().list(Set.of(OutboundState.PENDING_APPROVAL), 10)).extracting(DraftSummary::toAddress)
                .containsExactly(ALICE);
        clock.advance(Duration.ofDays(5));
        runChores();
        assertThat(followup.mail().receivedBy(ALICE)).as("nothing goes out without approval").isEmpty();

        Decision decision = queue().approve(draft.id(), "olivia");
        runChores();

        assertThat(decision.kind()).isEqualTo("approve");
        assertThat(followup.mail().receivedBy(ALICE)).hasSize(1);
        assertThat(followup.mail().receivedBy(ALICE).get(0).getMessageID()).isEqualTo(draft.messageId());
        assertThat(enrollment(alice).nextStep()).isEqualTo(2);
        assertThat(queue().decisions(draft.id())).extracting(Decision::kind, Decision::decidedBy,
                Decision::oldState, Decision::newState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("approve", "olivia",
                        OutboundState.PENDING_APPROVAL, OutboundState.QUEUED));
        assertThat(events(alice)).containsSubsequence("pending_approval", "approved", "sent");
    }

    @DaemonTest
    void aStepThatRequiresApprovalWaitsWhileTheEarlierStepWentOutAlone(TestDaemon given) {
        open(given, Set.of(), false, true, CapsConfig.UNLIMITED);
        Enrollment alice = enroll(ALICE, "Alice Adams", 3);

        runChores();
        assertThat(followup.mail().receivedBy(ALICE)).hasSize(1);
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        runChores();

        assertThat(followup.mail().receivedBy(ALICE)).hasSize(1);
        List<OutboundMessage> drafts = drafts(alice);
        assertThat(drafts).extracting(OutboundMessage::state)
                .containsExactly(OutboundState.SENT, OutboundState.PENDING_APPROVAL);
        assertThat(drafts.get(1).subject()).isEqualTo("Re: Great to meet you, Alice");
        assertThat(enrollment(alice).state()).isEqualTo(EnrollmentState.ACTIVE);
    }

    @DaemonTest
    void rejectingADraftStopsTheEnrollmentAndSendsNothing(TestDaemon given) {
        open(given, Set.of(), true, false, CapsConfig.UNLIMITED);
        Enrollment alice = enroll(ALICE, "Alice Adams", 3);
        runChores();
        OutboundMessage draft = onlyDraft(alice);

        queue().reject(draft.id(), "not the right moment", "olivia");
        clock.advance(Duration.ofDays(10));
        runChores();

        assertThat(followup.mail().greenMail().getReceivedMessages()).isEmpty();
        assertThat(onlyDraft(alice).state()).isEqualTo(OutboundState.REJECTED);
        Enrollment stopped = enrollment(alice);
        assertThat(stopped.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("draft rejected");
        assertThat(queue().decisions(draft.id())).singleElement()
                .satisfies(decision -> assertThat(decision.reason()).isEqualTo("not the right moment"));
        assertThat(events(alice)).containsSubsequence("pending_approval", "rejected", "stopped");
        assertThatThrownBy(() -> queue().approve(draft.id(), "olivia")).isInstanceOf(ApprovalException.class)
                .hasMessage("draft #" + draft.id() + " is rejected; only held or pending_approval drafts can be"
                        + " approved");
    }

    @DaemonTest
    void anEditChangesTheDraftOnlyAndIsRecordedWithOldAndNewValues(TestDaemon given) throws Exception {
        open(given, Set.of(), true, false, CapsConfig.UNLIMITED);
        Path template = followup.base().resolve("templates/intro/first.vm");
        String templateBefore = Files.readString(template);
        Enrollment alice = enroll(ALICE, "Alice Adams", 3);
        runChores();
        OutboundMessage draft = onlyDraft(alice);

        Decision edit = queue().edit(draft.id(), new DraftEdit("Lovely to meet you", "Hi Alice,\n\nmy own words.\n",
                null), "olivia");
        queue().approve(draft.id(), "olivia");
        runChores();

        assertThat(edit.changes()).isEqualTo("subject, text");
        assertThat(edit.oldSubject()).isEqualTo("Great to meet you, Alice");
        assertThat(edit.newSubject()).isEqualTo("Lovely to meet you");
        assertThat(edit.oldText()).contains("the Lisbon meetup");
        assertThat(edit.newText()).isEqualTo("Hi Alice,\n\nmy own words.\n");
        MimeMessage sent = followup.mail().receivedBy(ALICE).get(0);
        assertThat(sent.getSubject()).isEqualTo("Lovely to meet you");
        assertThat(String.valueOf(sent.getContent())).contains("my own words.").doesNotContain("Lisbon");
        assertThat(Files.readString(template)).isEqualTo(templateBefore);
        assertThat(queue().decisions(draft.id())).extracting(Decision::kind).containsExactly("edit", "approve");
        assertThat(events(alice)).containsSubsequence("pending_approval", "draft_edited", "approved", "sent");

        Enrollment bob = enroll(BOB, "Bob Brown", 3);
        runChores();
        assertThat(onlyDraft(bob).subject()).as("the template is untouched").isEqualTo("Great to meet you, Bob");
    }

    @DaemonTest
    void aHeldDraftFixedWithAnEditCanBeApprovedAndTheSequenceGoesOn(TestDaemon given) {
        open(given, Set.of(), false, false, CapsConfig.UNLIMITED);
        Enrollment carol = daemon.enrollments().enroll(ContactSpec.of("carol@example.org", "Carol Chen"),
                TestConfigs.SEQUENCE, "test");
        runChores();
        OutboundMessage held = onlyDraft(carol);
        assertThat(held.state()).isEqualTo(OutboundState.HELD);
        assertThat(queue().list(Set.of(OutboundState.HELD), 10)).singleElement()
                .satisfies(summary -> assertThat(summary.note()).contains("met_at"));
        assertThatThrownBy(() -> queue().approve(held.id(), "olivia")).isInstanceOf(ApprovalException.class)
                .hasMessageStartingWith("draft #" + held.id() + " is held (")
                .hasMessageEndingWith("give it a subject and a text with 'drafts edit' before approving it");

        queue().edit(held.id(), new DraftEdit("Great to meet you, Carol", "Hi Carol,\n\nthanks for the chat.\n",
                null), "olivia");
        queue().approve(held.id(), "olivia");
        assertThat(enrollment(carol).state()).isEqualTo(EnrollmentState.ACTIVE);
        runChores();

        assertThat(followup.mail().receivedBy("carol@example.org")).hasSize(1);
        assertThat(enrollment(carol).nextStep()).isEqualTo(2);
        assertThat(events(carol)).containsSubsequence("draft_held", "draft_edited", "approved", "sent");
    }

    @DaemonTest
    void anInDoubtMessageSentAgainKeepsItsMessageId(TestDaemon given) throws Exception {
        open(given, Set.of(), false, false, CapsConfig.UNLIMITED);
        Enrollment alice = enroll(ALICE, "Alice Adams", 3);
        daemon.dispatcher().dispatchDue(10);
        OutboundMessage message = onlyDraft(alice);
        markInDoubt(message.id());
        assertThat(queue().list(Set.of(OutboundState.IN_DOUBT), 10)).extracting(DraftSummary::id)
                .containsExactly(message.id());

        queue().resolveResend(message.id(), "olivia");
        runChores();

        assertThat(followup.mail().receivedBy(ALICE)).singleElement()
                .satisfies(sent -> assertThat(sent.getMessageID()).isEqualTo(message.messageId()));
        assertThat(onlyDraft(alice).state()).isEqualTo(OutboundState.SENT);
        assertThat(events(alice)).containsSubsequence("resolved_resend", "sent");
    }

    @DaemonTest
    void anInDoubtMessageConfirmedSentMovesTheSequenceOnWithoutSending(TestDaemon given) {
        open(given, Set.of(), false, false, CapsConfig.UNLIMITED);
        Enrollment alice = enroll(ALICE, "Alice Adams", 3);
        daemon.dispatcher().dispatchDue(10);
        OutboundMessage message = onlyDraft(alice);
        markInDoubt(message.id());

        queue().resolveSent(message.id(), "olivia");
        runChores();

        assertThat(followup.mail().greenMail().getReceivedMessages()).isEmpty();
        assertThat(onlyDraft(alice).state()).isEqualTo(OutboundState.SENT);
        Enrollment movedOn = enrollment(alice);
        assertThat(movedOn.nextStep()).isEqualTo(2);
        assertThat(movedOn.threadRefs()).isEqualTo(message.messageId());
        assertThat(queue().decisions(message.id())).extracting(Decision::kind).containsExactly("resolve_sent");
        assertThatThrownBy(() -> queue().resolveResend(message.id(), "olivia"))
                .isInstanceOf(ApprovalException.class)
                .hasMessage("draft #" + message.id() + " is sent; only in_doubt drafts can be resolved");
    }

    @DaemonTest
    void approvedDraftsStillRespectTheCapsAndGoByTier(TestDaemon given) {
        open(given, Set.of(1, 2, 3), false, false, new CapsConfig(100, 2, Duration.ZERO, Duration.ZERO));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Enrollment enrollment = enroll("c" + i + "@example.org", "Contact " + i, 3 - i % 3);
            runChores();
            ids.add(onlyDraft(enrollment).id());
        }
        assertThat(queue().list(Set.of(OutboundState.PENDING_APPROVAL), 10)).extracting(DraftSummary::tier)
                .containsExactly(1, 2, 3, 3);

        ids.forEach(id -> queue().approve(id, "olivia"));
        runChores();

        assertThat(followup.mail().greenMail().getReceivedMessages()).hasSize(2);
        assertThat(followup.mail().receivedBy("c2@example.org")).as("tier 1 first").hasSize(1);
        assertThat(followup.mail().receivedBy("c1@example.org")).as("then tier 2").hasSize(1);
        clock.advance(Duration.ofMinutes(61));
        runChores();
        assertThat(followup.mail().greenMail().getReceivedMessages()).hasSize(4);
    }

    private void open(TestDaemon given, Set<Integer> tiers, boolean sequenceApproval, boolean stepTwoApproval,
                      CapsConfig caps) {
        followup = given;
        clock = given.clock();
        AppConfig config = given.config();
        MailboxConfig mailbox = config.mailboxes().get(0);
        MailboxConfig capped = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), mailbox.imap(), caps);
        SequenceDefinition intro = given.sequences().get(0);
        List<StepDefinition> steps = intro.steps().stream().map(step -> new StepDefinition(step.number(),
                step.template(), step.delay(), step.newThread(), stepTwoApproval && step.number() == 2)).toList();
        SequenceDefinition sequence = new SequenceDefinition(intro.name(), intro.description(), intro.mailbox(),
                steps, intro.afterLastStep(), sequenceApproval);
        daemon = given.open(config.withMailboxes(List.of(capped)).withApproval(new ApprovalConfig(tiers)),
                List.of(sequence));
    }

    private Enrollment enroll(String email, String name, int tier) {
        return daemon.enrollments().enroll(new ContactSpec(email, name, null, null, null, tier, null, null, List.of(),
                Map.of("met_at", "the Lisbon meetup"), null), TestConfigs.SEQUENCE, "test");
    }

    private void runChores() {
        daemon.dispatcher().dispatchDue(100);
        daemon.sender().sendDue(100);
    }

    private DraftQueue queue() {
        return daemon.drafts();
    }

    private List<OutboundMessage> drafts(Enrollment enrollment) {
        return daemon.database().jdbi().withHandle(handle -> new OutboxStore().ofEnrollment(handle, enrollment.id()));
    }

    private OutboundMessage onlyDraft(Enrollment enrollment) {
        List<OutboundMessage> drafts = drafts(enrollment);
        assertThat(drafts).hasSize(1);
        return drafts.get(0);
    }

    private Enrollment enrollment(Enrollment enrollment) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, enrollment.id()));
    }

    /** What a crash during the SMTP transaction leaves behind, after recovery. */
    private void markInDoubt(long outboundId) {
        daemon.database().jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE outbound_message SET state = 'in_doubt', claimed_by = 'test-node', sending_at = :now,
                               send_attempts = 1 WHERE id = :id AND state = 'queued'""")
                .bind("id", outboundId).bind("now", clock.instant()).execute());
    }

    private List<String> events(Enrollment enrollment) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT event FROM event_log WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollment.id()).mapTo(String.class).list());
    }
}
