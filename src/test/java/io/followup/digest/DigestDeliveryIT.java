package io.followup.digest;

import static io.followup.digest.DigestFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.contact.ContactSpec;
import io.followup.store.Database;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The digest goes out once per owner and week: when the owner's Monday 08:00 has passed (by the injected clock),
 * as multipart/related with text, HTML and the charts; never again after a restart, and only once when two
 * daemons on one database try at the same moment.
 */
class DigestDeliveryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Map<String, String> FIELDS = Map.of("met_at", "the Oslo meetup");

    private TestDaemon followup;

    private List<MimeMessage> digestsTo(String owner) {
        return followup.mail().receivedBy(owner).stream().filter(message -> {
            try {
                return message.getSubject().startsWith("Your follow-up week ");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Takes {@code given} as this test's daemon, its clock on Thursday 19 November 2026, 09:00 London. */
    private MutableClock thursdayBefore(TestDaemon given) {
        followup = given;
        MutableClock clock = followup.clock();
        clock.set(at(19, 9, 0));
        return clock;
    }

    private static int count(Daemon daemon, String sql) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    @DaemonTest
    void theDigestIsSentOncePerOwnerAndWeekAcrossARestart(TestDaemon given) throws Exception {
        MutableClock clock = thursdayBefore(given);
        AppConfig config = followup.config();

        try (Daemon first = Daemon.open(config, followup.sequences(), clock)) {
            first.start();
            first.enrollments().enroll(ContactSpec.of("bob@example.org", "Bob Berg").withFields(FIELDS), "intro",
                    "test");
            await().atMost(PATIENCE).until(() -> followup.mail().receivedBy("bob@example.org").size() == 1);
            // the send is stamped sent (at the clock's time, the 19th) after the server took the message
            await().atMost(PATIENCE).until(() -> count(first,
                    "SELECT COUNT(*) FROM outbound_message WHERE state = 'sent' AND kind = 'step'") == 1);

            clock.set(at(23, 7, 59));
            assertThat(first.digests().sendDue()).isZero();
            assertThat(count(first, "SELECT COUNT(*) FROM digest_run")).isZero();

            clock.set(at(23, 8, 1));
            await().atMost(PATIENCE).until(() -> digestsTo(TestMail.OWNER).size() == 1);
        }

        MimeMessage digest = digestsTo(TestMail.OWNER).get(0);
        assertThat(digest.getSubject()).isEqualTo("Your follow-up week 2026-W47: 0 replies to 1 sent, nothing needs you");
        assertThat(digest.getContentType()).startsWith("multipart/related");
        MimeMultipart related = (MimeMultipart) digest.getContent();
        MimeMultipart alternative = (MimeMultipart) related.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = (String) alternative.getBodyPart(1).getContent();
        List<String> contentIds = new ArrayList<>();
        for (int index = 1; index < related.getCount(); index++) {
            BodyPart part = related.getBodyPart(index);
            assertThat(part.getContentType()).startsWith("image/png");
            contentIds.add(((MimeBodyPart) part).getContentID());
            byte[] png = ((MimeBodyPart) part).getInputStream().readAllBytes();
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        assertThat(contentIds).containsExactly("<" + DigestRenderer.REPLIES_CHART + ">",
                "<" + DigestRenderer.RATE_CHART + ">");
        assertThat(html).contains("cid:" + DigestRenderer.REPLIES_CHART, "cid:" + DigestRenderer.RATE_CHART);
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Sent: 1 (+1)");

        clock.set(at(23, 9, 0));
        try (Daemon second = Daemon.open(config, followup.sequences(), clock)) {
            second.start();
            second.enrollments().enroll(ContactSpec.of("cy@example.org", "Cy Cole").withFields(FIELDS), "intro",
                    "test");
            await().atMost(PATIENCE).until(() -> followup.mail().receivedBy("cy@example.org").size() == 1);
            assertThat(second.digests().sendDue()).isZero();
            assertThat(second.digests().send(second.digests().owner(null), IsoWeek.parse("2026-W47"))).isFalse();

            assertThat(digestsTo(TestMail.OWNER)).hasSize(1);
            assertThat(count(second, "SELECT COUNT(*) FROM digest_run")).isEqualTo(1);
            assertThat(count(second, "SELECT COUNT(*) FROM outbound_message WHERE kind = 'digest'")).isEqualTo(1);
            assertThat(count(second, "SELECT COUNT(*) FROM event_log WHERE event = 'digest_sent'")).isEqualTo(1);
            assertThat(second.digests().latestHtml(TestMail.OWNER.toUpperCase())).hasValueSatisfying(latest ->
                    assertThat(latest).contains("data:image/png;base64,").doesNotContain("cid:"));
        }
    }

    @DaemonTest
    void twoDaemonsOnOneDatabaseQueueOneDigest(TestDaemon given) throws Exception {
        MutableClock clock = thursdayBefore(given);
        AppConfig config = followup.config();
        try (Database database = followup.database().open();
             Daemon one = Daemon.open(config, followup.sequences(), clock, database);
             Daemon other = Daemon.open(config, followup.sequences(), clock, database)) {
            one.enrollments().enroll(ContactSpec.of("bob@example.org", "Bob Berg").withFields(FIELDS), "intro",
                    "test");
            assertThat(one.digests().latestHtml(TestMail.OWNER)).isEmpty();
            clock.set(at(23, 8, 30));
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> byOne = CompletableFuture.supplyAsync(() -> sendWhenGo(go, one));
            CompletableFuture<Integer> byOther = CompletableFuture.supplyAsync(() -> sendWhenGo(go, other));
            go.countDown();

            assertThat(byOne.get() + byOther.get()).isEqualTo(1);
            assertThat(count(one, "SELECT COUNT(*) FROM digest_run WHERE week = '2026-W47'")).isEqualTo(1);
            assertThat(count(one, "SELECT COUNT(*) FROM outbound_message WHERE kind = 'digest' AND state = 'queued' "
                    + "AND idempotency_key = 'digest:" + TestMail.OWNER + ":2026-W47'")).isEqualTo(1);
            assertThat(one.digests().sendDue() + other.digests().sendDue()).isZero();
        }
    }

    private static int sendWhenGo(CountDownLatch go, Daemon daemon) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return daemon.digests().sendDue();
    }
}
