package io.followup.digest;

import static io.followup.digest.DigestFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.util.List;

/**
 * Every number of the digest of a seeded week (2026-W47, see {@link DigestFixture}), worked out by hand:
 * <pre>
 * W47 steps sent: A1 B2 C1 D1 E1 F1 G1 H3 I1 J1 (J1 on Sunday 23:00)                         = 10
 * human replies received: A interested, B not interested (no match: attributed to B2), C referral, C neutral,
 *   K unsubscribe (to K1, sent the week before); J's reply came Monday 00:30 of the next week  = 5
 * steps of the week replied within the week: A1 B2 C1                                          = 3 -> 30%
 * first replies in the week: C 2h, A 6h, K 8d 1h, B 9d -> median (6h + 8d 1h) / 2              = 4d 3h 30m
 * auto-reply D; hard bounce E; soft bounce F; one-click unsubscribe G; complaint I; H escalated and completed
 * W46: sent B1 H2 K1 L1 L2 M1 (M1 Sunday 23:59) = 6; L replied interested to L1 after 1d  -> 1/6 = 17%
 * </pre>
 */
class DigestOutcomesIT {

    private static final IsoWeek W47 = IsoWeek.parse("2026-W47");

    private static Digest seededDigest(TestDaemon followup) {
        followup.clock().set(DigestFixture.AS_OF);
        Daemon daemon = followup.daemon();
        new DigestFixture(daemon.database().jdbi(), daemon.catalog().mailboxId("main"),
                daemon.catalog().sequenceId(TestConfigs.SEQUENCE).orElseThrow()).seed();
        return daemon.digests().build(daemon.digests().owner(null), W47);
    }

    private static final OutcomeCounts STEP_1 = new OutcomeCounts(8, 4, 2, Duration.ofHours(6), 1, 0, 1, 1, 1, 1,
            2, 1, 0, 0);
    private static final OutcomeCounts STEP_2 = new OutcomeCounts(1, 1, 1, Duration.ofDays(9), 0, 1, 0, 0, 0, 0,
            0, 0, 0, 0);
    private static final OutcomeCounts STEP_3 = new OutcomeCounts(1, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final OutcomeCounts WEEK = new OutcomeCounts(10, 5, 3, Duration.ofMinutes(99 * 60 + 30), 1, 1,
            1, 1, 1, 1, 2, 1, 1, 1);
    private static final OutcomeCounts WEEK_BEFORE = new OutcomeCounts(6, 1, 1, Duration.ofDays(1), 1, 0, 0, 0,
            0, 0, 0, 0, 0, 0);

    @DaemonTest
    void everyNumberOfASeededWeekIsExact(TestDaemon followup) {
        Digest digest = seededDigest(followup);

        assertThat(digest.current().from()).isEqualTo(at(16, 0, 0));
        assertThat(digest.current().to()).isEqualTo(at(23, 0, 0));
        assertThat(digest.current().total()).isEqualTo(WEEK);
        assertThat(digest.current().total().replyRatePercent()).isEqualTo(30);
        assertThat(digest.previous().week()).isEqualTo(IsoWeek.parse("2026-W46"));
        assertThat(digest.previous().total()).isEqualTo(WEEK_BEFORE);
        assertThat(digest.previous().total().replyRatePercent()).isEqualTo(17);
        assertThat(digest.current().bySequence()).containsExactly(new OutcomeGroup("intro", null, null, WEEK));
        assertThat(digest.current().byStep()).containsExactly(new OutcomeGroup("intro", 1, null, STEP_1),
                new OutcomeGroup("intro", 2, null, STEP_2), new OutcomeGroup("intro", 3, null, STEP_3));
        assertThat(digest.current().byTemplate()).containsExactly(
                new OutcomeGroup(null, null, "intro/first", STEP_1), new OutcomeGroup(null, null, "intro/second", STEP_2),
                new OutcomeGroup(null, null, "intro/third", STEP_3));
        assertThat(digest.current().repliesPerDay()).containsExactly(1, 1, 2, 0, 0, 1, 0);
    }

    @DaemonTest
    void whatNeedsTheOwnerIsListedOldestFirst(TestDaemon followup) {
        NeedsYou.Items needs = seededDigest(followup).needs();

        assertThat(needs.drafts()).extracting(NeedsYou.Item::who, NeedsYou.Item::what, NeedsYou.Item::since)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("oz@example.org", "Great to meet you, Oz", at(17, 11, 0)),
                        org.assertj.core.groups.Tuple.tuple("nia@example.org", "A thought after the summit",
                                at(19, 14, 0)));
        assertThat(needs.tasks()).extracting(NeedsYou.Item::who, NeedsYou.Item::what)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Hal Hill <hal@example.org>",
                        "call: call Hal Hill"));
        assertThat(needs.introductions()).extracting(NeedsYou.Item::who, NeedsYou.Item::what)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Pat Page <pat@example.org>",
                        "thank them for introducing Quinn Quest <quinn@example.org> and report back"));
        assertThat(needs.checkIns()).extracting(NeedsYou.Item::who, NeedsYou.Item::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Sam Shaw <sam@example.org>", at(21, 9, 0)));
        assertThat(needs.interested()).extracting(NeedsYou.Item::who, NeedsYou.Item::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ann Archer <ann@example.org>", at(16, 15, 0)),
                        org.assertj.core.groups.Tuple.tuple("Jo Jones <jo@example.org>", at(23, 0, 30)));
        assertThat(needs.total()).isEqualTo(7);
    }

    @DaemonTest
    void theTextDigestShowsEveryHeadlineNumberWithItsChangeAgainstThePreviousWeek(TestDaemon followup) {
        DigestRenderer.Rendered rendered = new DigestRenderer(new DigestChart()).render(seededDigest(followup));

        assertThat(rendered.subject()).isEqualTo("Your follow-up week 2026-W47: 5 replies to 10 sent, 7 things need you");
        List<String> lines = rendered.text().lines().toList();
        assertThat(lines).containsSubsequence(
                "Sent: 10 (+4)",
                "Human replies: 5 (+4)",
                "Reply rate: 30% (+13 pts)",
                "Median time to first reply: 4d 3h (+3d 3h)",
                "Interested: 1 (±0)",
                "Not interested: 1 (+1)",
                "Referrals: 1 (+1)",
                "Auto-replies: 1 (+1)",
                "Hard bounces: 1 (+1)",
                "Soft bounces: 1 (+1)",
                "Unsubscribes: 2 (+2)",
                "Complaints: 1 (+1)",
                "Escalations: 1 (+1)",
                "Completed without a response: 1 (+1)",
                "Replies per day: Mon 1  Tue 1  Wed 2  Thu 0  Fri 0  Sat 1  Sun 0");
        assertThat(lines).containsSubsequence(
                "BY STEP",
                "intro step 1: 8 sent · 4 replies · 25% reply rate · median 6h 0m",
                "  1 interested · 1 referral · 1 auto-reply · 1 hard bounce · 1 soft bounce · 2 unsubscribes · "
                        + "1 complaint",
                "intro step 2: 1 sent · 1 reply · 100% reply rate · median 9d 0h",
                "  1 not interested",
                "intro step 3: 1 sent · 0 replies · 0% reply rate · median –");
        assertThat(String.join("\n", lines)).containsPattern("Drafts waiting for your approval \\(2\\)\n"
                + "- #\\d+ oz@example.org: Great to meet you, Oz \\(waiting since Tue 17 Nov\\)\n"
                + "- #\\d+ nia@example.org: A thought after the summit \\(waiting since Thu 19 Nov\\)\n");
        assertThat(lines).containsSubsequence("Open tasks (1)", "- Hal Hill <hal@example.org>: call: call Hal Hill (due Thu 19 Nov)",
                "Interested replies not yet answered (2)",
                "- Ann Archer <ann@example.org>: replied interested: Re: Step (received Mon 16 Nov)",
                "- Jo Jones <jo@example.org>: replied interested: Re: Step (received Mon 23 Nov)",
                "Introductions owing a thank-you (1)",
                "Keep-in-touch check-ins overdue (1)",
                "- Sam Shaw <sam@example.org>: monthly check-in due (due since Sat 21 Nov)");
        assertThat(rendered.text()).contains("You sent 10 follow-ups and got 5 replies (30% reply rate); last week "
                + "6 sent, 1 reply.");
        assertThat(rendered.parts()).extracting(part -> part.contentId())
                .containsExactly(DigestRenderer.REPLIES_CHART, DigestRenderer.RATE_CHART);
        assertThat(rendered.html()).contains("cid:" + DigestRenderer.REPLIES_CHART, "cid:" + DigestRenderer.RATE_CHART,
                "Reply rate", "30%", "+13 pts", "4d 3h");
    }
}
