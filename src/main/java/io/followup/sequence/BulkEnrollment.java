package io.followup.sequence;

import io.followup.FollowupException;
import io.followup.config.MailboxConfig;
import io.followup.contact.ContactException;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.contact.ContactWords;
import io.followup.contact.CsvImport;
import io.followup.contact.Suppression;
import io.followup.contact.SuppressionList;
import io.followup.sequence.timing.TimingPlanner;
import io.followup.store.EventKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code enroll --csv}: enrolls every row of a CSV file in one sequence, all or nothing. The file is streamed into
 * a staging table ({@code import_row}) in batches; the checks that need the whole file or the database run there
 * set-based (an address twice in the file, a suppressed address or domain, a contact who declined the sequence, an
 * introducer who is neither a contact nor in the file); then contacts and enrollments are written in one transaction
 * with {@code INSERT ... SELECT}, with one {@code enrolled} event for the whole import that every enrollment names
 * ({@code enrollment.enrolled_event}; the histories show it as each enrollment's). A file with any problem imports nothing, unless bad rows are
 * skipped: then exactly the good rows are imported. The search's word index of the new contacts is written after
 * that transaction, a chunk a transaction ({@link ContactWords#indexCommitted}); the range still to index is kept
 * in {@code import_run}, set by the big transaction (so a failed import leaves none) and finished by
 * {@link #resumeWords} when the process died before it was done. Memory does not grow with the file (only the problems are
 * kept). Rows whose contact is already enrolled in the sequence change nothing. Thread-safe.
 */
public final class BulkEnrollment {

    private static final Logger log = LoggerFactory.getLogger(BulkEnrollment.class);
    /** Rows per page and JDBC batch when updating existing contacts, linking introducers and unstaging. */
    static final int BATCH = 1000;
    /** Staged rows per transaction: a commit costs a log flush, so not one per statement. */
    static final int COMMIT_ROWS = 5_000;
    /** A staging run older than this was left by a crashed import and is deleted by the next one. */
    /** Connections that write the word index of an import's new contacts at once (the machine's cores). */
    static final int WORD_WRITERS = 2;
    /** Fewer new contacts than this per writer are indexed by one connection. */
    static final int WORD_PART_MIN = 5_000;
    private static final long STALE_MILLIS = ChronoUnit.DAYS.getDuration().toMillis();
    private static final int CAUSE_MAX = 200;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final SuppressionList suppressions;
    private final TimingPlanner timing;
    private final CsvImport csv = new CsvImport();
    private final int wordPartMin;

    /**
     * @param suppressions refuses suppressed addresses and domains (null: no check)
     * @param timing       moves each first step into the sequence's send window in the contact's time zone
     */
    public BulkEnrollment(Jdbi jdbi, Clock clock, SequenceCatalog catalog, SuppressionList suppressions,
                          TimingPlanner timing) {
        this(jdbi, clock, catalog, suppressions, timing, WORD_PART_MIN);
    }

    /** @param wordPartMin fewer new contacts than this per word writer are indexed by one connection */
    BulkEnrollment(Jdbi jdbi, Clock clock, SequenceCatalog catalog, SuppressionList suppressions,
                   TimingPlanner timing, int wordPartMin) {
        this.wordPartMin = wordPartMin;
        this.jdbi = jdbi;
        this.suppressions = suppressions;
        this.clock = clock;
        this.catalog = catalog;
        this.timing = timing;
    }

    /**
     * Imports {@code file} into the named sequence.
     *
     * @param skipBadRows import the good rows of a file with problems (else nothing is imported)
     * @throws EnrollmentException when the sequence is unknown
     * @throws ContactException    when the file cannot be read or has no header row
     */
    public CsvImport.Report run(Path file, String sequenceName, boolean skipBadRows) {
        long sequenceId = catalog.sequenceId(sequenceName).orElseThrow(() -> new EnrollmentException(
                "unknown sequence \"" + sequenceName + "\"; configured: " + String.join(", ", catalog.sequenceNames())));
        Instant now = clock.instant();
        Run run = new Run(file.toString(), sequenceId, now);
        run.importId = jdbi.inTransaction(handle -> begin(handle, run.file, now));
        try {
            return run.execute(file, skipBadRows);
        } finally {
            jdbi.useHandle(handle -> end(handle, run.importId));
            run.phases.lap("unstage");
            log.debug("import {}: {}", run.file, run.phases);
        }
    }

    /**
     * Writes the word index of the contacts of imports that committed but did not finish it (their process died
     * while indexing), then deletes those runs; at start, before {@link ContactWords#catchUp}. Costs one query when
     * there are none. Returns the number of contacts indexed.
     */
    public static int resumeWords(Jdbi jdbi) {
        List<long[]> pending = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, words_after, words_upto FROM import_run WHERE words_after < words_upto ORDER BY id")
                .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getLong("words_after"), rs.getLong("words_upto")})
                .list());
        int indexed = 0;
        for (long[] run : pending) {
            indexed += ContactWords.indexCommitted(jdbi, run[1], run[2], (handle, upto) -> indexed(handle, run[0], upto));
            jdbi.useHandle(handle -> end(handle, run[0]));
        }
        return indexed;
    }

    /** Records that the contacts of run {@code importId} up to {@code upto} are in the word index. */
    private static void indexed(Handle handle, long importId, long upto) {
        handle.createUpdate("UPDATE import_run SET words_after = :upto WHERE id = :id AND words_after < :upto")
                .bind("id", importId).bind("upto", upto).execute();
    }

    private static long begin(Handle handle, String file, Instant now) {
        List<Long> stale = handle.createQuery("""
                        SELECT id FROM import_run WHERE started_at < :before
                          AND (words_upto IS NULL OR words_after >= words_upto)""")
                .bind("before", now.toEpochMilli() - STALE_MILLIS).mapTo(Long.class).list();
        stale.forEach(id -> end(handle, id));
        return handle.createUpdate("INSERT INTO import_run (file, started_at) VALUES (:file, :now)")
                .bind("file", file.length() <= 1000 ? file : file.substring(file.length() - 1000)).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Deletes a run's staged rows, and the run unless words of its contacts are still to be indexed. */
    private static void end(Handle handle, long importId) {
        handle.createUpdate("DELETE FROM import_row WHERE import_id = :id").bind("id", importId).execute();
        handle.createUpdate("""
                        DELETE FROM import_run WHERE id = :id AND (words_upto IS NULL OR words_after >= words_upto)""")
                .bind("id", importId).execute();
    }

    /** One import: its problems and counts. Confined to the calling thread. */
    private final class Run {

        private final String file;
        private final long sequenceId;
        private final SequenceDefinition sequence;
        private final long mailboxId;
        private final ZoneId mailboxZone;
        private final Instant now;
        private final List<CsvImport.Problem> problems = new ArrayList<>();
        private final Set<Integer> badLines = new HashSet<>();
        private final Map<ZoneId, Due> dueByZone = new HashMap<>();
        private final Phases phases = new Phases();
        private long importId;
        /** The new contacts' ids, (wordsAfter, wordsUpto]: their words are written after the commit. */
        private long wordsAfter;
        private long wordsUpto;

        Run(String file, long sequenceId, Instant now) {
            this.file = file;
            this.sequenceId = sequenceId;
            this.sequence = catalog.sequence(sequenceId);
            this.mailboxId = sequence.mailbox() == null ? catalog.mailboxes().keySet().iterator().next()
                    : catalog.mailboxId(sequence.mailbox());
            MailboxConfig mailbox = catalog.mailbox(mailboxId);
            this.mailboxZone = mailbox.timeZone();
            this.now = now;
        }

        CsvImport.Report execute(Path path, boolean skipBadRows) {
            int syntaxBad = jdbi.withHandle(handle -> {
                try {
                    return stage(handle);
                } catch (RuntimeException e) {
                    handle.rollback();
                    throw e;
                }
            });
            phases.lap("stage");
            jdbi.useTransaction(this::check);
            phases.lap("check");
            int bad = syntaxBad + badLines.size();
            List<String> report = problems.stream().sorted(Comparator.comparingInt(CsvImport.Problem::line))
                    .map(problem -> problem.format(file)).toList();
            if (!problems.isEmpty() && !skipBadRows) {
                return new CsvImport.Report(0, bad, 0, report, false);
            }
            int[] counts = jdbi.inTransaction(this::apply);
            phases.lap("commit");
            indexWords();
            phases.lap("words");
            log.info("import {}: {} enrolled in {}, {} already enrolled, {} skipped", file, counts[0],
                    sequence.name(), counts[1], bad);
            return new CsvImport.Report(counts[0], bad, counts[1], report, true);
        }

        /**
         * Streams the file into {@code import_row} ({@link ImportStaging}: multi-row inserts), one transaction per
         * {@link #COMMIT_ROWS} rows (a commit per row would cost a log flush per row); returns the number of bad
         * lines. The staged rows are only read by this
         * run and deleted when it ends, so a crash in the middle leaves nothing that is applied.
         */
        private int stage(Handle handle) {
            Map<String, Suppression> domains = suppressions == null ? Map.of() : suppressions.domains(handle);
            handle.begin();
            try (ImportStaging staging = new ImportStaging(handle.getConnection(), file, COMMIT_ROWS)) {
                int bad = csv.read(Path.of(file), new CsvImport.Sink() {
                    @Override
                    public void row(CsvImport.Row row) {
                        String email = row.contact().email();
                        var suppressed = SuppressionList.matchDomain(domains, email);
                        if (suppressed.isPresent()) {
                            fail(row.line(), email + " is suppressed (" + suppressed.get().describe() + ")");
                            return;
                        }
                        stageRow(staging, row.line(), row.contact());
                    }

                    @Override
                    public void problem(CsvImport.Problem problem) {
                        problems.add(problem);
                    }
                });
                staging.finish();
                handle.commit();
                return bad;
            }
        }

        private void stageRow(ImportStaging staging, int line, ContactSpec contact) {
            String first = contact.firstName();
            String last = contact.lastName();
            if (first == null && contact.name() != null) {
                String[] parts = contact.name().split("\\s+", 2);
                first = parts[0];
                last = last != null ? last : parts.length > 1 ? parts[1] : null;
            }
            Due due = due(contact.timeZone() != null ? ZoneId.of(contact.timeZone()) : mailboxZone);
            staging.add(importId, line, contact.email(), contact.name(), cut(first, 100), cut(last, 100),
                    contact.company(), contact.tier(), contact.goal(), contact.timeZone(),
                    contact.tags().isEmpty() ? null : String.join(",", contact.tags()),
                    contact.fields().isEmpty() ? null : ContactStore.toJson(contact.fields()),
                    contact.introducedBy() == null ? null : ContactStore.normalizeAddress(contact.introducedBy()),
                    due.at().toEpochMilli(), due.text());
        }

        /**
         * The first step's due time in {@code zone}. Without jitter it depends only on the zone (the sequence and
         * the start are the run's), so it is computed once per zone; with jitter every contact gets its own.
         */
        private Due due(ZoneId zone) {
            if (sequence.timing().jitter()) {
                return Due.of(plannedDue(zone));
            }
            return dueByZone.computeIfAbsent(zone, key -> Due.of(plannedDue(key)));
        }

        private Instant plannedDue(ZoneId zone) {
            return timing.due(sequence.timing(), sequence.steps().get(0).delay(), now, zone);
        }

        private void fail(int line, String message) {
            problems.add(new CsvImport.Problem(line, message));
            badLines.add(line);
        }

        /** The checks that need the whole file or the database; each bad row is reported and unstaged. */
        private void check(Handle handle) {
            Map<String, List<Integer>> duplicates = new LinkedHashMap<>();
            handle.createQuery("""
                            SELECT r.email, r.line FROM import_row r
                            WHERE r.import_id = :id AND r.email IN (SELECT d.email FROM import_row d
                                WHERE d.import_id = :id GROUP BY d.email HAVING COUNT(*) > 1)
                            ORDER BY r.email, r.line""")
                    .bind("id", importId)
                    .map((rs, ctx) -> Map.entry(rs.getString("email"), rs.getInt("line")))
                    .forEach(row -> duplicates.computeIfAbsent(row.getKey(), key -> new ArrayList<>())
                            .add(row.getValue()));
            duplicates.forEach((email, lines) -> CsvImport.duplicates(email, lines)
                    .forEach(problem -> fail(problem.line(), problem.message())));
            if (suppressions != null) {
                handle.createQuery("""
                                SELECT r.line, s.* FROM import_row r JOIN suppression s ON s.entry = r.email
                                WHERE r.import_id = :id""")
                        .bind("id", importId)
                        .map((rs, ctx) -> Map.entry(rs.getInt("line"), SuppressionList.read(rs)))
                        .forEach(row -> fail(row.getKey(), row.getValue().entry() + " is suppressed ("
                                + row.getValue().describe() + ")"));
            }
            handle.createQuery("""
                            SELECT r.line, r.email FROM import_row r JOIN contact c ON c.email = r.email
                            JOIN sequence_opt_out o ON o.contact_id = c.id AND o.sequence_id = :sequence
                            WHERE r.import_id = :id""")
                    .bind("id", importId).bind("sequence", sequenceId)
                    .map((rs, ctx) -> Map.entry(rs.getInt("line"), rs.getString("email")))
                    .forEach(row -> fail(row.getKey(), row.getValue() + " declined " + sequence.name()
                            + " earlier (not interested); not enrolled again"));
            unstage(handle, badLines);
            while (true) {
                Map<Integer, String> unknown = new LinkedHashMap<>();
                handle.createQuery("""
                                SELECT r.line, r.introduced_by FROM import_row r
                                WHERE r.import_id = :id AND r.introduced_by IS NOT NULL
                                  AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.email = r.introduced_by)
                                  AND NOT EXISTS (SELECT 1 FROM import_row o
                                                  WHERE o.import_id = r.import_id AND o.email = r.introduced_by)""")
                        .bind("id", importId)
                        .map((rs, ctx) -> Map.entry(rs.getInt("line"), rs.getString("introduced_by")))
                        .forEach(row -> unknown.put(row.getKey(), row.getValue()));
                if (unknown.isEmpty()) {
                    break;
                }
                unknown.forEach((line, introducer) -> fail(line, "introduced_by: no contact with address "
                        + introducer));
                unstage(handle, unknown.keySet());
            }
        }

        private void unstage(Handle handle, Set<Integer> lines) {
            PreparedBatch delete = handle.prepareBatch("DELETE FROM import_row WHERE import_id = :id AND line = :line");
            for (int line : lines) {
                delete.bind("id", importId).bind("line", line).add();
                if (delete.size() >= BATCH) {
                    delete.execute();
                    delete = handle.prepareBatch("DELETE FROM import_row WHERE import_id = :id AND line = :line");
                }
            }
            if (delete.size() > 0) {
                delete.execute();
            }
        }

        /** Writes the staged rows; returns {enrolled, already enrolled}. Runs in one transaction. */
        private int[] apply(Handle handle) {
            handle.createUpdate("""
                    UPDATE import_row SET contact_id = (SELECT c.id FROM contact c WHERE c.email = import_row.email)
                    WHERE import_id = :id
                      AND EXISTS (SELECT 1 FROM contact c WHERE c.email = import_row.email)""")
                    .bind("id", importId).execute();
            int already = handle.createUpdate("""
                    DELETE FROM import_row WHERE import_id = :id AND contact_id IS NOT NULL
                      AND EXISTS (SELECT 1 FROM enrollment e
                                  WHERE e.live_key = CONCAT(import_row.contact_id, ':', :sequence))""")
                    .bind("id", importId).bind("sequence", sequenceId).execute();
            phases.lap("existing");
            updateExisting(handle);
            phases.lap("update");
            long lastContact = handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM contact").mapTo(Long.class).one();
            handle.createUpdate("""
                    INSERT INTO contact (email, name, first_name, last_name, company, tier, goal, time_zone, tags,
                                         fields, created_at, updated_at)
                    SELECT email, name, first_name, last_name, company, COALESCE(tier, 3), goal, time_zone,
                           COALESCE(tags, ''), COALESCE(fields, '{}'), :now, :now
                    FROM import_row WHERE import_id = :id AND contact_id IS NULL ORDER BY line""")
                    .bind("id", importId).bind("now", now).execute();
            wordsAfter = lastContact;
            wordsUpto = handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM contact").mapTo(Long.class).one();
            handle.createUpdate("UPDATE import_run SET words_after = :after, words_upto = :upto WHERE id = :id")
                    .bind("after", wordsAfter).bind("upto", wordsUpto).bind("id", importId).execute();
            phases.lap("contact");
            linkIntroducers(handle);
            phases.lap("introducers");
            long rows = handle.createQuery("SELECT COUNT(*) FROM import_row WHERE import_id = :id")
                    .bind("id", importId).mapTo(Long.class).one();
            Long event = rows == 0 ? null : handle.createUpdate(
                            "INSERT INTO event_log (at, event, cause, detail) VALUES (:now, :event, :cause, :detail)")
                    .bind("now", now).bind("event", EventKind.ENROLLED.text()).bind("cause", causePrefix())
                    .bind("detail", "in " + sequence.name() + ", one of " + rows + " contacts of the file")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            phases.lap("events");
            int enrolled = handle.createUpdate("""
                    INSERT INTO enrollment (contact_id, sequence_id, mailbox_id, state, next_step, next_due_at,
                                            live_key, enrolled_at, updated_at, enrolled_event)
                    SELECT c.id, :sequence, :mailbox, 'active', 1, r.due_at, CONCAT(c.id, ':', :sequence), :now, :now,
                           :event
                    FROM import_row r JOIN contact c ON c.email = r.email WHERE r.import_id = :id ORDER BY r.line""")
                    .bind("id", importId).bind("sequence", sequenceId).bind("mailbox", mailboxId).bind("now", now)
                    .bind("event", event).execute();
            phases.lap("enrollment");
            return new int[] {enrolled, already};
        }

        /**
         * Writes the word index of the new contacts, a chunk a transaction, on {@value #WORD_WRITERS} connections at
         * once, each over its own part of the ids (the server's inserts are the cost, and one connection keeps one
         * core of it busy). The lowest part records its progress in the run; when every part is done the whole
         * range is. A process that dies meanwhile leaves the run from the lowest part's progress on, and
         * {@link #resumeWords} reads it again from there, skipping the contacts a higher part had indexed. The import
         * has committed: a failure here is logged, and the rest is written when followup next starts.
         */
        private void indexWords() {
            try {
                List<long[]> parts = parts(wordsAfter, wordsUpto, WORD_WRITERS, wordPartMin);
                List<Thread> writers = new ArrayList<>();
                List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
                for (int index = 0; index < parts.size(); index++) {
                    long[] part = parts.get(index);
                    BiConsumer<Handle, Long> progress = index == 0
                            ? (handle, upto) -> indexed(handle, importId, upto) : (handle, upto) -> { };
                    Thread writer = new Thread(() -> {
                        try {
                            ContactWords.indexCommitted(jdbi, part[0], part[1], progress);
                        } catch (RuntimeException | Error e) {
                            failures.add(e); // a part not written must not be recorded as done below
                        }
                    }, "import-words-" + index);
                    writer.start();
                    writers.add(writer);
                }
                for (Thread writer : writers) {
                    writer.join();
                }
                if (!failures.isEmpty()) {
                    throw failures.get(0) instanceof RuntimeException runtime ? runtime
                            : FollowupException.failure(failures.get(0).toString(), failures.get(0));
                }
                jdbi.useHandle(handle -> indexed(handle, importId, wordsUpto));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("import {}: interrupted while writing the search's word index; the rest is written when "
                        + "followup next starts", file);
            } catch (RuntimeException e) {
                log.warn("import {}: the contacts are imported, but the search's word index of {} of them was not "
                        + "written ({}); it is written when followup next starts", file, wordsUpto - wordsAfter,
                        e.getMessage());
            }
        }

        /**
         * Contacts that exist already: the values the file gives replace the stored ones, custom fields are merged,
         * and a row without a time zone takes the contact's own for its due time.
         */
        private void updateExisting(Handle handle) {
            int after = 0;
            while (true) {
                List<Existing> page = handle.createQuery("""
                                SELECT r.line, r.contact_id, r.name, r.first_name, r.last_name, r.company, r.tier,
                                       r.goal, r.time_zone, r.tags, r.fields, c.fields AS old_fields,
                                       c.time_zone AS old_zone
                                FROM import_row r JOIN contact c ON c.id = r.contact_id
                                WHERE r.import_id = :id AND r.line > :after ORDER BY r.line LIMIT :limit""")
                        .bind("id", importId).bind("after", after).bind("limit", BATCH)
                        .map((rs, ctx) -> new Existing(rs.getInt("line"), rs.getLong("contact_id"),
                                rs.getString("name"), rs.getString("first_name"), rs.getString("last_name"),
                                rs.getString("company"), (Integer) rs.getObject("tier"), rs.getString("goal"),
                                rs.getString("time_zone"), rs.getString("tags"), rs.getString("fields"),
                                rs.getString("old_fields"), rs.getString("old_zone")))
                        .list();
                if (page.isEmpty()) {
                    return;
                }
                PreparedBatch update = handle.prepareBatch("""
                        UPDATE contact SET name = COALESCE(:name, name), first_name = COALESCE(:first, first_name),
                               last_name = COALESCE(:last, last_name), company = COALESCE(:company, company),
                               tier = COALESCE(:tier, tier), goal = COALESCE(:goal, goal),
                               time_zone = COALESCE(:zone, time_zone), tags = COALESCE(:tags, tags),
                               fields = :fields, updated_at = :now
                        WHERE id = :contact""");
                PreparedBatch redue = handle.prepareBatch(
                        "UPDATE import_row SET due_at = :due, due_text = :dueText WHERE import_id = :id AND line = :line");
                for (Existing row : page) {
                    Map<String, String> fields = new LinkedHashMap<>(ContactStore.fromJson(row.oldFields()));
                    fields.putAll(ContactStore.fromJson(row.fields()));
                    update.bind("name", row.name()).bind("first", row.first()).bind("last", row.last())
                            .bind("company", row.company()).bind("tier", row.tier()).bind("goal", row.goal())
                            .bind("zone", row.zone()).bind("tags", row.tags()).bind("fields", ContactStore.toJson(fields))
                            .bind("now", now).bind("contact", row.contactId()).add();
                    if (row.zone() == null && row.oldZone() != null) {
                        Due due = due(ContactStore.validateZone(row.oldZone()));
                        redue.bind("due", due.at()).bind("dueText", due.text())
                                .bind("id", importId).bind("line", row.line()).add();
                    }
                }
                update.execute();
                ContactWords.reindex(handle, page.stream().map(Existing::contactId).toList());
                new io.followup.outbox.OutboxStore().retier(handle, page.stream().filter(row -> row.tier() != null)
                        .map(Existing::contactId).toList());
                if (redue.size() > 0) {
                    redue.execute();
                }
                after = page.get(page.size() - 1).line();
            }
        }

        /** Sets {@code introduced_by} of the rows that name an introducer (now a contact: checked before). */
        private void linkIntroducers(Handle handle) {
            int after = 0;
            while (true) {
                List<long[]> page = handle.createQuery("""
                                SELECT r.line, c.id AS contact_id, i.id AS introducer FROM import_row r
                                JOIN contact c ON c.email = r.email JOIN contact i ON i.email = r.introduced_by
                                WHERE r.import_id = :id AND r.introduced_by IS NOT NULL AND r.line > :after
                                ORDER BY r.line LIMIT :limit""")
                        .bind("id", importId).bind("after", after).bind("limit", BATCH)
                        .map((rs, ctx) -> new long[] {rs.getInt("line"), rs.getLong("contact_id"),
                                rs.getLong("introducer")})
                        .list();
                if (page.isEmpty()) {
                    return;
                }
                PreparedBatch update = handle.prepareBatch(
                        "UPDATE contact SET introduced_by = :introducer WHERE id = :contact");
                page.forEach(row -> update.bind("introducer", row[2]).bind("contact", row[1]).add());
                update.execute();
                after = (int) page.get(page.size() - 1)[0];
            }
        }

        /** {@code "csv people.csv"}, shortened from the left so that it fits its column. */
        private String causePrefix() {
            String prefix = "csv " + file;
            return prefix.length() <= CAUSE_MAX ? prefix : "csv …" + prefix.substring(prefix.length() - CAUSE_MAX + 5);
        }
    }

    /**
     * Splits the ids ({@code after}, {@code upto}] into at most {@code count} consecutive parts of at least
     * {@code min} ids each (one part when there are fewer), lowest first, as {@code {after, upto}} pairs.
     */
    static List<long[]> parts(long after, long upto, int count, int min) {
        long size = upto - after;
        int parts = (int) Math.max(1, Math.min(count, size / Math.max(1, min)));
        List<long[]> result = new ArrayList<>();
        long from = after;
        for (int index = 1; index <= parts; index++) {
            long to = index == parts ? upto : after + size * index / parts;
            result.add(new long[] {from, to});
            from = to;
        }
        return result;
    }

    /** Milliseconds per phase of one import, logged at debug at its end (where the time goes). */
    private static final class Phases {
        private final StringBuilder laps = new StringBuilder();
        private long last = System.nanoTime();

        void lap(String phase) {
            long now = System.nanoTime();
            laps.append(laps.isEmpty() ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000)
                    .append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    /** A first step's due time and its text in the {@code enrolled} event. */
    private record Due(Instant at, String text) {
        static Due of(Instant at) {
            return new Due(at, at.truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    /** A staged row whose contact exists already, with that contact's fields and time zone. */
    private record Existing(int line, long contactId, String name, String first, String last, String company,
                            Integer tier, String goal, String zone, String tags, String fields, String oldFields,
                            String oldZone) {
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
