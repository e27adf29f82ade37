package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.followup.app.Daemon;
import io.followup.contact.Contact;
import io.followup.contact.ContactException;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.contact.CsvImport;
import io.followup.store.EventLog;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code enroll --csv} on a real database: staged, checked set-based, applied all or nothing. The batches are 1,000
 * rows ({@link BulkEnrollment#BATCH}); the larger files cross their boundaries with bad rows on both sides. The
 * staging commits every {@link BulkEnrollment#COMMIT_ROWS} rows.
 */
class BulkEnrollmentIT {

    private TestDaemon followup;
    private Daemon daemon;

    private void open(TestDaemon given) {
        followup = given;
        daemon = given.daemon();
    }

    private Path file(String content) throws IOException {
        Path file = followup.base().resolve("people.csv");
        Files.writeString(file, content);
        return file;
    }

    private CsvImport.Report importFile(Path file, boolean skipBadRows) {
        return daemon.enrollments().importCsv(file, TestConfigs.SEQUENCE, skipBadRows);
    }

    private long count(String sql) {
        return followup.count(sql);
    }

    /** Asserts that each of {@code tables} holds no row (naming the table that does). */
    private void assertNoRows(String... tables) {
        for (String table : tables) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    private Contact contact(String email) {
        return daemon.database().jdbi().withHandle(handle -> new ContactStore().findByEmail(handle, email)).get();
    }

    private void suppress(String entry) {
        daemon.database().jdbi().useTransaction(handle -> daemon.suppressions().add(handle, entry, "competitor",
                "test", followup.clock().instant()));
    }

    @DaemonTest
    void aValidFileImportsEveryRowWithAllColumnsCustomFieldsAndAnIntroducerFromLaterInTheFile(TestDaemon given)
            throws IOException {
        open(given);
        Path file = file("""
                email,name,company,tier,goal,time_zone,tags,introduced_by,field:met_at
                Maya@Example.com,Maya Patel,Northwind,1,partner,Europe/Lisbon,vip; lisbon,ann@example.com,"the Lisbon Summit, day 2"
                bob@example.org,Bob Brown,,,,,,,
                ann@example.com,Ann Archer,,,,,,,the fair
                """);

        CsvImport.Report report = importFile(file, false);

        assertThat(report.problems()).isEmpty();
        assertThat(report.summary("people.csv")).isEqualTo("people.csv: 3 enrolled, 0 skipped, 0 already enrolled");
        Contact maya = contact("maya@example.com");
        assertThat(maya.name()).isEqualTo("Maya Patel");
        assertThat(maya.firstName()).isEqualTo("Maya");
        assertThat(maya.lastName()).isEqualTo("Patel");
        assertThat(maya.company()).isEqualTo("Northwind");
        assertThat(maya.tier()).isEqualTo(1);
        assertThat(maya.goal()).isEqualTo("partner");
        assertThat(maya.timeZone()).isEqualTo("Europe/Lisbon");
        assertThat(maya.tags()).containsExactly("vip", "lisbon");
        assertThat(maya.fields()).containsEntry("met_at", "the Lisbon Summit, day 2");
        assertThat(maya.introducedBy()).isEqualTo(contact("ann@example.com").id());
        Contact bob = contact("bob@example.org");
        assertThat(bob.company()).isNull();
        assertThat(bob.tier()).isEqualTo(3);
        assertThat(bob.fields()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM enrollment WHERE state = 'active' AND next_step = 1")).isEqualTo(3);
        // one enrolled event for the import, shown in each contact's and each enrollment's history as its own
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'enrolled'")).isEqualTo(1);
        for (Contact contact : List.of(maya, bob, contact("ann@example.com"))) {
            long enrollment = count("SELECT id FROM enrollment WHERE contact_id = " + contact.id());
            List<EventLog.Recorded> history = daemon.database().jdbi().withHandle(handle ->
                    io.followup.contact.ContactStory.eventsOfContact(handle, contact.id(), 10));
            assertThat(history).extracting(EventLog.Recorded::event, EventLog.Recorded::enrollmentId,
                            EventLog.Recorded::cause, EventLog.Recorded::detail)
                    .containsExactly(tuple("enrolled", enrollment, "csv " + file,
                            "in " + TestConfigs.SEQUENCE + ", one of 3 contacts of the file"));
            List<EventLog.Recorded> story = daemon.database().jdbi().withHandle(handle ->
                    io.followup.contact.ContactStory.eventsOfEnrollment(handle, enrollment, 10));
            assertThat(story).extracting(EventLog.Recorded::event, EventLog.Recorded::enrollmentId)
                    .containsExactly(tuple("enrolled", enrollment));
        }
        assertThat(count("SELECT COUNT(*) FROM import_row") + count("SELECT COUNT(*) FROM import_run")).isZero();
    }

    @DaemonTest
    void everyBadRowIsReportedWithItsLineAndNothingIsImported(TestDaemon given) throws IOException {
        open(given);
        Path file = file("""
                email,name,time_zone,tier
                ann@example.com,Ann,Europe/Berlin,2
                not-an-address,Bob,,
                cid@example.com,Cid,Europe/Berln,
                dan@example.com,Dan,,9

                eve@example.com,Eve,UTC
                """);

        CsvImport.Report report = importFile(file, false);

        String name = file.toString();
        assertThat(report.problems()).containsExactly(
                name + ":3: email: not a valid address: \"not-an-address\"",
                name + ":4: time_zone: not an IANA time zone: \"Europe/Berln\"",
                name + ":5: tier: expected 1 (most important) to 5, got \"9\"",
                name + ":7: expected 4 values (one per column), got 3");
        assertThat(report.imported()).isFalse();
        assertThat(report.skipped()).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM contact") + count("SELECT COUNT(*) FROM enrollment")).isZero();
    }

    /** Issue #10: a row that fails only on import (not in its own line) used to be skipped while the others went in. */
    @DaemonTest
    void rowsThatFailOnlyOnImportImportNothingWithoutSkipBadRowsAndOnlyThemselvesWith(TestDaemon given)
            throws IOException {
        open(given);
        daemon.enrollments().enroll(ContactSpec.of("dee@example.com", "Dee"), TestConfigs.SEQUENCE, "test");
        long dee = contact("dee@example.com").id();
        daemon.database().jdbi().useHandle(handle -> handle.execute("UPDATE enrollment SET state = 'stopped', "
                + "live_key = NULL"));
        daemon.database().jdbi().useHandle(handle -> handle.execute("INSERT INTO sequence_opt_out (contact_id, "
                + "sequence_id, reason, created_at) SELECT " + dee + ", id, 'not interested', 0 FROM sequence_def"));
        suppress("@blocked.example");
        suppress("sue@example.com");
        Path file = file("""
                email,name,introduced_by
                ann@example.com,Ann,
                bob@sub.blocked.example,Bob,
                cid@example.com,Cid,nobody@example.com
                dee@example.com,Dee,
                eve@example.com,Eve,ann@example.com
                sue@example.com,Sue,
                ann@example.com,Ann again,
                fay@example.com,Fay,
                """);

        CsvImport.Report refused = importFile(file, false);

        String name = file.toString();
        List<String> problems = List.of(
                name + ":2: email: duplicate address \"ann@example.com\" (also on line 8)",
                name + ":3: bob@sub.blocked.example is suppressed (domain blocked.example, reason competitor)",
                name + ":4: introduced_by: no contact with address nobody@example.com",
                name + ":5: dee@example.com declined intro earlier (not interested); not enrolled again",
                name + ":6: introduced_by: no contact with address ann@example.com",
                name + ":7: sue@example.com is suppressed (address, reason competitor)",
                name + ":8: email: duplicate address \"ann@example.com\" (also on line 2)");
        assertThat(refused.problems()).containsExactlyElementsOf(problems);
        assertThat(refused.imported()).isFalse();
        assertThat(refused.summary("people.csv")).isEqualTo("people.csv: 0 enrolled, 7 skipped, 0 already enrolled"
                + " (nothing imported: the file has errors; fix them or use --skip-bad-rows)");
        assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM enrollment WHERE state = 'active'")).isZero();

        CsvImport.Report skipped = importFile(file, true);

        assertThat(skipped.problems()).containsExactlyElementsOf(problems);
        assertThat(skipped.summary("people.csv")).isEqualTo("people.csv: 1 enrolled, 7 skipped, 0 already enrolled");
        List<String> enrolled = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT c.email FROM enrollment e JOIN contact c ON c.id = e.contact_id WHERE e.state = 'active'")
                .mapTo(String.class).list());
        assertThat(enrolled).containsExactly("fay@example.com");
    }

    @DaemonTest
    void aFailureInOneRowOfABatchNeitherLosesNorDuplicatesTheOthers(TestDaemon given) throws IOException {
        open(given);
        List<Integer> suppressed = List.of(1, 999, 1000, 1001, 1999, 2500);
        suppressed.forEach(row -> suppress("p" + row + "@example.org"));
        int bad = suppressed.size() + 1;
        int good = 2500 - bad;
        String rows = IntStream.rangeClosed(1, 2500).mapToObj(row -> "p" + row + "@example.org,Person " + row
                + "," + (row == 1500 ? "p1@example.org" : "")).collect(Collectors.joining("\n"));
        Path file = file("email,name,introduced_by\n" + rows + "\n");

        CsvImport.Report all = importFile(file, false);

        assertThat(all.imported()).isFalse();
        assertThat(all.problems()).hasSize(bad)
                .contains(file + ":1501: introduced_by: no contact with address p1@example.org");
        assertThat(count("SELECT COUNT(*) FROM contact")).isZero();

        CsvImport.Report skipped = importFile(file, true);

        assertThat(skipped.enrolled()).isEqualTo(good);
        assertThat(skipped.problems()).hasSize(bad);
        assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(good);
        assertThat(count("SELECT COUNT(DISTINCT email) FROM contact")).isEqualTo(good);
        assertThat(count("SELECT COUNT(*) FROM enrollment")).isEqualTo(good);
        assertThat(count("SELECT COUNT(DISTINCT contact_id) FROM enrollment")).isEqualTo(good);
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'enrolled'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM enrollment e JOIN event_log l ON l.id = e.enrolled_event "
                + "WHERE l.event = 'enrolled'")).isEqualTo(good);
        assertThat(count("SELECT COUNT(*) FROM contact WHERE email IN ('p1@example.org', 'p999@example.org', "
                + "'p1000@example.org', 'p1001@example.org', 'p1999@example.org', 'p2500@example.org')")).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE email IN ('p2@example.org', 'p998@example.org', "
                + "'p1002@example.org', 'p2000@example.org', 'p2499@example.org')")).isEqualTo(5);

        CsvImport.Report again = importFile(file, true);

        assertThat(again.summary("x")).isEqualTo("x: 0 enrolled, " + bad + " skipped, " + good + " already enrolled");
        assertThat(count("SELECT COUNT(*) FROM enrollment")).isEqualTo(good);
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'enrolled'")).isEqualTo(1);
    }

    @DaemonTest
    void aFileThatFailsAfterSeveralCommittedStagingBatchesImportsNothingAndLeavesNoStagedRows(TestDaemon given)
            throws IOException {
        open(given);
        String rows = IntStream.rangeClosed(1, 2 * BulkEnrollment.COMMIT_ROWS + 500).mapToObj(row -> "q" + row + "@example.org,Person " + row)
                .collect(Collectors.joining("\n"));
        Path file = followup.base().resolve("people.csv");
        byte[] text = ("email,name\n" + rows + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(text, text.length + 20);
        System.arraycopy("q9@example.org,Bad \u00ff".getBytes(StandardCharsets.ISO_8859_1), 0, broken, text.length, 20);
        Files.write(file, broken);

        assertThatThrownBy(() -> importFile(file, true)).isInstanceOf(ContactException.class)
                .hasMessage(file + ": not UTF-8 text; save the CSV file as UTF-8");

        assertNoRows("contact", "enrollment", "import_row", "import_run", "contact_word", "event_log");
    }

    @DaemonTest
    void aFailureInsideTheApplyLeavesNoContactEnrollmentEventOrWordsAndTheSameFileImportsLater(TestDaemon given)
            throws IOException {
        open(given);
        Path file = file("email,name,company\n" + IntStream.rangeClosed(1, 2500)
                .mapToObj(row -> "r" + row + "@example.org,Person " + row + ",Firm " + row)
                .collect(Collectors.joining("\n")) + "\n");
        // without the events' table the apply's transaction fails after the contacts are in
        daemon.database().jdbi().useHandle(handle -> handle.execute("ALTER TABLE event_log RENAME TO event_log_away"));
        try {
            assertThatThrownBy(() -> importFile(file, false)).isInstanceOf(RuntimeException.class);
        } finally {
            daemon.database().jdbi().useHandle(handle -> handle.execute(
                    "ALTER TABLE event_log_away RENAME TO event_log"));
        }

        assertNoRows("contact", "enrollment", "contact_word", "event_log", "import_row", "import_run");

        CsvImport.Report report = importFile(file, false);

        assertThat(report.summary("x")).isEqualTo("x: 2500 enrolled, 0 skipped, 0 already enrolled");
        assertThat(count("SELECT COUNT(DISTINCT contact_id) FROM contact_word")).isEqualTo(2500);
        assertThat(count("SELECT COUNT(*) FROM contact_word w JOIN contact c ON c.id = w.contact_id "
                + "WHERE c.email = 'r2017@example.org' AND w.word IN ('r2017', 'person', '2017', 'firm')"))
                .isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM import_row") + count("SELECT COUNT(*) FROM import_run")).isZero();
    }

    @DaemonTest
    void wordsLeftUnwrittenByAnImportThatDiedAfterItsCommitAreWrittenAtTheNextStart(TestDaemon given)
            throws IOException {
        open(given);
        Path file = file("email,name\n" + IntStream.rangeClosed(1, 2500)
                .mapToObj(row -> "w" + row + "@example.org,Person " + row).collect(Collectors.joining("\n")) + "\n");
        importFile(file, false);
        long first = count("SELECT MIN(id) FROM contact");
        long last = count("SELECT MAX(id) FROM contact");
        daemon.enrollments().enroll(ContactSpec.of("later@example.com", "Later"), TestConfigs.SEQUENCE, "test");
        // as the import's process would leave it had it died after its first chunk of words: the rest unindexed,
        // its range recorded, and a later contact indexed (so the catch-up from the highest one finds nothing)
        daemon.database().jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM contact_word WHERE contact_id > ? AND contact_id <= ?", first + 99, last);
            handle.execute("INSERT INTO import_run (file, started_at, words_after, words_upto) VALUES ('x', 0, ?, ?)",
                    first + 99, last);
        });
        assertThat(io.followup.contact.ContactWords.catchUp(daemon.database().jdbi())).isZero();

        assertThat(BulkEnrollment.resumeWords(daemon.database().jdbi())).isEqualTo(2400);

        assertThat(count("SELECT COUNT(DISTINCT contact_id) FROM contact_word")).isEqualTo(2501);
        assertThat(count("SELECT COUNT(*) FROM import_run")).isZero();
        assertThat(BulkEnrollment.resumeWords(daemon.database().jdbi())).isZero();
    }

    @DaemonTest
    void theWordsOfALargeImportAreWrittenByTwoWritersEveryContactOnceAndTheRunIsDeleted(TestDaemon given)
            throws IOException {
        open(given);
        daemon.enrollments().enroll(ContactSpec.of("before@example.com", "Before"), TestConfigs.SEQUENCE, "test");
        Path file = file("email,name,company\n" + IntStream.rangeClosed(1, 2500)
                .mapToObj(row -> "p" + row + "@example.org,Person N" + row + ",Firm" + row % 7)
                .collect(Collectors.joining("\n")) + "\n");
        BulkEnrollment twoWriters = new BulkEnrollment(daemon.database().jdbi(), followup.clock(), daemon.catalog(),
                daemon.suppressions(), new io.followup.sequence.timing.TimingPlanner(Map.of(), new java.util.Random()),
                500);

        CsvImport.Report report = twoWriters.run(file, TestConfigs.SEQUENCE, false);

        assertThat(report.enrolled()).isEqualTo(2500);
        assertThat(count("SELECT COUNT(DISTINCT contact_id) FROM contact_word")).isEqualTo(2501);
        // p1 example org person n1 firm1: six words a contact, none twice; a contact is found by its own words
        assertThat(count("SELECT COUNT(*) FROM contact_word w JOIN contact c ON c.id = w.contact_id "
                + "WHERE c.email LIKE 'p%@example.org'")).isEqualTo(2500L * 6);
        assertThat(count("SELECT COUNT(*) FROM contact_word w JOIN contact c ON c.id = w.contact_id "
                + "WHERE w.word = 'n2500' AND c.email = 'p2500@example.org'")).isEqualTo(1);
        assertNoRows("import_run", "import_row");
    }

    @DaemonTest
    void anImportThatDiedWithOnlyItsHigherWordPartWrittenIsResumedFromTheLowerPartsProgress(TestDaemon given)
            throws IOException {
        open(given);
        Path file = file("email,name\n" + IntStream.rangeClosed(1, 2000)
                .mapToObj(row -> "h" + row + "@example.org,Person " + row).collect(Collectors.joining("\n")) + "\n");
        importFile(file, false);
        long first = count("SELECT MIN(id) FROM contact");
        long last = count("SELECT MAX(id) FROM contact");
        long middle = first + 999;
        // as two writers would leave it: the lower part stopped after 300 contacts (its progress recorded), the
        // higher part wrote all of its contacts but one chunk in the middle of it
        daemon.database().jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM contact_word WHERE contact_id > ? AND contact_id <= ?", first + 299, middle);
            handle.execute("DELETE FROM contact_word WHERE contact_id > ? AND contact_id <= ?", middle + 400,
                    middle + 600);
            handle.execute("INSERT INTO import_run (file, started_at, words_after, words_upto) VALUES ('x', 0, ?, ?)",
                    first + 299, last);
        });

        assertThat(BulkEnrollment.resumeWords(daemon.database().jdbi())).isEqualTo(700 + 200);

        assertThat(count("SELECT COUNT(DISTINCT contact_id) FROM contact_word")).isEqualTo(2000);
        assertThat(count("SELECT COUNT(*) FROM contact_word")).isEqualTo(2000L * 5);
        assertThat(count("SELECT COUNT(*) FROM import_run")).isZero();
    }

    @DaemonTest
    void aKnownContactIsUpdatedItsFieldsMergedAndItsOwnTimeZoneSetsTheDueTime(TestDaemon given)
            throws IOException {
        open(given);
        daemon.enrollments().enroll(new ContactSpec("ann@example.com", "Ann Archer", null, null, "Acme", 2, null,
                "America/New_York", List.of("old"), Map.of("met_at", "the fair", "city", "Boston"), null),
                TestConfigs.SEQUENCE, "test");
        daemon.database().jdbi().useHandle(handle -> handle.execute("UPDATE enrollment SET state = 'completed', "
                + "live_key = NULL"));
        daemon.enrollments().enroll(ContactSpec.of("bob@example.com", "Bob"), TestConfigs.SEQUENCE, "test");
        Path file = file("""
                email,company,field:met_at
                ann@example.com,Northwind,the summit
                bob@example.com,,
                """);

        CsvImport.Report report = importFile(file, false);

        assertThat(report.summary("x")).isEqualTo("x: 1 enrolled, 0 skipped, 1 already enrolled");
        Contact ann = contact("ann@example.com");
        assertThat(ann.name()).isEqualTo("Ann Archer");
        assertThat(ann.company()).isEqualTo("Northwind");
        assertThat(ann.tier()).isEqualTo(2);
        assertThat(ann.tags()).containsExactly("old");
        assertThat(ann.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("met_at", "the summit", "city", "Boston"));
        Instant due = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT next_due_at FROM enrollment WHERE state = 'active' AND contact_id = " + ann.id())
                .mapTo(Instant.class).one());
        Instant single = daemon.enrollments().enroll(ContactSpec.of("cy@example.com", "Cy")
                .withTimeZone("America/New_York"), TestConfigs.SEQUENCE, "test").nextDueAt();
        assertThat(Duration.between(single, due).abs()).isLessThanOrEqualTo(Duration.ofHours(1));
    }
}
