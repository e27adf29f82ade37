package io.followup.contact;

import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The global do-not-contact list: addresses and whole domains (a domain covers its subdomains). Suppressed
 * contacts are never enrolled and never sent anything. Adding and removing write an {@code event_log} row in the
 * caller's transaction. Stateless and thread-safe; call inside a transaction.
 */
public final class SuppressionList {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private static final String HASH_PREFIX = "sha256:";

    private final EventLog events;
    private final byte[] salt;

    /** A list without salted entries: {@link #addForgotten} is refused. */
    public SuppressionList(EventLog events) {
        this(events, null);
    }

    /**
     * @param salt the key of the salted hashes that {@link #addForgotten} stores for erased contacts (the same for
     *             every node and restart: keep it in the database)
     */
    public SuppressionList(EventLog events, byte[] salt) {
        this.events = events;
        this.salt = salt == null ? null : salt.clone();
    }

    /**
     * Suppresses {@code address} for good without storing it: the entry is a salted hash of the lower-cased address
     * ({@code sha256:HEX}), so an erased contact is never contacted again while the list holds no personal data. The
     * event names no address either.
     *
     * @return true when the entry was new
     */
    public boolean addForgotten(Handle handle, String address, String source, Instant now) {
        String entry = hashed(ContactStore.normalizeAddress(address.trim().toLowerCase(Locale.ROOT)));
        if (find(handle, entry).isPresent()) {
            return false;
        }
        handle.createUpdate("""
                INSERT INTO suppression (entry, kind, reason, source, created_at)
                VALUES (:entry, 'hash', 'contact forgotten (erasure request)', :source, :now)""")
                .bind("entry", entry).bind("source", truncate(source)).bind("now", now).execute();
        events.append(handle, now, EventLog.Event.of(EventKind.SUPPRESSED, source)
                .detail("a forgotten contact (hashed)"));
        return true;
    }

    private String hashed(String normalizedAddress) {
        if (salt == null) {
            throw new IllegalStateException("no salt for hashed suppression entries");
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA256"));
            return HASH_PREFIX + java.util.HexFormat.of().formatHex(
                    mac.doFinal(normalizedAddress.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Suppresses an address or, written {@code @example.com}, a whole domain. Adding an entry that exists already
     * changes nothing.
     *
     * @return true when the entry was new
     * @throws ContactException when the address or domain is not valid
     */
    public boolean add(Handle handle, String addressOrDomain, String reason, String source, Instant now) {
        String entry = normalize(addressOrDomain);
        if (find(handle, entry).isPresent()) {
            return false;
        }
        handle.createUpdate("""
                INSERT INTO suppression (entry, kind, reason, source, created_at)
                VALUES (:entry, :kind, :reason, :source, :now)""")
                .bind("entry", entry).bind("kind", entry.startsWith("@") ? "domain" : "address")
                .bind("reason", truncate(reason)).bind("source", truncate(source)).bind("now", now).execute();
        events.append(handle, now, EventLog.Event.of(EventKind.SUPPRESSED, source).detail(entry + ": " + reason));
        return true;
    }

    /** Removes an entry; returns false when there was none. */
    public boolean remove(Handle handle, String addressOrDomain, String source, Instant now) {
        String entry = normalize(addressOrDomain);
        boolean removed = handle.createUpdate("DELETE FROM suppression WHERE entry = :entry")
                .bind("entry", entry).execute() > 0;
        if (removed) {
            events.append(handle, now, EventLog.Event.of(EventKind.UNSUPPRESSED, source).detail(entry));
        }
        return removed;
    }

    /** The entry that suppresses {@code address} (the address itself first, then its domains), if any. */
    public Optional<Suppression> match(Handle handle, String address) {
        return Optional.ofNullable(matchAll(handle, List.of(address)).get(address));
    }

    /**
     * {@link #match} for several addresses with one query: the entry that suppresses each suppressed address, by
     * the address as given. Addresses not suppressed are absent.
     */
    public java.util.Map<String, Suppression> matchAll(Handle handle, java.util.Collection<String> addresses) {
        java.util.Map<String, List<String>> candidatesOf = new java.util.LinkedHashMap<>();
        java.util.Set<String> entries = new java.util.LinkedHashSet<>();
        for (String address : addresses) {
            List<String> candidates = candidates(address);
            candidatesOf.put(address, candidates);
            entries.addAll(candidates);
        }
        java.util.Map<String, Suppression> matched = new java.util.HashMap<>();
        if (entries.isEmpty()) {
            return matched;
        }
        java.util.Map<String, Suppression> found = new java.util.HashMap<>();
        handle.createQuery("SELECT * FROM suppression WHERE entry IN (<entries>)")
                .bindList("entries", List.copyOf(entries)).map((rs, ctx) -> read(rs))
                .forEach(entry -> found.put(entry.entry(), entry));
        if (found.isEmpty()) {
            return matched;
        }
        candidatesOf.forEach((address, candidates) -> candidates.stream().map(found::get)
                .filter(java.util.Objects::nonNull).findFirst().ifPresent(entry -> matched.put(address, entry)));
        return matched;
    }

    /** The entries that would suppress {@code address}: itself (and its hash), then its domains, nearest first. */
    private List<String> candidates(String address) {
        String normalized = address.trim().toLowerCase(Locale.ROOT);
        List<String> candidates = new ArrayList<>();
        candidates.add(normalized);
        int at = normalized.lastIndexOf('@');
        String domain = normalized.substring(at + 1);
        while (!domain.isEmpty()) {
            candidates.add("@" + domain);
            int dot = domain.indexOf('.');
            domain = dot < 0 ? "" : domain.substring(dot + 1);
        }
        if (salt != null) {
            candidates.add(1, hashed(normalized));
        }
        return candidates;
    }

    /** Whether {@code address} or one of its domains is suppressed. */
    public boolean isSuppressed(Handle handle, String address) {
        return match(handle, address).isPresent();
    }

    /** The domain entries by entry ({@code @example.com}): few, so an import checks each row against them. */
    public java.util.Map<String, Suppression> domains(Handle handle) {
        java.util.Map<String, Suppression> domains = new java.util.HashMap<>();
        handle.createQuery("SELECT * FROM suppression WHERE kind = 'domain'").map((rs, ctx) -> read(rs))
                .forEach(entry -> domains.put(entry.entry(), entry));
        return domains;
    }

    /**
     * The domain entry among {@code domains} that suppresses {@code address} (its own domain first, then the
     * parents), if any.
     */
    public static Optional<Suppression> matchDomain(java.util.Map<String, Suppression> domains, String address) {
        if (domains.isEmpty()) {
            return Optional.empty();
        }
        String domain = address.substring(address.lastIndexOf('@') + 1);
        while (!domain.isEmpty()) {
            Suppression found = domains.get("@" + domain);
            if (found != null) {
                return Optional.of(found);
            }
            int dot = domain.indexOf('.');
            domain = dot < 0 ? "" : domain.substring(dot + 1);
        }
        return Optional.empty();
    }

    /** Reads a suppression row (columns entry, reason, source, created_at). */
    public static Suppression read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Suppression(rs.getString("entry"), rs.getString("reason"), rs.getString("source"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    /** Every entry, domains and addresses alike, sorted by entry. */
    public List<Suppression> list(Handle handle) {
        return handle.createQuery("SELECT * FROM suppression ORDER BY entry")
                .map((rs, ctx) -> read(rs)).list();
    }

    private Optional<Suppression> find(Handle handle, String entry) {
        return handle.createQuery("SELECT * FROM suppression WHERE entry = :entry").bind("entry", entry)
                .map((rs, ctx) -> read(rs)).findOne();
    }

    /**
     * The stored form of an address ({@code ann@example.com}) or domain ({@code @example.com}), lower-cased.
     *
     * @throws ContactException naming the bad value
     */
    public static String normalize(String addressOrDomain) {
        if (addressOrDomain == null || addressOrDomain.isBlank()) {
            throw new ContactException("suppression: an address or @domain is required");
        }
        String text = addressOrDomain.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("@")) {
            String domain = text.substring(1);
            if (!DOMAIN.matcher(domain).matches()) {
                throw new ContactException("suppression: not a domain: \"" + addressOrDomain.trim() + "\"");
            }
            return text;
        }
        return ContactStore.normalizeAddress(text);
    }

    private static String truncate(String text) {
        String value = text == null || text.isBlank() ? "unknown" : text.strip();
        return value.length() <= 200 ? value : value.substring(0, 199) + "…";
    }

    /** Deletes the entry of {@code address} as it is, with no event (an erasure must not name the address). */
    public void forgetEntry(Handle handle, String address) {
        handle.createUpdate("DELETE FROM suppression WHERE entry = :address").bind("address", address).execute();
    }
}
