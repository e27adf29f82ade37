package io.followup.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Contacts in the database: validated upsert by address and look-ups. Stateless and thread-safe. */
public final class ContactStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told in the changing transaction when contacts' tiers changed (the outbox copies the tier onto unsent mail). */
    @FunctionalInterface
    public interface TierListener {

        void tiersChanged(Handle handle, java.util.Collection<Long> contactIds);
    }

    private final TierListener tierListener;

    /** A store that tells no one of tier changes (for reading, and for tests without an outbox). */
    public ContactStore() {
        this((handle, contactIds) -> { });
    }

    public ContactStore(TierListener tierListener) {
        this.tierListener = tierListener;
    }

    /**
     * Creates the contact or updates the fields given in {@code spec}; returns it as stored.
     *
     * @throws ContactException naming the field when the address, time zone, tier or introducer is invalid
     */
    public Contact upsert(Handle handle, ContactSpec spec, Instant now) {
        String email = normalizeAddress(spec.email());
        if (spec.timeZone() != null) {
            validateZone(spec.timeZone());
        }
        if (spec.tier() != null && (spec.tier() < 1 || spec.tier() > 5)) {
            throw new ContactException("tier: expected 1 (most important) to 5, got " + spec.tier());
        }
        Long introducer = null;
        if (spec.introducedBy() != null && !spec.introducedBy().isBlank()) {
            String introducerEmail = normalizeAddress(spec.introducedBy());
            introducer = findByEmail(handle, introducerEmail).map(Contact::id).orElseThrow(() ->
                    new ContactException("introduced_by: no contact with address " + introducerEmail));
        }
        String first = spec.firstName();
        String last = spec.lastName();
        if (first == null && spec.name() != null && !spec.name().isBlank()) {
            String[] parts = spec.name().trim().split("\\s+", 2);
            first = parts[0];
            last = last != null ? last : parts.length > 1 ? parts[1] : null;
        }
        Optional<Contact> existing = findByEmail(handle, email);
        if (existing.isEmpty()) {
            long id = handle.createUpdate("""
                    INSERT INTO contact (email, name, first_name, last_name, company, tier, goal, time_zone, tags,
                                         fields, introduced_by, created_at, updated_at)
                    VALUES (:email, :name, :first, :last, :company, :tier, :goal, :zone, :tags, :fields, :introducer,
                            :now, :now)""")
                    .bind("email", email).bind("name", blankToNull(spec.name()))
                    .bind("first", blankToNull(first)).bind("last", blankToNull(last))
                    .bind("company", blankToNull(spec.company()))
                    .bind("tier", spec.tier() == null ? 3 : spec.tier())
                    .bind("goal", blankToNull(spec.goal())).bind("zone", blankToNull(spec.timeZone()))
                    .bind("tags", String.join(",", spec.tags())).bind("fields", toJson(spec.fields()))
                    .bind("introducer", introducer).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            ContactWords.reindex(handle, List.of(id));
            return byId(handle, id);
        }
        Contact old = existing.get();
        Map<String, String> fields = new LinkedHashMap<>(old.fields());
        fields.putAll(spec.fields());
        handle.createUpdate("""
                UPDATE contact SET name = :name, first_name = :first, last_name = :last, company = :company,
                       tier = :tier, goal = :goal, time_zone = :zone, tags = :tags, fields = :fields,
                       introduced_by = :introducer, updated_at = :now
                WHERE id = :id""")
                .bind("name", keep(spec.name(), old.name())).bind("first", keep(first, old.firstName()))
                .bind("last", keep(last, old.lastName())).bind("company", keep(spec.company(), old.company()))
                .bind("tier", spec.tier() == null ? old.tier() : spec.tier())
                .bind("goal", keep(spec.goal(), old.goal())).bind("zone", keep(spec.timeZone(), old.timeZone()))
                .bind("tags", String.join(",", spec.tags().isEmpty() ? old.tags() : spec.tags()))
                .bind("fields", toJson(fields))
                .bind("introducer", introducer != null ? introducer : old.introducedBy())
                .bind("now", now).bind("id", old.id())
                .execute();
        ContactWords.reindex(handle, List.of(old.id()));
        if (spec.tier() != null && spec.tier() != old.tier()) {
            tierListener.tiersChanged(handle, List.of(old.id()));
        }
        return byId(handle, old.id());
    }

    public Optional<Contact> findByEmail(Handle handle, String email) {
        return handle.createQuery("SELECT * FROM contact WHERE email = :email")
                .bind("email", email.trim().toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    /** The contact with this id, if there is one. */
    public Optional<Contact> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM contact WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).findOne();
    }

    /**
     * The contact's owner when a reply hand-off ({@code responses: {handoff: ADDRESS}}) made someone else its owner;
     * empty when the owner is the mailbox's.
     */
    public Optional<String> handedOffOwner(Handle handle, long id) {
        return handle.createQuery("SELECT owner_email FROM contact WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne();
    }

    /** A position in the contact list's order (tier, then address). */
    public record ListPosition(int tier, String email) {
    }

    /**
     * Up to {@code limit} contacts that match every word of {@code text} (empty or without a letter or digit: every
     * contact), the most important first, then by address: those strictly after {@code after} (null: from the
     * start), or with {@code backward} strictly before it in the reverse order (null: from the end). A contact
     * matches a search word when a word of its address, name or company starts with it, in any case
     * ({@link ContactWords}). Read in at most two queries (the rest of {@code after}'s tier, then the tiers after it),
     * each along the index {@code (tier, email)} testing the words of each contact, or, when one search word is
     * rare (at most {@value #RARE} indexed words start with it), from that word's contacts, sorted.
     */
    public List<Contact> page(Handle handle, String text, ListPosition after, boolean backward, int limit) {
        return page(handle, text, after, backward, limit, RARE);
    }

    /** {@link #page} with another threshold for a rare word (tests read both ways with it). */
    List<Contact> page(Handle handle, String text, ListPosition after, boolean backward, int limit, int rare) {
        List<String> terms = ContactWords.terms(text);
        String rarest = rarest(handle, terms, rare);
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            if (!terms.get(i).equals(rarest)) {
                filter.append(" AND (SELECT 1 FROM contact_word w").append(i)
                        .append(" WHERE w").append(i).append(".contact_id = c.id AND w").append(i)
                        .append(".word LIKE :term").append(i).append(" LIMIT 1) IS NOT NULL");
            }
        }
        // a scalar subquery, not EXISTS: MariaDB turns EXISTS into a semi-join and reads every contact of a common
        // word first (0.45 s at 100k contacts), where a look-up per contact read in list order stops after a page;
        // from a rare word's contacts, "tier + 0" keeps the planner from walking the (tier, email) index instead
        String from = rarest == null ? "contact c"
                : "(SELECT DISTINCT contact_id FROM contact_word WHERE word LIKE :rarest) r "
                + "JOIN contact c ON c.id = r.contact_id";
        String tier = rarest == null ? "c.tier" : "c.tier + 0";
        String order = backward ? " ORDER BY " + tier + " DESC, c.email DESC LIMIT :limit"
                : " ORDER BY " + tier + ", c.email LIMIT :limit";
        List<Contact> found = new java.util.ArrayList<>();
        if (after != null) {
            found.addAll(bindTerms(handle.createQuery("SELECT c.* FROM " + from + " WHERE c.tier = :tier AND c.email "
                            + (backward ? "<" : ">") + " :email" + filter + order), terms, rarest)
                    .bind("tier", after.tier()).bind("email", after.email())
                    .bind("limit", limit).map((rs, ctx) -> read(rs)).list());
        }
        if (found.size() < limit) {
            String tiers = after == null ? "1 = 1" : backward ? "c.tier < :tier" : "c.tier > :tier";
            found.addAll(bindTerms(handle.createQuery("SELECT c.* FROM " + from + " WHERE " + tiers + filter + order),
                    terms, rarest)
                    .bind("tier", after == null ? 0 : after.tier())
                    .bind("limit", limit - found.size()).map((rs, ctx) -> read(rs)).list());
        }
        return found;
    }

    /**
     * Up to {@code limit} contacts with an id in ({@code after}, {@code upto}] without words, by id (the word
     * index's catch-up, {@link ContactWords}). An anti-join along {@code ix_contact_word_contact}, one index look-up
     * a contact: MariaDB 10.11 ran the same condition written {@code NOT EXISTS} by materializing the subquery, a
     * scan of the whole word index for every chunk (~0.8 s a chunk with 500,000 words, growing with the index:
     * quadratic over an import).
     */
    static List<ContactWords.Text> unindexed(Handle handle, long after, long upto, int limit) {
        return handle.createQuery("""
                        SELECT c.id, c.email, c.name, c.company FROM contact c
                        LEFT JOIN contact_word w ON w.contact_id = c.id
                        WHERE c.id > :after AND c.id <= :upto AND w.contact_id IS NULL
                        ORDER BY c.id LIMIT :limit""")
                .bind("after", after).bind("upto", upto).bind("limit", limit)
                .map((rs, ctx) -> text(rs)).list();
    }

    /** The indexed texts of the contacts {@code ids} (for {@link ContactWords#reindex}). */
    static List<ContactWords.Text> texts(Handle handle, List<Long> ids) {
        return handle.createQuery("SELECT id, email, name, company FROM contact WHERE id IN (<ids>)")
                .bindList("ids", ids).map((rs, ctx) -> text(rs)).list();
    }

    private static ContactWords.Text text(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ContactWords.Text(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                rs.getString("company"));
    }

    /** Below this many indexed words starting with a search word, a search starts from that word's contacts. */
    static final int RARE = 10_000;

    /** The search term with the fewest indexed words when that is at most {@code rare}, else null. */
    private static String rarest(Handle handle, List<String> terms, int rare) {
        String rarest = null;
        int fewest = rare + 1;
        for (String term : terms) {
            int count = ContactWords.countStartingWith(handle, term, fewest);
            if (count < fewest) {
                rarest = term;
                fewest = count;
            }
        }
        return rarest;
    }

    private static Query bindTerms(Query query, List<String> terms, String rarest) {
        for (int i = 0; i < terms.size(); i++) {
            if (!terms.get(i).equals(rarest)) {
                query.bind("term" + i, terms.get(i) + "%");
            }
        }
        if (rarest != null) {
            query.bind("rarest", rarest + "%");
        }
        return query;
    }

    /** Sets a contact's tier (1–5) and time zone (a valid zone id, or null for the mailbox's). */
    public void setTierAndZone(Handle handle, long id, int tier, String zone, Instant now) {
        if (tier < 1 || tier > 5) {
            throw new ContactException("tier: expected 1 (most important) to 5, got " + tier);
        }
        if (zone != null) {
            validateZone(zone);
        }
        handle.createUpdate("UPDATE contact SET tier = :tier, time_zone = :zone, updated_at = :now WHERE id = :id")
                .bind("tier", tier).bind("zone", zone).bind("now", now).bind("id", id).execute();
        tierListener.tiersChanged(handle, List.of(id));
    }

    /** The contacts with these ids, by id, with one query. */
    public Map<Long, Contact> byIds(Handle handle, java.util.Collection<Long> ids) {
        Map<Long, Contact> found = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            handle.createQuery("SELECT * FROM contact WHERE id IN (<ids>)").bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> read(rs)).forEach(contact -> found.put(contact.id(), contact));
        }
        return found;
    }

    public Contact byId(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM contact WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).one();
    }

    /** Lower-cases and checks an address; the message names the bad value. */
    public static String normalizeAddress(String address) {
        if (address == null || address.isBlank()) {
            throw new ContactException("email: an address is required");
        }
        String trimmed = address.trim();
        try {
            InternetAddress parsed = new InternetAddress(trimmed, true);
            parsed.validate();
            if (!trimmed.equals(parsed.getAddress()) || !trimmed.contains("@")) {
                throw new AddressException("not a bare address");
            }
        } catch (AddressException e) {
            throw new ContactException("email: not a valid address: \"" + trimmed + "\"");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Checks an IANA time zone name. */
    public static ZoneId validateZone(String zone) {
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new ContactException("time_zone: not an IANA time zone: \"" + zone + "\" (e.g. Europe/Berlin)");
        }
    }

    private static Contact read(java.sql.ResultSet rs) throws java.sql.SQLException {
        long introducer = rs.getLong("introduced_by");
        Long introducedBy = rs.wasNull() ? null : introducer;
        String tags = rs.getString("tags");
        return new Contact(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("company"),
                rs.getInt("tier"), rs.getString("goal"), rs.getString("time_zone"),
                tags == null || tags.isBlank() ? List.of() : Arrays.asList(tags.split(",")),
                fromJson(rs.getString("fields")), introducedBy);
    }

    private static String keep(String value, String old) {
        return value == null || value.isBlank() ? old : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The stored form of custom fields (a JSON object). */
    public static String toJson(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new ContactException("fields: cannot be stored: " + e.getOriginalMessage());
        }
    }

    /** Custom fields from their stored form; empty for null. */
    public static Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new ContactException("fields: stored value is not a JSON object: " + e.getOriginalMessage());
        }
    }

    /** Makes {@code owner} the owner of the contact (a reply hand-off to a colleague). */
    public void handOff(Handle handle, long id, String owner) {
        handle.createUpdate("UPDATE contact SET owner_email = :owner WHERE id = :id")
                .bind("owner", owner).bind("id", id).execute();
    }

    /** The id of the contact whose address is {@code address} in any case (lower case given), if any. */
    public Optional<Long> idIgnoringCase(Handle handle, String address) {
        return handle.createQuery("SELECT id FROM contact WHERE LOWER(email) = :email")
                .bind("email", address).mapTo(Long.class).findOne();
    }

    /** The contact's name, first name and last name as stored (each may be null). */
    public List<String> names(Handle handle, long id) {
        return handle.createQuery("SELECT name, first_name, last_name FROM contact WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> java.util.Arrays.asList(rs.getString("name"), rs.getString("first_name"),
                        rs.getString("last_name"))).one();
    }

    /**
     * Deletes a contact and its search words (an erasure: {@link ContactEraser} deleted what refers to it first); the
     * contacts it introduced stay, without the link to it.
     */
    public void erase(Handle handle, long id) {
        handle.createUpdate("UPDATE contact SET introduced_by = NULL WHERE introduced_by = :contact")
                .bind("contact", id).execute();
        ContactWords.erase(handle, id);
        handle.createUpdate("DELETE FROM contact WHERE id = :contact").bind("contact", id).execute();
    }
}
