package io.followup.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.app.Daemon;
import io.followup.config.ApprovalConfig;
import io.followup.config.WebConfig;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Snoozing drafts and the hourly "drafts wait for approval" notice, with a moved clock and a real database. */
class ApprovalNoticeAndSnoozeIT {

    private static final Instant START = TestDaemon.START.plus(Duration.ofMinutes(10));

    @DaemonTest
    void anOwnerGetsOneNoticeAnHourWhileDraftsWait(TestDaemon followup) {
        Daemon daemon = open(followup);
        assertThat(daemon.approvalNotices().notifyOwners()).as("nothing waits yet").isZero();
        draftFor(daemon, "alice@example.org");
        draftFor(daemon, "bob@example.org");

        assertThat(daemon.approvalNotices().notifyOwners()).isEqualTo(1);
        assertThat(daemon.approvalNotices().notifyOwners()).as("the same minute").isZero();
        followup.clock().advance(Duration.ofMinutes(59));
        assertThat(daemon.approvalNotices().notifyOwners()).as("59 minutes later").isZero();

        List<OutboundMessage> notices = notices(daemon);
        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.toAddress()).isEqualTo(TestMail.OWNER);
            assertThat(notice.state()).isEqualTo(OutboundState.QUEUED);
            assertThat(notice.subject()).isEqualTo("2 drafts wait for your approval");
            assertThat(notice.bodyText()).contains("https://followup.example.com/queue");
        });

        followup.clock().advance(Duration.ofMinutes(2));
        assertThat(daemon.approvalNotices().notifyOwners()).as("over an hour later, drafts still wait")
                .isEqualTo(1);
        assertThat(notices(daemon)).hasSize(2);
    }

    @DaemonTest
    void aSnoozedDraftLeavesTheQueueAndTheNoticesUntilItsTime(TestDaemon followup) {
        Daemon daemon = open(followup);
        OutboundMessage draft = draftFor(daemon, "alice@example.org");

        Decision decision = daemon.drafts().snooze(draft.id(), START.plus(Duration.ofHours(3)), "ada");

        assertThat(decision.kind()).isEqualTo("snooze");
        assertThat(decision.reason()).isEqualTo("until " + START.plus(Duration.ofHours(3)));
        assertThat(daemon.drafts().show(draft.id()).state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(daemon.drafts().list(DraftQueue.WAITING, 10)).singleElement()
                .satisfies(summary -> assertThat(summary.isSnoozedAt(followup.clock().instant())).isTrue());
        assertThat(daemon.approvalNotices().notifyOwners()).as("only a snoozed draft waits").isZero();

        followup.clock().advance(Duration.ofHours(3));
        assertThat(daemon.drafts().list(DraftQueue.WAITING, 10)).singleElement()
                .satisfies(summary -> assertThat(summary.isSnoozedAt(followup.clock().instant())).isFalse());
        assertThat(daemon.approvalNotices().notifyOwners()).isEqualTo(1);
        daemon.drafts().approve(draft.id(), "ada");
        assertThat(daemon.drafts().decisions(draft.id())).extracting(Decision::kind)
                .containsExactly("snooze", "approve");
    }

    @DaemonTest
    void onlyADraftWaitingForApprovalCanBeSnoozedAndOnlyIntoTheFuture(TestDaemon followup) {
        Daemon daemon = open(followup);
        OutboundMessage draft = draftFor(daemon, "alice@example.org");

        assertThatThrownBy(() -> daemon.drafts().snooze(draft.id(), START, "ada"))
                .isInstanceOf(ApprovalException.class).hasMessageContaining("in the future");
        daemon.drafts().approve(draft.id(), "ada");
        assertThatThrownBy(() -> daemon.drafts().snooze(draft.id(), START.plusSeconds(60), "ada"))
                .isInstanceOf(ApprovalException.class)
                .hasMessage("draft #" + draft.id() + " is queued; only pending_approval drafts can be snoozed");
    }

    @DaemonTest
    void aDatabaseFailureIsRecordedForTheOwnerNotTakenForANoticeAlreadySent(TestDaemon followup) {
        Daemon daemon = open(followup);
        draftFor(daemon, "alice@example.org");
        daemon.database().jdbi().useHandle(handle ->
                handle.execute("ALTER TABLE approval_notice RENAME TO approval_notice_gone"));

        assertThat(daemon.approvalNotices().notifyOwners()).isZero();

        List<String> failures = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = 'approval_notice_failed'").mapTo(String.class).list());
        assertThat(failures).singleElement().asString().contains(TestMail.OWNER);
    }

    /** The daemon at {@link #START} with tier 1 behind approval and a public URL for the notice's link. */
    private static Daemon open(TestDaemon followup) {
        followup.clock().advance(Duration.ofMinutes(10));
        return followup.configure(config -> config.withWeb(new WebConfig("127.0.0.1", 0, List.of(), null,
                "https://followup.example.com"), null).withApproval(new ApprovalConfig(Set.of(1)))).daemon();
    }

    private static OutboundMessage draftFor(Daemon daemon, String email) {
        Enrollment enrollment = daemon.enrollments().enroll(new ContactSpec(email, "Someone", null, null, null, 1,
                null, null, List.of(), Map.of("met_at", "the Lisbon meetup"), null), TestConfigs.SEQUENCE, "test");
        daemon.dispatcher().dispatchDue(100);
        OutboundMessage draft = daemon.database().jdbi().withHandle(handle -> new OutboxStore()
                .ofEnrollment(handle, enrollment.id())).get(0);
        assertThat(draft.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        return draft;
    }

    private static List<OutboundMessage> notices(Daemon daemon) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM outbound_message WHERE kind = :kind ORDER BY id")
                .bind("kind", OutboundKind.NOTICE.db()).mapTo(Long.class).list().stream()
                .map(id -> new OutboxStore().byId(handle, id)).toList());
    }
}
