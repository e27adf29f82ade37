package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.digest.DigestService;
import io.followup.digest.IsoWeek;
import io.followup.testing.CliFolder;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** {@code followup status}: a contact's enrollments, messages, responses and history, as text and as JSON. */
class StatusCommandIT {

    private TestMail mail;
    private CliFolder cli;
    private long uid;

    @DaemonTest
    void statusTellsTheWholeStoryOfAContactAsTextAndJson(TestDaemon followup) throws Exception {
        setUp(followup);
        assertThat(run("enroll", "--sequence", "intro", "--email", "bob@example.org", "--name", "Bob Brown",
                "--field", "met_at=the fair").code()).isZero();
        String messageId = sendAndReply("bob@example.org", "Bob Brown", "Sounds great, count me in!");
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            daemon.database().jdbi().useHandle(handle -> handle.createUpdate(
                    "UPDATE contact SET owner_email = 'jane@example.com' WHERE email = 'bob@example.org'").execute());
        }

        CliFolder.Result text = run("status", "bob@example.org");

        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("Contact      bob@example.org (Bob Brown)", "Suppressed   no",
                "Enrollments", "intro (mailbox main): stopped", "Messages", "sent", "\"Great to meet you, Bob\"",
                messageId, "Responses", "human_reply (intent interested)", "matched by", "History", "queued", "sent",
                "Owner        jane@example.com (handed off)");

        CliFolder.Result json = run("status", "bob@example.org", "--json");
        JsonNode story = new ObjectMapper().readTree(json.out());
        assertThat(story.at("/contact/email").asText()).isEqualTo("bob@example.org");
        assertThat(story.at("/enrollments/0/sequence").asText()).isEqualTo("intro");
        assertThat(story.at("/owner").asText()).isEqualTo("jane@example.com");
        assertThat(story.at("/enrollments/0/state").asText()).isEqualTo("stopped");
        assertThat(story.at("/messages/0/messageId").asText()).isEqualTo(messageId);
        assertThat(story.at("/messages/0/state").asText()).isEqualTo("sent");
        assertThat(story.at("/responses/0/kind").asText()).isEqualTo("human_reply");
        assertThat(story.at("/responses/0/intent").asText()).isEqualTo("interested");
        assertThat(story.at("/responses/0/matchMethod").asText()).isNotBlank();
        assertThat(story.get("events").size()).isGreaterThanOrEqualTo(3);

        long enrollmentId = story.at("/enrollments/0/id").asLong();
        assertThat(run("status", "--enrollment", String.valueOf(enrollmentId)).out())
                .contains("Contact      bob@example.org");
    }

    @DaemonTest
    void anUnknownContactIsAnErrorAndAnEnrolledOneShowsItsNextStep(TestDaemon followup) {
        setUp(followup);
        CliFolder.Result unknown = run("status", "nobody@example.org");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("followup: no contact nobody@example.org");
        assertThat(run("status", "--enrollment", "42").err().strip()).isEqualTo("followup: no enrollment #42");

        run("enroll", "--sequence", "intro", "--email", "ann@example.org", "--field", "met_at=the fair");
        assertThat(run("status", "ann@example.org").out()).contains("active, step 1 of 2, due ", "Messages\n  (none)",
                "Owner        (the mailbox's)");
        run("pause", "--all");
        String enrollmentLine = run("status", "ann@example.org").out().lines()
                .filter(line -> line.startsWith("  #")).findFirst().orElseThrow();
        assertThat(enrollmentLine).contains("paused, step 1 of 2, paused until resumed by hand")
                .doesNotContain("due ");
    }

    /** Dispatches and sends the due steps, then processes a reply from {@code from}; returns the sent Message-ID. */
    private String sendAndReply(String from, String name, String text) {
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            daemon.dispatcher().dispatchDue(10);
            daemon.sender().sendDue(10);
            String messageId = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT message_id FROM outbound_message WHERE state = 'sent' AND to_address = :to")
                    .bind("to", from).mapTo(String.class).one());
            long mailboxId = daemon.catalog().mailboxId("main");
            daemon.inbound().process(mailboxId, "INBOX", 1, ++uid, ("From: " + name + " <" + from + ">\r\n"
                    + "To: owner@followup.test\r\nSubject: Re: Great to meet you\r\n"
                    + "Message-ID: <reply-" + uid + "@example.org>\r\nIn-Reply-To: " + messageId + "\r\n"
                    + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\n" + text + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return messageId;
        }
    }

    @DaemonTest
    void forgetErasesTheContactFromEveryTableAndItCanNeverBeEnrolledAgain(TestDaemon followup) throws Exception {
        setUp(followup);
        run("enroll", "--sequence", "intro", "--email", "bob@example.org", "--name", "Bob Brown",
                "--field", "met_at=the fair");
        run("enroll", "--sequence", "intro", "--email", "carol@example.org", "--name", "Carol Cole",
                "--field", "met_at=the fair");
        sendAndReply("bob@example.org", "Bob Brown", "Sounds great, count me in!");
        run("suppress", "add", "bob@example.org");
        assertThat(run("keep-in-touch", "set", "bob@example.org", "--every", "Monthly").code()).isZero();
        Ids bob = idsOf("bob@example.org");
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            daemon.database().jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO step_variant "
                    + "(enrollment_id, step_no, template, chosen_at) VALUES (:id, 9, 'b', 0)")
                    .bind("id", bob.enrollments().get(0)).execute());
        }
        assertThat(rowsReferringTo(bob)).as("before").contains("keep_in_touch", "step_variant", "sent_copy");
        assertThat(rowsMentioning("bob@example.org")).as("before").isNotEmpty();
        AppConfig loaded = cli.load();
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            var owner = loaded.owners().get(0);
            assertThat(daemon.digests().send(owner, IsoWeek.containing(Instant.now(), DigestService.zone(owner))))
                    .isTrue();
        }
        assertThat(rowsMentioning("Bob Brown")).as("the owner's digest names Bob").anySatisfy(row ->
                assertThat(row).startsWith("outbound_message").contains("kind=digest"));

        CliFolder.Result forget = run("contacts", "forget", "BOB@Example.org");

        assertThat(forget.code()).as(forget.err()).isZero();
        assertThat(forget.out()).as("the step and the owner's notice of the reply, which names Bob")
                .contains("forgot BOB@Example.org: 1 enrollment(s), 2 outbound and 1 inbound")
                .as("the digest, which stays for the owner without Bob").contains("named in 1 other message(s)");
        assertThat(rowsMentioning("bob@example.org")).isEmpty();
        assertThat(rowsMentioning("Bob Brown")).isEmpty();
        assertThat(rowsReferringTo(bob)).as("rows that point at Bob, his enrollments or messages").isEmpty();
        assertThat(rowsMentioning("count me in")).isEmpty();
        assertThat(rowsMentioning("carol@example.org")).as("another contact is kept").isNotEmpty();
        assertThat(run("suppress", "list").out()).contains("sha256:", "contact forgotten (erasure request)")
                .doesNotContain("bob@");
        assertThat(run("status", "bob@example.org").code()).isEqualTo(1);
        for (String address : List.of("bob@example.org", "Bob@EXAMPLE.org")) {
            CliFolder.Result again = run("enroll", "--sequence", "intro", "--email", address, "--field", "met_at=x");
            assertThat(again.code()).as(address).isNotZero();
            assertThat(again.err()).contains("is suppressed (", "contact forgotten (erasure request)");
        }
        assertThat(rowsMentioning("contact_forgotten")).singleElement().asString().contains("address kept as a salted hash");
    }

    /** A contact's id and the ids of its enrollments and of the messages to it. */
    private record Ids(long contact, List<Long> enrollments, List<Long> outbound) {
    }

    private Ids idsOf(String email) throws Exception {
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            return daemon.database().jdbi().withHandle(handle -> {
                long contact = handle.createQuery("SELECT id FROM contact WHERE email = :email").bind("email", email)
                        .mapTo(Long.class).one();
                List<Long> enrollments = handle.createQuery("SELECT id FROM enrollment WHERE contact_id = :id")
                        .bind("id", contact).mapTo(Long.class).list();
                List<Long> outbound = handle.createQuery("SELECT id FROM outbound_message WHERE to_address = :email")
                        .bind("email", email).mapTo(Long.class).list();
                assertThat(enrollments).isNotEmpty();
                assertThat(outbound).isNotEmpty();
                return new Ids(contact, enrollments, outbound);
            });
        }
    }

    /**
     * The tables (Quartz's excepted) with a row whose contact_id, replier_id or introduced_by is {@code ids}' contact,
     * whose enrollment_id one of its enrollments or whose outbound_id one of its messages.
     */
    private java.util.Set<String> rowsReferringTo(Ids ids) throws Exception {
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            return daemon.database().jdbi().withHandle(handle -> {
                java.util.Set<String> found = new java.util.TreeSet<>();
                java.sql.DatabaseMetaData meta = handle.getConnection().getMetaData();
                try (java.sql.ResultSet rs = meta.getColumns(handle.getConnection().getCatalog(),
                        handle.getConnection().getSchema(), "%", "%")) {
                    while (rs.next()) {
                        String table = rs.getString("TABLE_NAME").toLowerCase();
                        String column = rs.getString("COLUMN_NAME").toLowerCase();
                        List<Long> values = switch (column) {
                            case "contact_id", "replier_id", "introduced_by" -> List.of(ids.contact());
                            case "enrollment_id" -> ids.enrollments();
                            case "outbound_id" -> ids.outbound();
                            default -> List.of();
                        };
                        if (values.isEmpty() || table.startsWith("qrtz_")) {
                            continue;
                        }
                        if (handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + column + " IN (<ids>)")
                                .bindList("ids", values).mapTo(Integer.class).one() > 0) {
                            found.add(table);
                        }
                    }
                }
                return found;
            });
        }
    }

    /** Every row of every table of followup's (Quartz's excepted) whose text contains {@code needle}, any case. */
    private List<String> rowsMentioning(String needle) throws Exception {
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            return daemon.database().jdbi().withHandle(handle -> {
                java.sql.Connection connection = handle.getConnection();
                List<String> tables = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(),
                        connection.getSchema(), "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                assertThat(tables).map(String::toLowerCase).contains("contact", "outbound_message", "inbound_message",
                        "event_log", "sent_copy", "task", "suppression");
                List<String> found = new java.util.ArrayList<>();
                for (String table : tables) {
                    if (table.toLowerCase().startsWith("qrtz_") || table.toLowerCase().startsWith("flyway")) {
                        continue;
                    }
                    handle.createQuery("SELECT * FROM " + table).mapToMap().forEach(row -> {
                        if (row.toString().toLowerCase().contains(needle.toLowerCase())) {
                            found.add(table + ": " + row);
                        }
                    });
                }
                return found;
            });
        }
    }

    private void setUp(TestDaemon followup) {
        mail = followup.mail();
        cli = followup.cli().sequence(CliFolder.TWO_STEPS).mail(mail).environment("USER", "olivia").write();
    }

    private CliFolder.Result run(String... args) {
        return cli.run(args);
    }
}
