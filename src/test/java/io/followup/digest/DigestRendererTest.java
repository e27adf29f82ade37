package io.followup.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.config.OwnerConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering without a database: escaping, formats, the median and an empty week. */
class DigestRendererTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");

    private static WeekOutcomes week(IsoWeek week, OutcomeCounts total, List<OutcomeGroup> steps) {
        return new WeekOutcomes(week, ZONE, week.start(ZONE), week.end(ZONE), total, List.of(), steps, List.of(),
                List.of(0, 0, 0, 0, 0, 0, 0));
    }

    private static NeedsYou.Items needs(NeedsYou.Item... tasks) {
        return new NeedsYou.Items(List.of(), List.of(tasks), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void everyValueInTheHtmlIsEscaped() {
        OwnerConfig owner = new OwnerConfig("<script>alert(1)</script>", "owner@example.org", ZONE);
        NeedsYou.Item hostile = new NeedsYou.Item(1, "Eve <eve@example.org>", "call: \"<img src=x onerror=alert(2)>\"",
                Instant.parse("2026-11-18T09:00:00Z"));
        OutcomeGroup step = new OutcomeGroup("<b>seq</b>", 1, null, OutcomeCounts.NONE);
        Digest digest = new Digest(owner, week(WEEK, OutcomeCounts.NONE, List.of(step)),
                week(WEEK.previous(), OutcomeCounts.NONE, List.of()), needs(hostile), Instant.parse("2026-11-23T08:00:00Z"),
                "https://followup.example.com");

        String html = new DigestRenderer(new DigestChart()).render(digest).html();

        assertThat(html).doesNotContain("<script>", "<img src=x", "<b>seq</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Eve &lt;eve@example.org&gt;",
                        "call: &quot;&lt;img src=x onerror=alert(2)&gt;&quot;", "&lt;b&gt;seq&lt;/b&gt; step 1",
                        "href=\"https://followup.example.com/queue\"");
    }

    @Test
    void aQuietWeekSaysSoAndShowsDashesForRatesAndMedians() {
        Digest digest = new Digest(new OwnerConfig("Olivia Owner", "owner@example.org", ZONE),
                week(WEEK, OutcomeCounts.NONE, List.of()), week(WEEK.previous(), OutcomeCounts.NONE, List.of()),
                needs(), Instant.parse("2026-11-23T08:00:00Z"), null);

        DigestRenderer.Rendered rendered = new DigestRenderer(new DigestChart()).render(digest);

        assertThat(rendered.subject()).isEqualTo("Your follow-up week 2026-W47: 0 replies to 0 sent, nothing needs you");
        assertThat(rendered.text().lines()).contains("Hi Olivia,", "NOTHING NEEDS YOU this week.", "Sent: 0 (±0)",
                "Reply rate: – (–)", "Median time to first reply: – (–)");
        assertThat(rendered.html()).contains("Nothing needs you this week").doesNotContain("href=");
        assertThat(rendered.parts()).allSatisfy(part -> assertThat(part.bytes()).startsWith(0x89, 'P', 'N', 'G'));
    }

    @Test
    void aMailboxWhoseOAuth2GrantWasRevokedIsListedToReconnectInTextAndHtml() {
        NeedsYou.Item mailbox = new NeedsYou.Item(3, "main", "reconnect mailbox main: followup mailboxes connect main",
                Instant.parse("2026-11-20T10:00:00Z"));
        NeedsYou.Items needs = new NeedsYou.Items(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(mailbox));
        Digest digest = new Digest(new OwnerConfig("Olivia Owner", "owner@example.org", ZONE),
                week(WEEK, OutcomeCounts.NONE, List.of()), week(WEEK.previous(), OutcomeCounts.NONE, List.of()),
                needs, Instant.parse("2026-11-23T08:00:00Z"), null);

        DigestRenderer.Rendered rendered = new DigestRenderer(new DigestChart()).render(digest);

        assertThat(rendered.text()).containsIgnoringCase("Mailboxes to reconnect")
                .contains("reconnect mailbox main: followup mailboxes connect main")
                .doesNotContain("NOTHING NEEDS YOU");
        assertThat(rendered.html()).contains("Mailboxes to reconnect")
                .contains("reconnect mailbox main: followup mailboxes connect main");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Tally.median(List.of())).isNull();
        assertThat(Tally.median(List.of(Duration.ofHours(5), Duration.ofHours(1), Duration.ofHours(3))))
                .isEqualTo(Duration.ofHours(3));
        assertThat(Tally.median(List.of(Duration.ofHours(9), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofMinutes(1)))).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void durationsAndChangesAreWrittenShortly() {
        assertThat(Formats.duration(Duration.ofMinutes(99 * 60 + 30))).isEqualTo("4d 3h");
        assertThat(Formats.duration(Duration.ofMinutes(200))).isEqualTo("3h 20m");
        assertThat(Formats.duration(Duration.ofSeconds(30))).isEqualTo("<1m");
        assertThat(Formats.delta(-2)).isEqualTo("−2");
        assertThat(Formats.deltaPoints(30, 17)).isEqualTo("+13 pts");
        assertThat(Formats.deltaPoints(30, null)).isEqualTo("–");
        assertThat(Formats.deltaDuration(Duration.ofHours(2), Duration.ofHours(26))).isEqualTo("−1d 0h");
        assertThat(new OutcomeCounts(3, 1, 1, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).replyRatePercent()).isEqualTo(33);
        assertThat(new OutcomeCounts(8, 1, 5, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).replyRatePercent()).isEqualTo(63);
    }
}
