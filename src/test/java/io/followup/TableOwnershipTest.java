package io.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table (docs/architecture.md, "Table ownership"), enforced on the SQL of the main sources. Every table
 * of the schema has one owner class, which alone writes it ({@code INSERT INTO}, {@code UPDATE}, {@code DELETE FROM},
 * {@code MERGE INTO}, {@code REPLACE INTO}) and reads it on its own; the few reports that join several tables read
 * them in the declared {@link #READ_MODELS}, which write nothing; an owner reads another table only inside a statement
 * on its own table, where {@link #JOINED} says so. The SQL is found in the string literals and text blocks of each
 * source file (literals joined by {@code +} are read as one), so comments and Javadoc do not count. Today's exceptions
 * are listed one by one in {@link #DEBT}: the list may only shrink (an entry no longer needed fails the test too).
 */
class TableOwnershipTest {

    /**
     * Each table of the schema and its one owner class (relative to io.followup). Quartz's QRTZ_ tables are Quartz's.
     */
    static final Map<String, String> OWNERS = new TreeMap<>(Map.ofEntries(
            Map.entry("app_secret", "store.AppSecrets"),
            Map.entry("approval_decision", "approval.DecisionLog"),
            Map.entry("approval_notice", "approval.ApprovalNotifier"),
            Map.entry("contact", "contact.ContactStore"),
            Map.entry("contact_word", "contact.ContactWords"),
            Map.entry("digest_run", "digest.DigestService"),
            Map.entry("enrollment", "sequence.EnrollmentStore"),
            Map.entry("event_log", "store.EventLog"),
            Map.entry("import_row", "sequence.ImportStaging"),
            Map.entry("import_run", "sequence.BulkEnrollment"),
            Map.entry("inbound_message", "inbound.InboundStore"),
            Map.entry("inbound_unreadable", "inbound.UnreadableStore"),
            Map.entry("introduction_item", "response.IntroductionItemStore"),
            Map.entry("keep_in_touch", "keepintouch.KeepInTouchStore"),
            Map.entry("lease_node", "inbound.MailboxLease"),
            Map.entry("mailbox", "sequence.SequenceCatalog"),
            Map.entry("mailbox_folder_lease", "inbound.MailboxLease"),
            Map.entry("mailbox_pacing", "outbox.SendPacing"),
            Map.entry("mailbox_send_count", "outbox.SendPacing"),
            Map.entry("mailbox_watermark", "inbound.WatermarkStore"),
            Map.entry("oauth_grant", "oauth.GrantStore"),
            Map.entry("outbound_message", "outbox.OutboxStore"),
            Map.entry("referral", "sequence.ReferralStore"),
            Map.entry("send_stop", "outbox.StopSwitch"),
            Map.entry("sent_copy", "sentfolder.SentCopyStore"),
            Map.entry("sequence_def", "sequence.SequenceCatalog"),
            Map.entry("sequence_opt_out", "sequence.OptOutStore"),
            Map.entry("sequence_step", "sequence.SequenceCatalog"),
            Map.entry("step_variant", "sequence.VariantChooser"),
            Map.entry("suppression", "contact.SuppressionList"),
            Map.entry("task", "task.TaskStore")));

    /**
     * The reports that must join tables of several owners, each with why; they read any table and write none. Keep
     * this list short: a single-table read belongs to the table's owner.
     */
    static final Map<String, String> READ_MODELS = Map.of(
            "digest.Outcomes", "the digest's outcome table: enrollments, their messages, replies and variants by step",
            "digest.FirstTouches", "the digest's first touches: enrollments, contacts and their first message",
            "digest.NeedsYou", "the digest's 'needs you' list: held drafts, tasks, introductions, grants, mailboxes",
            "contact.ContactStory", "a contact's story page: its enrollments, messages, replies and events in one "
                    + "timeline; the event lists of the web contact and enrollment pages and the demo's narration",
            "approval.DraftList", "the approval queue's pages: drafts with the name of their enrollment's sequence",
            "sequence.EnrollmentLines", "the enrollment lists of the web pages: enrollments with their contact's "
                    + "email, tier and owner and their sequence's name");

    /**
     * Tables an owner reads (never writes) inside a statement on its own table, where a second round trip would
     * cost on a hot path, each with why.
     */
    static final Map<String, Set<String>> JOINED = Map.of(
            // the queue sends a step only while its enrollment is active; a draft takes its contact's tier
            "outbox.OutboxStore", Set.of("enrollment", "contact"),
            // the page of an owner's last digest: the digest run and the message that carried it
            "digest.DigestService", Set.of("outbound_message"),
            // the reply path's one SELECT "this UID seen, same message seen, one of ours" (no round trip more)
            "inbound.InboundStore", Set.of("outbound_message"),
            // dispatch and the send window read an enrollment with its contact's time zone in one query
            "sequence.EnrollmentStore", Set.of("contact"),
            // a search filters contacts by their words in the contact query itself (one look-up per contact read
            // in list order stops after a page; a query for the words first would read every contact of a common
            // word), and the index's catch-up reads the contacts without words
            "contact.ContactStore", Set.of("contact_word"),
            // the introduction loop's two due lists: the NOT EXISTS on introduction_item filters before the LIMIT
            // (contacts with an introducer and no acknowledgement; report-back tasks closed without a thank-you)
            "response.IntroductionItemStore", Set.of("enrollment", "contact", "task"));

    /**
     * Today's uses against the rule ("class writes table" or "class reads table"). Strike an entry off when its use is
     * gone; never add one without a line in docs/architecture.md saying why.
     */
    static final Set<String> DEBT = Set.of(
            // the bulk import: one transaction of set-based statements from the staged rows (INSERT ... SELECT
            // FROM import_row, joined to suppression, opt-outs and existing contacts; issue #13, import5 works in
            // it); the owners' one-row methods would cost a round trip per row, and set-based methods on each owner
            // would read import_row and the other owners' tables all the same (docs/architecture.md)
            "sequence.BulkEnrollment reads contact", "sequence.BulkEnrollment reads enrollment",
            "sequence.BulkEnrollment reads import_row", "sequence.BulkEnrollment reads sequence_opt_out",
            "sequence.BulkEnrollment reads suppression", "sequence.BulkEnrollment writes contact",
            "sequence.BulkEnrollment writes enrollment", "sequence.BulkEnrollment writes event_log",
            "sequence.BulkEnrollment writes import_row");


    private static final Path MAIN = Path.of("src/main/java/io/followup");
    private static final Pattern WRITE =
            Pattern.compile("\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO|REPLACE\\s+INTO)\\s+(\\w+)");
    private static final Pattern READ = Pattern.compile("\\b(?:FROM|JOIN)\\s+(\\w+)");
    private static final Pattern CREATE =
            Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
    private static final Pattern DROP = Pattern.compile("(?i)\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(\\w+)");

    @Test
    void everyTableOfTheSchemaHasOneOwner() {
        assertThat(OWNERS.keySet()).as("tables of src/main/resources/db/migration (without Quartz's) and their owners")
                .containsExactlyInAnyOrderElementsOf(schemaTables());
        Set<String> classes = sources().keySet();
        assertThat(Stream.of(OWNERS.values(), READ_MODELS.keySet(), JOINED.keySet())
                .flatMap(java.util.Collection::stream)
                .filter(owner -> !classes.contains(owner)).toList()).as("owners and read models that do not exist")
                .isEmpty();
    }

    @Test
    void everyTableIsWrittenByItsOwnerAndReadByItOrAReadModel() {
        assertThat(violations(uses(sources()), DEBT)).as("SQL against docs/architecture.md, 'Table ownership'")
                .isEmpty();
    }

    @Test
    void theDebtListOnlyShrinks() {
        Set<String> needed = new TreeSet<>(violations(uses(sources()), Set.of()));
        assertThat(DEBT.stream().filter(entry -> !needed.contains(entry)).sorted().toList())
                .as("listed debt no longer needed: strike it off here and in docs/architecture.md").isEmpty();
    }

    @Test
    void theRuleCatchesAWriteOrAReadOutsideTheOwnerAndIgnoresComments() {
        Map<String, String> sources = Map.of(
                "web.Pages", """
                        // UPDATE contact SET name = 'x' in a comment is no SQL
                        /** DELETE FROM task neither */
                        String sql = "UPDATE contact SET name = :name WHERE id = :id";
                        String count = "SELECT COUNT(*) FROM " + "task WHERE state = 'open'";
                        """,
                "contact.ContactStore", """
                        String insert = \"""
                                INSERT INTO contact (email) VALUES (:email)\""";
                        String read = "SELECT id FROM contact WHERE email = :email FOR UPDATE";
                        String next = "mailbox";
                        """,
                "digest.Outcomes", "String report = \"SELECT * FROM contact c JOIN enrollment e\";"
                        + "String oops = \"DELETE FROM enrollment WHERE id = :id\";",
                "outbox.OutboxStore", "String due = \"SELECT o.id FROM outbound_message o JOIN enrollment e\";"
                        + "String claim = \"REPLACE INTO mailbox_pacing (mailbox_id) VALUES (1)\";");

        assertThat(violations(uses(sources), Set.of("web.Pages reads task"))).containsExactly(
                "digest.Outcomes writes enrollment",
                "outbox.OutboxStore writes mailbox_pacing",
                "web.Pages writes contact");
    }

    /** "class writes table" and "class reads table" for every table of {@link #OWNERS} named in each source's SQL. */
    static Set<String> uses(Map<String, String> sources) {
        Set<String> uses = new TreeSet<>();
        sources.forEach((name, source) -> {
            String sql = sql(source);
            Matcher write = WRITE.matcher(sql);
            while (write.find()) {
                if (OWNERS.containsKey(write.group(1))) {
                    uses.add(name + " writes " + write.group(1));
                }
            }
            Matcher read = READ.matcher(WRITE.matcher(sql).replaceAll(" "));
            while (read.find()) {
                if (OWNERS.containsKey(read.group(1))) {
                    uses.add(name + " reads " + read.group(1));
                }
            }
        });
        return uses;
    }

    /** The uses that break the rule and are not in {@code debt}. */
    static List<String> violations(Set<String> uses, Set<String> debt) {
        List<String> found = new ArrayList<>();
        for (String use : uses) {
            String[] parts = use.split(" ");
            String name = parts[0];
            String table = parts[2];
            boolean owner = OWNERS.get(table).equals(name);
            boolean allowed = owner || parts[1].equals("reads") && (READ_MODELS.containsKey(name)
                    || JOINED.getOrDefault(name, Set.of()).contains(table));
            if (!allowed && !debt.contains(use)) {
                found.add(use);
            }
        }
        return found;
    }

    /**
     * The string literals and text blocks of a Java source: literals joined by {@code +} (with anything between) are
     * separated by a space, others by " ; " so no statement runs into the next; comments and char literals are
     * skipped.
     */
    static String sql(String source) {
        StringBuilder sql = new StringBuilder();
        int lastEnd = -1;
        int at = 0;
        while (at < source.length()) {
            char c = source.charAt(at);
            if (source.startsWith("//", at)) {
                int end = source.indexOf('\n', at);
                at = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", at)) {
                int end = source.indexOf("*/", at + 2);
                at = end < 0 ? source.length() : end + 2;
            } else if (c == '\'') {
                at = skipQuoted(source, at, '\'');
            } else if (c == '"') {
                boolean block = source.startsWith("\"\"\"", at);
                int start = block ? at + 3 : at + 1;
                int end = block ? source.indexOf("\"\"\"", start) : skipQuoted(source, at, '"') - 1;
                end = end < 0 ? source.length() : end;
                if (lastEnd >= 0) {
                    boolean joined = code(source.substring(lastEnd, at)).startsWith("+");
                    sql.append(joined ? " " : " ; ");
                }
                sql.append(source, start, end);
                at = Math.min(source.length(), end + (block ? 3 : 1));
                lastEnd = at;
            } else {
                at++;
            }
        }
        return sql.toString();
    }

    /** The index after the quoted literal that starts at {@code at}, escapes skipped. */
    private static int skipQuoted(String source, int at, char quote) {
        int index = at + 1;
        while (index < source.length() && source.charAt(index) != quote && source.charAt(index) != '\n') {
            index += source.charAt(index) == '\\' ? 2 : 1;
        }
        return Math.min(source.length(), index + 1);
    }

    /** Code between two literals without its comments and blanks. */
    private static String code(String between) {
        return between.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "").strip();
    }

    /** Each main source file by its class name relative to io.followup ("outbox.OutboxStore"). */
    static Map<String, String> sources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String name = MAIN.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                sources.put(name.substring(0, name.length() - ".java".length()), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** The tables the migrations create and do not drop, Quartz's left out. */
    static Set<String> schemaTables() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".sql")).sorted().toList()) {
                String script = Files.readString(file);
                CREATE.matcher(script).results().map(match -> match.group(1).toLowerCase(java.util.Locale.ROOT))
                        .filter(table -> !table.startsWith("qrtz_")).forEach(tables::add);
                DROP.matcher(script).results().map(match -> match.group(1).toLowerCase(java.util.Locale.ROOT))
                        .forEach(tables::remove);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }
}
