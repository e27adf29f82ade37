package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.outbox.OutboundMessage;
import io.followup.sequence.EnrollmentState;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pages around the queue, over HTTP: each renders, and each action changes what it says it changes. */
class WebPagesIT {

    @RegisterExtension
    final WebUiExtension web = new WebUiExtension();
    private String cookie;
    private String csrf;

    @BeforeEach
    void logIn() throws Exception {
        cookie = WebClient.session(web.client().login(WebUiFixture.PASSWORD));
        csrf = web.client().csrf(cookie);
    }

    @Test
    void everyPageRendersForALoggedInUser() throws Exception {
        OutboundMessage draft = web.fixture().draftFor("alice@example.org", "Alice Adams", 1);
        long contactId = contactId("alice@example.org");
        for (String path : new String[] {"/queue", "/drafts/" + draft.id(), "/contacts", "/contacts?q=alice",
                "/contacts/" + contactId, "/enrollments", "/enrollments?state=", "/enrollments?state=stopped",
                "/enrollments/" + draft.enrollmentId(), "/sequences", "/preview",
                "/preview?template=intro/first&email=alice@example.org", "/tasks", "/digest"}) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("</html>").doesNotContain("$");
        }
        assertThat(get("/preview?template=intro/first&email=alice@example.org").body())
                .contains("Great to meet you, Alice");
        assertThat(get("/sequences").body()).contains("intro/first");
        assertThat(get("/digest").body()).contains("No digest yet");
        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
        assertThat(get("/drafts/999999").statusCode()).isEqualTo(409);
    }

    @Test
    void aContactCanBeReTieredSuppressedUnsuppressedAndPutOnACadence() throws Exception {
        web.fixture().draftFor("alice@example.org", "Alice Adams", 1);
        long id = contactId("alice@example.org");

        assertThat(post("/contacts/" + id + "/details", "tier=2&time_zone=Europe%2FLisbon").statusCode())
                .isEqualTo(303);
        assertThat(post("/contacts/" + id + "/suppress", "reason=asked+us").statusCode()).isEqualTo(303);
        assertThat(get("/contacts/" + id).body()).contains("asked us").contains("Europe/Lisbon")
                .contains("Unsuppress");
        assertThat(post("/contacts/" + id + "/unsuppress", "").statusCode()).isEqualTo(303);
        assertThat(post("/contacts/" + id + "/keep-in-touch", "cadence=monthly").statusCode()).isEqualTo(303);

        String page = get("/contacts/" + id).body();
        assertThat(page).contains("T2").contains("monthly").contains("Suppress</button>");
        assertThat(post("/contacts/" + id + "/details", "tier=9").statusCode()).isEqualTo(400);
        assertThat(post("/contacts/" + id + "/keep-in-touch", "cadence=sometimes").statusCode()).isEqualTo(400);
    }

    @Test
    void anEnrollmentCanBePausedResumedAndStoppedAndShowsItsHistory() throws Exception {
        OutboundMessage draft = web.fixture().draftFor("alice@example.org", "Alice Adams", 1);
        long id = draft.enrollmentId();

        post("/enrollments/" + id + "/pause", "");
        assertThat(state(id)).isEqualTo(EnrollmentState.PAUSED);
        post("/enrollments/" + id + "/resume", "");
        assertThat(state(id)).isEqualTo(EnrollmentState.ACTIVE);
        post("/enrollments/" + id + "/stop", "");
        assertThat(state(id)).isEqualTo(EnrollmentState.STOPPED);

        assertThat(get("/enrollments/" + id).body()).contains("paused").contains("resumed").contains("stopped")
                .contains("web stop by ada");
    }

    @Test
    void aMessageInDoubtIsResolvedFromItsPage() throws Exception {
        OutboundMessage draft = web.fixture().draftFor("alice@example.org", "Alice Adams", 1);
        web.fixture().daemon.database().jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE outbound_message SET state = 'in_doubt' WHERE id = :id").bind("id", draft.id()).execute());

        assertThat(get("/drafts/" + draft.id()).body()).contains("Did it go out?").contains("Send it again");
        assertThat(post("/drafts/" + draft.id() + "/resolve", "as=maybe").statusCode()).isEqualTo(409);
        assertThat(post("/drafts/" + draft.id() + "/resolve", "as=resend").statusCode()).isEqualTo(303);

        assertThat(web.fixture().daemon.drafts().decisions(draft.id())).singleElement().satisfies(decision -> {
            assertThat(decision.kind()).isEqualTo("resolve_resend");
            assertThat(decision.decidedBy()).isEqualTo(WebUiFixture.USER);
        });
    }

    @Test
    void anOpenTaskIsListedAndMarkedDone() throws Exception {
        OutboundMessage draft = web.fixture().draftFor("alice@example.org", "Alice Adams", 1);
        long contactId = contactId("alice@example.org");
        long taskId = web.fixture().daemon.database().jdbi().withHandle(handle ->
                new io.followup.task.TaskStore().insert(handle, contactId, draft.enrollmentId(),
                        io.followup.task.TaskKind.CALL,
                "Call Alice <b>today</b>", WebUiFixture.START, WebUiFixture.START));

        assertThat(get("/tasks").body()).contains("Call Alice &lt;b&gt;today&lt;/b&gt;");
        assertThat(post("/tasks/" + taskId + "/done", "").statusCode()).isEqualTo(303);

        assertThat(get("/tasks").body()).contains("No open task.");
        assertThat(post("/tasks/" + taskId + "/done", "").statusCode()).as("done already").isEqualTo(400);
    }

    @Test
    void aDraftCanBeSnoozedUntilAChosenTimeInTheOwnersZone() throws Exception {
        OutboundMessage draft = web.fixture().draftFor("alice@example.org", "Alice Adams", 1);

        assertThat(post("/drafts/" + draft.id() + "/snooze", "until=2026-03-03T09%3A30").statusCode())
                .isEqualTo(303);

        assertThat(web.fixture().daemon.drafts().snoozedUntil(draft.id()))
                .contains(java.time.Instant.parse("2026-03-03T09:30:00Z"));
        String queue = get("/queue").body();
        assertThat(queue).contains("Snoozed (1)").contains("Nothing waits for approval");
        assertThat(post("/drafts/" + draft.id() + "/snooze", "until=yesterday").statusCode()).isEqualTo(409);
    }

    @Test
    void unverifiedMailIsListedWithWhyAndIsAppliedOrDismissedFromItsPage() throws Exception {
        OutboundMessage carol = web.fixture().draftFor("carol@example.org", "Carol Cole", 3);
        OutboundMessage dave = web.fixture().draftFor("dave@example.org", "Dave Dunn", 3);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                web.fixture().mail.receivedBy("carol@example.org").size() == 1
                        && web.fixture().mail.receivedBy("dave@example.org").size() == 1);
        assertThat(get("/inbound/unverified").body()).contains("No unverified mail waiting.");
        web.fixture().mail.deliverRaw(forged("Re: " + carol.subject(), "Please unsubscribe me."),
                "mallory@evil.example");
        web.fixture().mail.deliverRaw(forged("Re: " + dave.subject(), "Please remove me from your list."),
                "mallory@evil.example");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                web.fixture().daemon.unverified().pending(10).size() == 2);

        String page = get("/inbound/unverified").body();
        assertThat(page).contains("mallory@evil.example")
                .contains("matched by subject only, from another address (mallory@evil.example)")
                .contains("suppress carol@example.org").contains("suppress dave@example.org");
        List<io.followup.inbound.UnverifiedInbox.Item> pending = web.fixture().daemon.unverified().pending(10);
        long forCarol = pending.stream().filter(item -> item.requested().contains("carol@")).findFirst()
                .orElseThrow().id();
        long forDave = pending.stream().filter(item -> item.requested().contains("dave@")).findFirst()
                .orElseThrow().id();
        assertThat(suppressed("carol@example.org")).as("nothing happened before the owner decided").isFalse();

        HttpResponse<String> applied = post("/inbound/unverified/" + forCarol + "/apply", "");
        assertThat(applied.statusCode()).isEqualTo(303);
        assertThat(applied.headers().firstValue("Location").orElseThrow()).contains("applied");
        HttpResponse<String> dismissed = post("/inbound/unverified/" + forDave + "/dismiss", "");
        assertThat(dismissed.statusCode()).isEqualTo(303);
        assertThat(dismissed.headers().firstValue("Location").orElseThrow()).contains("dismissed");

        assertThat(suppressed("carol@example.org")).as("applied by the owner").isTrue();
        assertThat(suppressed("dave@example.org")).as("dismissed").isFalse();
        assertThat(state(dave.enrollmentId())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(get("/inbound/unverified").body()).contains("No unverified mail waiting.");
        assertThat(web.fixture().daemon.unverified().find(forCarol).orElseThrow().reviewedBy())
                .isEqualTo("web:" + WebUiFixture.USER);
        assertThat(post("/inbound/unverified/" + forCarol + "/apply", "").statusCode()).as("decided already")
                .isGreaterThanOrEqualTo(400);
        assertThat(post("/inbound/unverified/not-a-number/apply", "").statusCode()).isGreaterThanOrEqualTo(400);
    }

    private byte[] forged(String subject, String body) {
        return ("From: Mallory <mallory@evil.example>\r\nTo: " + io.followup.testing.TestMail.OWNER
                + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@evil.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private boolean suppressed(String address) {
        return web.fixture().daemon.database().jdbi().withHandle(handle ->
                web.fixture().daemon.suppressions().isSuppressed(handle, address));
    }

    @Test
    void theUsersMistakesGet4xxWithTheMessageAndAStoreFailureA500WithOnlyAnErrorId() throws Exception {
        HttpResponse<String> missing = get("/enrollments/999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no enrollment #999999");
        assertThat(get("/enrollments?state=sleeping").statusCode()).isEqualTo(400);

        web.fixture().daemon.database().jdbi().useHandle(handle -> handle.execute("DROP TABLE task"));
        HttpResponse<String> failed = get("/tasks");

        assertThat(failed.statusCode()).isEqualTo(500);
        Matcher id = Pattern.compile("error id ([0-9a-f]+)").matcher(failed.body());
        assertThat(id.find()).as("the page names an error id").isTrue();
        assertThat(failed.body()).as("no SQL, no exception text").doesNotContain("SELECT").doesNotContain("FROM")
                .doesNotContain("Exception").doesNotContain("not found").doesNotContain("doesn't exist");
    }

    @Test
    void aMailboxWhoseOAuth2GrantWasRevokedIsNamedOnEveryPageUntilReconnected() throws Exception {
        assertThat(get("/queue").body()).doesNotContain("needs reconnecting");
        long mailboxId = web.fixture().daemon.catalog().mailboxId("main");
        io.followup.oauth.GrantStore grants = new io.followup.oauth.GrantStore();
        web.fixture().daemon.database().jdbi().useHandle(handle -> {
            grants.connect(handle, mailboxId, "encrypted-token", WebUiFixture.START);
            grants.markRevoked(handle, mailboxId, "invalid_grant", WebUiFixture.START);
        });

        for (String page : List.of("/queue", "/contacts", "/enrollments", "/sequences")) {
            assertThat(get(page).body()).as(page).contains("Mailbox main needs reconnecting");
        }

        web.fixture().daemon.database().jdbi().useHandle(handle ->
                grants.connect(handle, mailboxId, "new-encrypted-token", WebUiFixture.START.plusSeconds(60)));
        assertThat(get("/queue").body()).doesNotContain("needs reconnecting");
    }

    @Test
    void theContactListIsPagedFirstNextPreviousAndLastKeepingTheSearch() throws Exception {
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 112; i++) {
            String email = String.format("pager%03d@example.org", i);
            int tier = 2 + i % 3;
            web.fixture().daemon.enrollments().enroll(new io.followup.contact.ContactSpec(email, "Paged Person " + i,
                    null, null, null, tier, null, null, List.of(), java.util.Map.of("met_at", "the fair"), null),
                    io.followup.testing.TestConfigs.SEQUENCE, "test");
            expected.add(tier + "." + email);
        }
        web.fixture().daemon.enrollments().enroll(io.followup.contact.ContactSpec.of("someone.else@example.org",
                "Someone Else").withFields(java.util.Map.of("met_at", "the fair")),
                io.followup.testing.TestConfigs.SEQUENCE, "test");
        expected.sort(null);
        List<String> expectedEmails = expected.stream().map(key -> key.substring(2)).toList();

        String first = get("/contacts?q=paged+person").body();
        assertThat(emails(first)).isEqualTo(expectedEmails.subList(0, 50));
        assertThat(link(first, "prev")).isNull();
        assertThat(link(first, "first")).isNull();
        String second = get(link(first, "next")).body();
        assertThat(link(first, "next")).contains("q=paged+person");
        assertThat(emails(second)).isEqualTo(expectedEmails.subList(50, 100));
        String third = get(link(second, "next")).body();
        assertThat(emails(third)).isEqualTo(expectedEmails.subList(100, 112));
        assertThat(link(third, "next")).isNull();
        assertThat(link(third, "last")).isNull();

        String last = get(link(first, "last")).body();
        assertThat(emails(last)).isEqualTo(expectedEmails.subList(62, 112));
        assertThat(link(last, "next")).isNull();
        assertThat(emails(get(link(last, "prev")).body())).isEqualTo(expectedEmails.subList(12, 62));
        assertThat(emails(get(link(third, "prev")).body())).isEqualTo(expectedEmails.subList(50, 100));
        assertThat(emails(get(link(second, "first")).body())).isEqualTo(expectedEmails.subList(0, 50));

        String beyond = get("/contacts?q=paged+person&after=9.zzz").body();
        assertThat(beyond).contains("No contact matches.");
        assertThat(emails(beyond)).isEmpty();
        assertThat(link(beyond, "first")).isEqualTo("/contacts?q=paged+person");
        assertThat(get("/contacts?after=x.y").statusCode()).isEqualTo(400);
        String someone = get("/contacts?q=someone").body();
        assertThat(emails(someone)).containsExactly("someone.else@example.org");
        assertThat(link(someone, "next")).isNull();
        assertThat(link(someone, "first")).isNull();
    }

    @Test
    void theEnrollmentListIsPagedNewestFirstAndKeepsItsStateAcrossPages() throws Exception {
        List<Long> active = new java.util.ArrayList<>();
        for (int i = 0; i < 65; i++) {
            long id = web.fixture().daemon.enrollments().enroll(io.followup.contact.ContactSpec.of(
                    "listed" + i + "@example.org", "Listed " + i).withFields(java.util.Map.of("met_at", "the fair")),
                    io.followup.testing.TestConfigs.SEQUENCE, "test").id();
            if (i % 8 == 0) {
                post("/enrollments/" + id + "/stop", "");
            } else {
                active.add(id);
            }
        }
        active.sort(java.util.Comparator.reverseOrder());

        String first = get("/enrollments?state=active").body();
        assertThat(enrollmentIds(first)).isEqualTo(active.subList(0, 50));
        assertThat(link(first, "next")).startsWith("/enrollments?state=active&after=");
        String second = get(link(first, "next")).body();
        assertThat(enrollmentIds(second)).isEqualTo(active.subList(50, active.size()));
        assertThat(link(second, "next")).isNull();
        assertThat(link(second, "prev")).startsWith("/enrollments?state=active&before=");
        assertThat(enrollmentIds(get(link(second, "prev")).body())).isEqualTo(active.subList(0, 50));
        assertThat(enrollmentIds(get(link(first, "last")).body()))
                .isEqualTo(active.subList(active.size() - 50, active.size()));
        assertThat(enrollmentIds(get("/enrollments?state=stopped").body())).hasSize(9);
        assertThat(get("/enrollments?state=active&after=1").body()).contains("No enrollment here.");
        assertThat(get("/enrollments?after=first").statusCode()).isEqualTo(400);
    }

    @Test
    void theApprovalQueueIsPagedInTierAndDueOrderWithSnoozedDraftsApart() throws Exception {
        List<Long> drafts = new java.util.ArrayList<>();
        for (int i = 0; i < 53; i++) {
            drafts.add(web.fixture().draftFor(String.format("queued%02d@example.org", i), "Queued " + i, 1).id());
            web.fixture().clock.advance(Duration.ofMinutes(1));
        }
        post("/drafts/" + drafts.get(0) + "/snooze", "for=1d");

        String first = get("/queue").body();
        assertThat(first).contains("Approval queue (52)");
        assertThat(draftIds(first)).isEqualTo(drafts.subList(1, 51));
        assertThat(first).contains("Snoozed (1)");
        String second = get(link(first, "next")).body();
        assertThat(draftIds(second)).isEqualTo(drafts.subList(51, 53));
        assertThat(link(second, "next")).isNull();
        assertThat(draftIds(get(link(second, "prev")).body())).isEqualTo(drafts.subList(1, 51));
        assertThat(draftIds(get(link(first, "last")).body())).isEqualTo(drafts.subList(3, 53));
    }

    @Test
    void aContactsNewTierMovesItsWaitingDraftInTheQueue() throws Exception {
        List<Long> drafts = new java.util.ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            drafts.add(web.fixture().draftFor(name + "@example.org", name, 1).id());
            web.fixture().clock.advance(Duration.ofMinutes(1));
        }
        assertThat(draftIds(get("/queue").body())).isEqualTo(drafts);

        assertThat(post("/contacts/" + contactId("first@example.org") + "/details", "tier=2").statusCode())
                .isEqualTo(303);

        assertThat(draftIds(get("/queue").body())).containsExactly(drafts.get(1), drafts.get(2), drafts.get(0));
        int tier = web.fixture().daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT tier FROM outbound_message WHERE id = :id").bind("id", drafts.get(0)).mapTo(Integer.class)
                .one());
        assertThat(tier).isEqualTo(2);
    }

    private static final Pattern ROW_EMAIL = Pattern.compile("<span class=\"muted\">([^<]+@[^<]+)</span></td>");
    private static final Pattern ROW_ENROLLMENT = Pattern.compile("<tr data-href=\"/enrollments/(\\d+)\">");
    private static final Pattern ROW_DRAFT = Pattern.compile("<tr data-href=\"/drafts/(\\d+)\" id=\"draft-");

    private static List<String> emails(String page) {
        return ROW_EMAIL.matcher(page).results().map(found -> found.group(1)).toList();
    }

    private static List<Long> enrollmentIds(String page) {
        return ROW_ENROLLMENT.matcher(page).results().map(found -> Long.parseLong(found.group(1))).toList();
    }

    private static List<Long> draftIds(String page) {
        return ROW_DRAFT.matcher(page).results().map(found -> Long.parseLong(found.group(1))).toList();
    }

    /** The pager's link {@code rel} on the page, as a path (null when there is none). */
    private static String link(String page, String rel) {
        Matcher found = Pattern.compile("<a href=\"([^\"]+)\" rel=\"" + rel + "\">").matcher(page);
        return found.find() ? found.group(1).replace("&amp;", "&") : null;
    }

    private EnrollmentState state(long enrollmentId) {
        return web.fixture().daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT state FROM enrollment WHERE id = :id").bind("id", enrollmentId)
                .mapTo(String.class).map(text -> EnrollmentState.valueOf(text.toUpperCase(java.util.Locale.ROOT)))
                .one());
    }

    private long contactId(String email) {
        return web.fixture().daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id FROM contact WHERE email = :email").bind("email", email).mapTo(Long.class).one());
    }

    @Test
    void theStopButtonHoldsAllMailAndEveryPageSaysSoUntilResumed() throws Exception {
        assertThat(get("/contacts").body()).contains("Stop all outgoing mail").doesNotContain("is stopped");
        assertThat(post("/stop-switch/stop", "").statusCode()).isEqualTo(303);

        for (String page : List.of("/queue", "/contacts", "/enrollments", "/sequences", "/tasks")) {
            assertThat(get(page).body()).as(page).contains("All outgoing mail is stopped", "Resume sending");
        }
        assertThat(web.fixture().daemon.stopSwitch().active()).singleElement()
                .satisfies(stop -> assertThat(stop.by()).isEqualTo("web by " + WebUiFixture.USER));

        assertThat(post("/stop-switch/resume", "scope=*").statusCode()).isEqualTo(303);
        assertThat(get("/queue").body()).doesNotContain("is stopped");
        assertThat(web.fixture().daemon.stopSwitch().active()).isEmpty();
    }

    @Test
    void tickedEnrollmentsArePausedResumedAndStoppedTogetherAndTheOthersAreLeftAlone() throws Exception {
        long alice = web.fixture().draftFor("alice@example.org", "Alice Adams", 2).enrollmentId();
        long bob = web.fixture().draftFor("bob@example.org", "Bob Brown", 2).enrollmentId();
        long carol = web.fixture().draftFor("carol@example.org", "Carol Clark", 2).enrollmentId();
        assertThat(get("/enrollments").body()).contains("name=\"id\" value=\"" + alice + "\"")
                .contains("action=\"/enrollments/bulk\"");

        HttpResponse<String> paused = post("/enrollments/bulk", "action=pause&id=" + alice + "&id=" + bob);
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(java.net.URLDecoder.decode(paused.headers().firstValue("Location").orElseThrow(),
                StandardCharsets.UTF_8)).contains("Done: pause 2 of 2 ticked.");
        assertThat(List.of(state(alice), state(bob), state(carol)))
                .containsExactly(EnrollmentState.PAUSED, EnrollmentState.PAUSED, EnrollmentState.ACTIVE);

        HttpResponse<String> resumed = post("/enrollments/bulk", "action=resume&id=" + alice + "&id=" + carol);
        assertThat(java.net.URLDecoder.decode(resumed.headers().firstValue("Location").orElseThrow(),
                StandardCharsets.UTF_8)).contains("Done: resume 1 of 2 ticked (the others are not in a state");
        post("/enrollments/bulk", "action=stop&id=" + alice + "&id=" + bob + "&id=" + carol);
        assertThat(List.of(state(alice), state(bob), state(carol))).containsOnly(EnrollmentState.STOPPED);
        assertThat(get("/enrollments/" + bob).body()).contains("web bulk stop by ada");

        assertThat(post("/enrollments/bulk", "action=delete&id=" + alice).statusCode()).isEqualTo(400);
        HttpResponse<String> forged = web.client().post("/enrollments/bulk", cookie, "action=resume&id=" + alice);
        assertThat(forged.statusCode()).as("no CSRF token").isEqualTo(403);
    }

    @Test
    void oneMailboxCanBeStoppedAloneFromEveryPage() throws Exception {
        assertThat(get("/contacts").body()).contains("Stop all outgoing mail").contains("Stop mailbox main");

        assertThat(post("/stop-switch/stop", "mailbox=main").statusCode()).isEqualTo(303);

        assertThat(web.fixture().daemon.stopSwitch().active()).singleElement()
                .satisfies(stop -> assertThat(stop.scope()).isEqualTo("main"));
        assertThat(get("/queue").body()).contains("Outgoing mail of mailbox main is stopped")
                .doesNotContain("Stop mailbox main").contains("Stop all outgoing mail");
        assertThat(post("/stop-switch/stop", "mailbox=nosuch").statusCode()).isEqualTo(400);
        assertThat(post("/stop-switch/resume", "scope=main").statusCode()).isEqualTo(303);
        assertThat(web.fixture().daemon.stopSwitch().active()).isEmpty();
    }

    @Test
    void aHandedOffContactShowsItsNewOwnerOnTheContactPageAndInTheEnrollmentsList() throws Exception {
        web.fixture().draftFor("alice@example.org", "Alice Adams", 2);
        long alice = contactId("alice@example.org");
        assertThat(get("/contacts/" + alice).body()).contains("the mailbox's");
        web.fixture().daemon.database().jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE contact SET owner_email = 'jane@example.com' WHERE id = :id").bind("id", alice).execute());

        assertThat(get("/contacts/" + alice).body()).contains("jane@example.com <span class=\"muted\">(handed off)");
        assertThat(get("/enrollments").body()).contains("jane@example.com <span class=\"muted\">(handed off)");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return web.client().get(path, cookie);
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return web.client().post(path, cookie, "_csrf=" + csrf + (form.isEmpty() ? "" : "&" + form));
    }
}
