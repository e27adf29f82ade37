package io.followup.bench;

import io.followup.contact.ContactWords;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Fast bulk data for the digest and page benchmarks: plain {@code INSERT ... SELECT} over a numbers table (one
 * statement per 100,000 rows, autocommit), not the import path. Contacts {@code <prefix><n>@example<n mod 97>.org},
 * one enrollment and one step message per contact. SQL that H2 (MODE=MariaDB) and MariaDB both run.
 */
final class BenchData {

    private static final int CHUNK = 100;

    private final Jdbi jdbi;
    private final long sequenceId;
    private final long mailboxId;

    BenchData(Jdbi jdbi, String sequence, String mailbox) {
        this.jdbi = jdbi;
        this.sequenceId = jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM sequence_def WHERE name = :name")
                .bind("name", sequence).mapTo(Long.class).one());
        this.mailboxId = jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM mailbox WHERE name = :name")
                .bind("name", mailbox).mapTo(Long.class).one());
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE IF NOT EXISTS bench_n (n INT NOT NULL PRIMARY KEY)");
            if (handle.createQuery("SELECT COUNT(*) FROM bench_n").mapTo(Integer.class).one() == 0) {
                var batch = handle.prepareBatch("INSERT INTO bench_n (n) VALUES (:n)");
                for (int n = 0; n < 1000; n++) {
                    batch.bind("n", n).add();
                }
                batch.execute();
            }
        });
    }

    /**
     * {@code rows} contacts (tier 1 + n mod 5), each with one enrollment (state by n mod 10: 0–5 active, 6 paused,
     * 7 stopped, 8–9 completed; next step due in a year, so a started daemon leaves them alone) and one step message whose state is {@code pending_approval} for every
     * {@code waitingEvery}-th contact and {@code sent} (at {@code sentFrom} + n seconds) for the others.
     */
    void contactsEnrollmentsMessages(String prefix, int rows, int waitingEvery, Instant sentFrom, Instant now) {
        contacts(prefix, rows, now);
        eachChunk(prefix, (handle, from, to) -> enrollmentsAndMessages(handle, from, to, waitingEvery, sentFrom, now));
        long indexing = System.nanoTime();
        int indexed = jdbi.withHandle(handle -> ContactWords.indexAfter(handle, first(prefix) - 1));
        System.out.printf(java.util.Locale.ROOT, "[bench] contact words of %,d contacts: %.1f s%n", indexed,
                (System.nanoTime() - indexing) / 1e9);
    }

    /** What is done for the contacts of one chunk of ids. */
    private interface ChunkWork {

        void run(Handle handle, long from, long to);
    }

    /** Runs {@code work} for the contacts of {@code prefix} and after, one statement's chunk of ids at a time. */
    private void eachChunk(String prefix, ChunkWork work) {
        long first = first(prefix);
        long last = jdbi.withHandle(handle -> handle.createQuery("SELECT MAX(id) FROM contact").mapTo(Long.class).one());
        for (long chunk = first; chunk <= last; chunk += CHUNK * 1000L) {
            long from = chunk;
            jdbi.useHandle(handle -> work.run(handle, from, from + CHUNK * 1000L));
        }
    }

    /** {@code rows} contacts of {@code prefix} (tier 1 + n mod 5). */
    private void contacts(String prefix, int rows, Instant now) {
        contacts(prefix, rows, now, "NULL", "NULL");
    }

    /**
     * {@code rows} contacts of {@code prefix} (tier 1 + n mod 5) with the SQL expressions {@code firstName} and
     * {@code fields} (of the number {@code n}, written {@code (a.n * 1000 + b.n)}).
     */
    private void contacts(String prefix, int rows, Instant now, String firstName, String fields) {
        String number = "(a.n * 1000 + b.n)";
        for (int from = 0; from * 1000 < rows; from += CHUNK) {
            int chunkFrom = from;
            jdbi.useHandle(handle -> {
                handle.createUpdate("INSERT INTO contact (email, name, first_name, company, tier, fields, "
                                + "created_at, updated_at) "
                                + "SELECT CONCAT(:prefix, " + number + ", '@example', MOD(" + number + ", 97), '.org'), "
                                + "CONCAT('Contact Number ', " + number + "), " + firstName + ", "
                                + "CONCAT('Company ', MOD(" + number + ", 1000)), 1 + MOD(" + number + ", 5), "
                                + fields + ", :now, :now "
                                + "FROM bench_n a CROSS JOIN bench_n b "
                                + "WHERE a.n >= :from AND a.n < :to AND " + number + " < :rows")
                        .bind("prefix", prefix).bind("now", now).bind("from", chunkFrom).bind("to", chunkFrom + CHUNK)
                        .bind("rows", rows).execute();
            });
        }
    }

    /**
     * {@code rows} contacts of {@code prefix}, each with one active enrollment at step 1 due at {@code dueAt}, and no
     * messages: the enrollments a dispatch pass walks past (or takes, when {@code dueAt} has come).
     */
    void activeEnrollments(String prefix, int rows, Instant dueAt, Instant now) {
        contacts(prefix, rows, now);
        enrollments(prefix, dueAt, now);
    }

    /**
     * {@code rows} contacts of {@code prefix} with what the bench template needs (a first name, the field
     * {@code met_at}), each with one active enrollment at step 1 due at {@code now}: a burst of due enrollments
     * loaded set-based (a million in minutes, where the import or the API would take far longer).
     */
    void dueEnrollments(String prefix, int rows, Instant now) {
        contacts(prefix, rows, now, "'Contact'", "'{\"met_at\":\"the spring fair\"}'");
        enrollments(prefix, now, now);
    }

    /** One active enrollment at step 1, due at {@code dueAt}, for each contact of {@code prefix} and after. */
    private void enrollments(String prefix, Instant dueAt, Instant now) {
        eachChunk(prefix, (handle, from, to) -> handle.createUpdate("""
                        INSERT INTO enrollment (contact_id, sequence_id, mailbox_id, state, next_step, next_due_at,
                                                enrolled_at, updated_at)
                        SELECT c.id, :sequence, :mailbox, 'active', 1, :due, :now, :now
                        FROM contact c WHERE c.id >= :from AND c.id < :to""")
                .bind("sequence", sequenceId).bind("mailbox", mailboxId).bind("now", now).bind("due", dueAt)
                .bind("from", from).bind("to", to).execute());
    }

    private void enrollmentsAndMessages(Handle handle, long from, long to, int waitingEvery, Instant sentFrom,
                                        Instant now) {
        handle.createUpdate("""
                        INSERT INTO enrollment (contact_id, sequence_id, mailbox_id, state, next_step, next_due_at,
                                                enrolled_at, updated_at)
                        SELECT c.id, :sequence, :mailbox,
                               CASE WHEN MOD(c.id, 10) < 6 THEN 'active' WHEN MOD(c.id, 10) = 6 THEN 'paused'
                                    WHEN MOD(c.id, 10) = 7 THEN 'stopped' ELSE 'completed' END,
                               2, :later, :now, :now
                        FROM contact c WHERE c.id >= :from AND c.id < :to""")
                .bind("sequence", sequenceId).bind("mailbox", mailboxId).bind("now", now)
                .bind("later", now.plus(java.time.Duration.ofDays(365))).bind("from", from)
                .bind("to", to).execute();
        handle.createUpdate("""
                        INSERT INTO outbound_message (enrollment_id, mailbox_id, step_no, attempt, idempotency_key,
                               state, message_id, template, from_address, to_address, to_name, subject, body_text,
                               not_before, sent_at, tier, created_at, updated_at)
                        SELECT e.id, e.mailbox_id, 1, 1, CONCAT(e.id, ':1:1'),
                               CASE WHEN MOD(c.id, :every) = 0 THEN 'pending_approval' ELSE 'sent' END,
                               CONCAT('<bench', e.id, '@bench.test>'), 'bench/first', 'owner@bench.test', c.email,
                               c.name, CONCAT('Great to meet you, ', c.name), 'Hi, thank you for the conversation.',
                               :sentFrom + MOD(c.id, 86400) * 1000,
                               CASE WHEN MOD(c.id, :every) = 0 THEN NULL ELSE :sentFrom + MOD(c.id, 518400) * 1000 END,
                               c.tier, :now, :now
                        FROM enrollment e JOIN contact c ON c.id = e.contact_id
                        WHERE c.id >= :from AND c.id < :to""")
                .bind("every", waitingEvery).bind("sentFrom", sentFrom.toEpochMilli()).bind("now", now)
                .bind("from", from).bind("to", to).execute();
    }

    /**
     * Replies and outcomes for the contacts of {@code prefix}, received in [{@code from}, {@code from} + 6 days):
     * every 10th contact a human reply (intents in turn; every other one matched to its step message, the others
     * matched by the enrollment only), every 50th a bounce (half of them soft: a {@code soft_bounce} event) and an
     * auto-reply, every 20th a {@code completed} event, every 100th an {@code unsubscribed} event.
     */
    void outcomes(String prefix, Instant from) {
        long first = first(prefix);
        long start = from.toEpochMilli();
        jdbi.useHandle(handle -> {
            String received = ":start + MOD(c.id, 518400) * 1000 + 3600000";
            String select = "SELECT e.mailbox_id, 'INBOX', 1, c.id * 4 + %d, CONCAT('h', c.id, '-%d'), c.email, "
                    + received + ", %s, %s, %s, e.id, c.id "
                    + "FROM contact c JOIN enrollment e ON e.contact_id = c.id "
                    + "JOIN outbound_message o ON o.enrollment_id = e.id WHERE c.id >= :first AND %s";
            String insert = "INSERT INTO inbound_message (mailbox_id, folder, uid_validity, uid, content_hash, "
                    + "from_address, received_at, kind, intent, matched_outbound_id, enrollment_id, contact_id) ";
            handle.createUpdate(insert + String.format(select, 0, 0, "'human_reply'",
                            "CASE MOD(c.id, 50) WHEN 0 THEN 'interested' WHEN 10 THEN 'not_interested' "
                                    + "WHEN 20 THEN 'referral' WHEN 30 THEN 'unsubscribe' ELSE NULL END",
                            "CASE WHEN MOD(c.id, 20) = 0 THEN o.id ELSE NULL END", "MOD(c.id, 10) = 0"))
                    .bind("start", start).bind("first", first).execute();
            handle.createUpdate(insert + String.format(select, 1, 1, "'bounce'", "NULL", "o.id",
                            "MOD(c.id, 50) = 1"))
                    .bind("start", start).bind("first", first).execute();
            handle.createUpdate(insert + String.format(select, 2, 2, "'auto_reply'", "NULL", "NULL",
                            "MOD(c.id, 50) = 2"))
                    .bind("start", start).bind("first", first).execute();
            handle.createUpdate("""
                            INSERT INTO event_log (at, event, enrollment_id, contact_id, inbound_id, cause)
                            SELECT i.received_at, 'soft_bounce', i.enrollment_id, i.contact_id, i.id, 'bench'
                            FROM inbound_message i WHERE i.kind = 'bounce' AND MOD(i.contact_id, 100) = 1""")
                    .execute();
            handle.createUpdate("""
                            INSERT INTO event_log (at, event, enrollment_id, contact_id, cause)
                            SELECT :start + MOD(c.id, 518400) * 1000 + 7200000,
                                   CASE WHEN MOD(c.id, 20) = 3 THEN 'completed' ELSE 'unsubscribed' END,
                                   e.id, c.id, 'bench'
                            FROM contact c JOIN enrollment e ON e.contact_id = c.id
                            WHERE c.id >= :first AND (MOD(c.id, 20) = 3 OR MOD(c.id, 100) = 4)""")
                    .bind("start", start).bind("first", first).execute();
        });
    }

    private long first(String prefix) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT MIN(id) FROM contact WHERE email LIKE :prefix")
                .bind("prefix", prefix + "%").mapTo(Long.class).one());
    }
}
