package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.Secret;
import io.followup.config.UnsubscribeConfig;
import io.followup.config.UnsubscribeMode;
import io.followup.contact.ContactSpec;
import io.followup.contact.Suppression;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.Chores;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Unsubscribe end to end. A bulk sequence ({@code unsubscribe: header}) sends a message carrying
 * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}; a real HTTP POST to the endpoint suppresses the contact
 * and stops the enrollment, and nothing more is sent. Personal mail (the default, {@code link}) has the same working
 * link in its body but no list headers; {@code none} has neither.
 */
class UnsubscribeIT {

    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestDaemon followup;
    private Daemon daemon;

    @DaemonTest
    void aBulkSequencesOneClickPostSuppressesTheContactStopsTheEnrollmentAndNothingMoreIsSent(TestDaemon given)
            throws Exception {
        followup = given;
        MutableClock clock = followup.clock();
        Enrollment enrollment = startAndEnrollAlice(UnsubscribeMode.HEADER);

        await().atMost(PATIENCE).until(() -> followup.mail().receivedBy(ALICE).size() == 1);
        MimeMessage first = followup.mail().receivedBy(ALICE).get(0);
        String header = first.getHeader("List-Unsubscribe", null);
        assertThat(header).matches("<http://127\\.0\\.0\\.1:8080/u/[A-Za-z0-9_-]{64}>");
        assertThat(first.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String url = header.substring(1, header.length() - 1);
        assertThat((String) first.getContent()).contains("Unsubscribe: " + url);
        String storedUrl = daemon.database().jdbi().withHandle(handle -> new OutboxStore()
                .ofEnrollment(handle, enrollment.id())).get(0).unsubscribeUrl();
        assertThat(storedUrl).isEqualTo(url);
        String token = url.substring(url.lastIndexOf('/') + 1);

        HttpResponse<String> response = post(token, "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        Enrollment stopped = daemon.database().jdbi().withHandle(handle ->
                new EnrollmentStore().byId(handle, enrollment.id()));
        assertThat(stopped.state().db()).isEqualTo("stopped");
        assertThat(stopped.stopReason()).isEqualTo("suppressed");
        List<Suppression> entries = daemon.database().jdbi().withHandle(daemon.suppressions()::list);
        assertThat(entries).extracting(Suppression::entry, Suppression::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ALICE, "unsubscribed"));
        List<String> events = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event FROM event_log ORDER BY id").mapTo(String.class).list());
        assertThat(events).contains("suppressed", "stopped", "unsubscribed");
        assertThat(post(token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofDays(30));
        Chores.drain(daemon);
        assertThat(followup.mail().receivedBy(ALICE)).hasSize(1);
    }

    @DaemonTest
    void theConfirmationPageHasAButtonAndInvalidTokensGet400WithoutDetails(TestDaemon given)
            throws Exception {
        followup = given;
        var config = followup.config();
        writeFirstTemplateWithLink();
        daemon = followup.open(config);
        daemon.start();
        daemon.enrollments().enroll(ContactSpec.of("o'brien&co@example.org", "Pat O'Brien"),
                TestConfigs.SEQUENCE, "test");
        Chores.dispatch(daemon);
        String token = token((String) onlyDraft().get("body_text"));

        HttpResponse<String> page = get(token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\">", "name=\"List-Unsubscribe\" value=\"One-Click\"")
                .contains("o&#39;brien&amp;co@example.org").doesNotContain("o'brien&co");

        String tampered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        for (HttpResponse<String> invalid : List.of(get(tampered), post(tampered, "List-Unsubscribe=One-Click"),
                post("garbage", "List-Unsubscribe=One-Click"), post(token, "something=else"))) {
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("This unsubscribe link is not valid.").doesNotContain("brien");
        }
        assertThat(daemon.database().jdbi().withHandle(daemon.suppressions()::list)).isEmpty();
    }

    @DaemonTest
    void theGeneratedKeyIsKeptInTheDatabaseSoLinksStayValidAfterARestart(TestDaemon given) throws Exception {
        followup = given;
        var config = followup.config();
        writeFirstTemplateWithLink();
        daemon = followup.open(config);
        daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams").withFields(Map.of("met_at", "the meetup")),
                TestConfigs.SEQUENCE, "test");
        daemon.dispatcher().dispatchDue(10);
        String token = token((String) onlyDraft().get("body_text"));
        daemon = followup.open(config);
        daemon.start();
        HttpResponse<String> response = post(token, "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        int secrets = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM app_secret WHERE name = 'unsubscribe'").mapTo(Integer.class).one());
        assertThat(secrets).isEqualTo(1);
        daemon = followup.open(config.withWeb(config.web(), new UnsubscribeConfig(
                Secret.of("a-configured-secret-0123456789"), "https://f.example.com", null)));
        daemon.start();
        assertThat(post(token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(400);
    }

    @DaemonTest
    void personalMailByDefaultShowsAWorkingLinkInItsBodyButCarriesNoBulkHeaders(TestDaemon given)
            throws Exception {
        followup = given;
        Enrollment enrollment = startAndEnrollAlice(null);

        await().atMost(PATIENCE).until(() -> followup.mail().receivedBy(ALICE).size() == 1);
        MimeMessage first = followup.mail().receivedBy(ALICE).get(0);
        for (String bulk : List.of("List-Unsubscribe", "List-Unsubscribe-Post", "Precedence", "Auto-Submitted",
                "X-Auto-Response-Suppress", "List-Id")) {
            assertThat(first.getHeader(bulk)).as(bulk).isNull();
        }
        String token = token((String) first.getContent());
        assertThat(post(token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        Enrollment stopped = daemon.database().jdbi().withHandle(handle ->
                new EnrollmentStore().byId(handle, enrollment.id()));
        assertThat(stopped.stopReason()).isEqualTo("suppressed");
    }

    @DaemonTest
    void theGlobalDefaultAppliesToSequencesThatDoNotChooseAndASequenceChoiceOverridesIt(TestDaemon given) {
        followup = given;
        var plain = followup.config();
        var bulkByDefault = plain.withWeb(plain.web(), new UnsubscribeConfig(Secret.NONE, "https://f.example.com",
                null, UnsubscribeMode.HEADER));
        writeFirstTemplateWithLink();

        daemon = followup.open(bulkByDefault);
        daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams"), TestConfigs.SEQUENCE, "test");
        daemon.dispatcher().dispatchDue(10);
        Map<String, Object> bulk = draftTo(ALICE);
        assertThat(bulk.get("unsubscribe_url")).asString().startsWith("https://f.example.com/u/");
        assertThat(bulk.get("body_text")).asString().contains("Unsubscribe: " + bulk.get("unsubscribe_url"));
        daemon = followup.open(bulkByDefault, TestConfigs.intro(UnsubscribeMode.NONE));
        daemon.enrollments().enroll(ContactSpec.of(BOB, "Bob Brown"), TestConfigs.SEQUENCE, "test");
        daemon.dispatcher().dispatchDue(10);
        Map<String, Object> personal = draftTo(BOB);
        assertThat(personal.get("unsubscribe_url")).isNull();
        assertThat(personal.get("body_text")).asString().startsWith("Hi Bob,").doesNotContain("/u/");
    }

    /** A running daemon whose sequence makes the given unsubscribe choice (null: none), with Alice enrolled. */
    private Enrollment startAndEnrollAlice(UnsubscribeMode mode) {
        writeFirstTemplateWithLink();
        daemon = followup.open(followup.config(), TestConfigs.intro(mode));
        daemon.start();
        return daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
    }

    private Map<String, Object> onlyDraft() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT unsubscribe_url, body_text FROM outbound_message").mapToMap().one());
    }

    private Map<String, Object> draftTo(String address) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT unsubscribe_url, body_text FROM outbound_message WHERE to_address = :to")
                .bind("to", address).mapToMap().one());
    }

    private void writeFirstTemplateWithLink() {
        TestConfigs.write(followup.base().resolve("templates/intro/first.vm"), """
                Subject: Great to meet you, $contact.first_name

                Hi $contact.first_name,
                #if($unsubscribe_url)

                Unsubscribe: $unsubscribe_url
                #end
                """);
    }

    /** The token of the link in a body ("Unsubscribe: URL"). */
    private static String token(String body) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("Unsubscribe: \\S+/u/([A-Za-z0-9_-]{64})")
                .matcher(body);
        assertThat(link.find()).as("a link in: " + body).isTrue();
        return link.group(1);
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.webPort() + "/u/" + token))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.webPort() + "/u/" + token))
                .GET().timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
