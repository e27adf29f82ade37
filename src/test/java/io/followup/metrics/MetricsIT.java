package io.followup.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.config.AppConfig;
import io.followup.config.CapsConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.MetricsConfig;
import io.followup.config.Secret;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.testing.PrometheusText;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code /metrics} of a running daemon, scraped over HTTP and parsed strictly as Prometheus text: refused without
 * the bearer token, and its figures move after a send and a reply; the scrape-time database figures (dispatch lag,
 * caps headroom) on the accelerated clock.
 */
class MetricsIT {

    private static final String TOKEN = "metrics-token-0123456789";
    private static final String ALICE = "alice@example.org";
    private static final java.util.Map<String, String> FIELDS = java.util.Map.of("met_at", "the Lisbon meetup");
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private TestDaemon followup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static List<SequenceDefinition> sequences(Wait first) {
        return List.of(new SequenceDefinition(TestConfigs.SEQUENCE, "two steps", "main",
                List.of(new StepDefinition(1, "intro/first", first, false),
                        new StepDefinition(2, "intro/second", new Wait(3, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS)));
    }

    /** The configuration with the mailbox capped at 5 sends an hour and 10 a day. */
    private static AppConfig capped(AppConfig config) {
        MailboxConfig plain = config.mailboxes().get(0);
        MailboxConfig capped = new MailboxConfig(plain.name(), plain.address(), plain.displayName(), plain.owner(),
                plain.timeZone(), plain.smtp(), plain.imap(), new CapsConfig(10, 5, Duration.ZERO, Duration.ZERO),
                plain.proof());
        return config.withMailboxes(List.of(capped));
    }

    private AppConfig withToken(AppConfig config) {
        return config.withOperations(new MetricsConfig(Secret.of(TOKEN)), null);
    }

    @DaemonTest
    void metricsNeedTheTokenAndMoveAfterASendAndAReply(TestDaemon testDaemon) throws Exception {
        followup = testDaemon.sequences(sequences(Wait.NONE));
        followup.clock().set(START);
        followup.open(withToken(capped(followup.config()))).start();

        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("not-the-token-at-all").statusCode()).isEqualTo(401);
        HttpResponse<String> first = get(TOKEN);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        PrometheusText before = PrometheusText.parse(first.body());
        assertThat(before.value("followup_messages", "state", "sent")).contains(0.0);
        assertThat(before.value("followup_quartz_misfires_total")).isPresent();
        assertThat(before.type("jvm_memory_used_bytes")).contains("gauge");
        assertThat(before.series()).noneMatch(series -> series.contains(TOKEN));

        Enrollment alice = followup.daemon().enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams").withFields(FIELDS),
                TestConfigs.SEQUENCE, "test");
        PrometheusText sent = awaitScrape(metrics -> metrics.value("followup_messages", "state", "sent")
                .orElse(0.0) == 1.0);
        assertThat(sent.value("followup_sends_total", "result", "sent", "reply_class", "2xx")).contains(1.0);
        assertThat(sent.value("followup_send_seconds_count")).contains(1.0);
        assertThat(sent.value("followup_enrollments", "state", "active")).contains(1.0);
        awaitScrape(metrics -> metrics.value("followup_imap_connected", "mailbox", "main").orElse(0.0) == 1.0);

        String messageId = followup.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT message_id FROM outbound_message WHERE enrollment_id = :id")
                .bind("id", alice.id()).mapTo(String.class).one());
        followup.receive(ALICE, "Re: hello", "Thanks, let's talk next week.", messageId);

        PrometheusText replied = PrometheusText.parse(get(TOKEN).body());
        assertThat(replied.value("followup_inbound_messages", "kind", "human_reply")).contains(1.0);
        assertThat(replied.value("followup_reply_action_seconds_count")).contains(1.0);
        assertThat(replied.value("followup_enrollments", "state", "active")).contains(0.0);
        assertThat(dashboardMetrics()).isNotEmpty()
                .filteredOn(name -> !name.startsWith("jvm_gc_pause")).as("GC pauses appear after the first collection")
                .allSatisfy(name -> assertThat(replied.series())
                .as("the dashboard's %s is exposed", name).anyMatch(series -> series.startsWith(name)));
    }

    /** The metric names the Grafana dashboard in docs/ queries (it must be valid JSON). */
    private static java.util.Set<String> dashboardMetrics() throws Exception {
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("docs/grafana-dashboard.json").toFile());
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.get("panels")) {
            for (com.fasterxml.jackson.databind.JsonNode target : panel.get("targets")) {
                java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\b((followup|jvm)_[a-z_]+)")
                        .matcher(target.get("expr").asText());
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    @DaemonTest
    void dispatchLagAndCapsHeadroomAreReadAtScrapeTime(TestDaemon testDaemon) {
        followup = testDaemon.sequences(sequences(new Wait(1, Wait.Unit.DAYS)));
        followup.clock().set(START);
        followup.open(withToken(capped(followup.config())));
        followup.daemon().enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams").withFields(FIELDS), TestConfigs.SEQUENCE, "test");

        PrometheusText early = PrometheusText.parse(followup.daemon().metrics().scrape());
        assertThat(early.value("followup_dispatch_lag_seconds")).contains(0.0);
        assertThat(early.value("followup_caps_headroom", "mailbox", "main", "window", "hour")).contains(5.0);

        followup.clock().advance(Duration.ofDays(1).plusHours(2));
        PrometheusText late = PrometheusText.parse(followup.daemon().metrics().scrape());
        assertThat(late.value("followup_dispatch_lag_seconds")).hasValueSatisfying(lag ->
                assertThat(lag).isBetween(2 * 3600.0, 2 * 3600.0 + 60));

        followup.runChores();
        PrometheusText after = PrometheusText.parse(followup.daemon().metrics().scrape());
        assertThat(after.value("followup_dispatch_lag_seconds")).contains(0.0);
        assertThat(after.value("followup_caps_headroom", "mailbox", "main", "window", "hour")).contains(4.0);
        assertThat(after.value("followup_caps_headroom", "mailbox", "main", "window", "day")).contains(9.0);
    }

    private PrometheusText awaitScrape(java.util.function.Predicate<PrometheusText> condition) {
        PrometheusText[] last = new PrometheusText[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = PrometheusText.parse(get(TOKEN).body());
            return condition.test(last[0]);
        });
        return last[0];
    }

    private HttpResponse<String> get(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + followup.daemon().webPort() + "/metrics")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
