package io.followup.contact;

import io.followup.FollowupException;
import io.followup.store.UniqueKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The contact search's word index ({@code contact_word}): every word of a contact's address, name and company,
 * lower-cased, split at anything that is not a letter or a digit ({@code "jane.doe@acme.com"} gives {@code jane},
 * {@code doe}, {@code acme}, {@code com}), cut to {@value #WORD_MAX} characters. A search term matches the words it
 * is a prefix of, so a search finds a word or the start of a word, in any case; a piece from inside a word
 * ({@code "oe"} for {@code doe}) is not found. Callers keep it, in their transaction unless said: {@link ContactStore}
 * on insert and update, the bulk import for the known contacts it updates ({@link #reindex}) and, after its
 * transaction committed, for its new ones ({@link #indexCommitted}, a chunk a transaction; until then a search does
 * not find them), {@link ContactEraser} on erasure, and the daemon at start for contacts written without it
 * ({@link #catchUp}). Words are computed here, not in SQL: a recursive split in SQL took MariaDB 1.9 s per 1,000
 * contacts (at a load of 25). Static and thread-safe.
 */
public final class ContactWords {

    /** The longest word kept; longer words and search terms are cut to it. */
    public static final int WORD_MAX = 100;

    private static final Pattern SEPARATOR = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Contacts read at once, and word rows written with one statement. */
    private static final int CONTACTS_AT_ONCE = 2000;
    private static final int ROWS_AT_ONCE = 1000;
    /** Chunks redone after colliding with another writer before giving up. */
    private static final int COLLISIONS_MAX = 5;

    private ContactWords() {
    }

    /**
     * Indexes the contacts with an id above {@code afterId} that have no words yet, in the caller's transaction.
     * Returns the number of contacts indexed.
     */
    public static int indexAfter(Handle handle, long afterId) {
        int indexed = 0;
        long after = afterId;
        while (true) {
            List<Text> texts = unindexed(handle, after, Long.MAX_VALUE);
            if (texts.isEmpty()) {
                return indexed;
            }
            insert(handle, texts);
            indexed += texts.size();
            after = texts.get(texts.size() - 1).contactId();
        }
    }

    /**
     * Indexes the contacts with an id in ({@code afterId}, {@code uptoId}] that have no words yet, {@value
     * #CONTACTS_AT_ONCE} contacts a transaction (a bulk import, after its own transaction committed: a long
     * transaction is what the embedded H2 cannot do fast). {@code progress} runs in each chunk's transaction with
     * the highest id the chunk covered, so that a caller can record how far it got and a later run go on from
     * there. A chunk that collides with another writer indexing the same contacts (a daemon's catch-up at the same
     * time) is rolled back and read again without them. Returns the number of contacts indexed.
     */
    public static int indexCommitted(Jdbi jdbi, long afterId, long uptoId, BiConsumer<Handle, Long> progress) {
        int indexed = 0;
        long after = afterId;
        int collisions = 0;
        while (after < uptoId) {
            long from = after;
            long[] chunk;
            try {
                chunk = jdbi.inTransaction(handle -> {
                    List<Text> texts = unindexed(handle, from, uptoId);
                    long last = texts.size() < CONTACTS_AT_ONCE ? uptoId : texts.get(texts.size() - 1).contactId();
                    if (!texts.isEmpty()) {
                        insert(handle, texts);
                    }
                    progress.accept(handle, last);
                    return new long[] {texts.size(), last};
                });
            } catch (RuntimeException failure) {
                if (UniqueKey.violated(failure) && ++collisions <= COLLISIONS_MAX) {
                    continue;
                }
                throw failure;
            }
            indexed += (int) chunk[0];
            after = chunk[1];
        }
        return indexed;
    }

    /**
     * Up to {@value #CONTACTS_AT_ONCE} contacts with an id in ({@code after}, {@code upto}] without words. An anti-join
     * along {@code ix_contact_word_contact}, one index look-up a contact: MariaDB 10.11 ran the same condition
     * written {@code NOT EXISTS} by materializing the subquery, a scan of the whole word index for every chunk
     * (~0.8 s a chunk with 500,000 words, growing with the index: quadratic over an import).
     */
    private static List<Text> unindexed(Handle handle, long after, long upto) {
        return handle.createQuery("""
                        SELECT c.id, c.email, c.name, c.company FROM contact c
                        LEFT JOIN contact_word w ON w.contact_id = c.id
                        WHERE c.id > :after AND c.id <= :upto AND w.contact_id IS NULL
                        ORDER BY c.id LIMIT :limit""")
                .bind("after", after).bind("upto", upto).bind("limit", CONTACTS_AT_ONCE)
                .map((rs, ctx) -> new Text(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                        rs.getString("company")))
                .list();
    }

    /**
     * At start: indexes, in one transaction, the contacts above the highest one indexed that have no words (all of
     * them after the migration that made the index; contacts a bulk writer added without indexing them). Costs two
     * index look-ups when there are none. Returns the number indexed; 0 as well when another node, started at the
     * same time, indexed the same contacts first.
     */
    public static int catchUp(Jdbi jdbi) {
        try {
            return jdbi.inTransaction(handle -> indexAfter(handle, handle.createQuery(
                    "SELECT COALESCE(MAX(contact_id), 0) FROM contact_word").mapTo(Long.class).one()));
        } catch (RuntimeException failure) {
            if (UniqueKey.violated(failure)) {
                return 0;
            }
            throw failure;
        }
    }

    /** Indexes these contacts again (after their address, name or company changed). */
    public static void reindex(Handle handle, Collection<Long> contactIds) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(contactIds));
        for (int from = 0; from < ids.size(); from += CONTACTS_AT_ONCE) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CONTACTS_AT_ONCE));
            handle.createUpdate("DELETE FROM contact_word WHERE contact_id IN (<ids>)").bindList("ids", chunk)
                    .execute();
            insert(handle, handle.createQuery("SELECT id, email, name, company FROM contact WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new Text(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                            rs.getString("company")))
                    .list());
        }
    }

    /** Removes a contact's words (before the contact is deleted). */
    public static void erase(Handle handle, long contactId) {
        handle.createUpdate("DELETE FROM contact_word WHERE contact_id = :contact").bind("contact", contactId)
                .execute();
    }

    /**
     * The words of a text as the index keeps them and a search uses them: lower-case, each cut to
     * {@value #WORD_MAX} characters, without repeats, in order; empty when the text has no letter or digit.
     */
    public static List<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text != null) {
            for (String word : SEPARATOR.split(text.toLowerCase(Locale.ROOT))) {
                if (!word.isEmpty()) {
                    terms.add(word.length() > WORD_MAX ? word.substring(0, WORD_MAX) : word);
                }
            }
        }
        return new ArrayList<>(terms);
    }

    private record Text(long contactId, String email, String name, String company) {
    }

    private record Row(String word, long contactId) {
    }

    /**
     * Writes the words of {@code texts}, sorted by word (the primary key's order, so that the rows of one statement
     * go into neighbouring index pages), {@value #ROWS_AT_ONCE} rows a statement bound by position on the handle's
     * connection (a bulk import writes several words for each of its contacts).
     */
    private static void insert(Handle handle, List<Text> texts) {
        List<Row> rows = new ArrayList<>();
        for (Text text : texts) {
            for (String word : terms(text.email() + " " + (text.name() == null ? "" : text.name()) + " "
                    + (text.company() == null ? "" : text.company()))) {
                rows.add(new Row(word, text.contactId()));
            }
        }
        rows.sort(Comparator.comparing(Row::word).thenComparingLong(Row::contactId));
        Connection connection = handle.getConnection();
        try {
            PreparedStatement full = null;
            try {
                for (int from = 0; from < rows.size(); from += ROWS_AT_ONCE) {
                    List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_AT_ONCE));
                    if (chunk.size() < ROWS_AT_ONCE) {
                        try (PreparedStatement partial = connection.prepareStatement(insertOf(chunk.size()))) {
                            write(partial, chunk);
                        }
                    } else {
                        full = full != null ? full : connection.prepareStatement(insertOf(ROWS_AT_ONCE));
                        write(full, chunk);
                    }
                }
            } finally {
                if (full != null) {
                    full.close();
                }
            }
        } catch (SQLException e) {
            throw FollowupException.failure("cannot index the words of contacts " + texts.get(0).contactId()
                    + ".." + texts.get(texts.size() - 1).contactId() + ": " + e.getMessage(), e);
        }
    }

    private static String insertOf(int rows) {
        return "INSERT INTO contact_word (word, contact_id) VALUES "
                + String.join(", ", Collections.nCopies(rows, "(?, ?)"));
    }

    private static void write(PreparedStatement insert, List<Row> rows) throws SQLException {
        int index = 1;
        for (Row row : rows) {
            insert.setString(index++, row.word());
            insert.setLong(index++, row.contactId());
        }
        insert.executeUpdate();
    }
}
