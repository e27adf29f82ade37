package io.followup.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Secrets the daemon generates once and keeps in the database (table {@code app_secret}), so every node of a
 * cluster and every restart uses the same one. Values are never logged. Thread-safe.
 */
public final class AppSecrets {

    private final SecureRandom random = new SecureRandom();

    /**
     * The secret called {@code name}, generated (32 random bytes, base64url) and stored the first time. When two
     * daemons generate one at the same moment, both end up with the one stored first.
     */
    public String getOrCreate(Jdbi jdbi, String name, Instant now) {
        Optional<String> existing = find(jdbi, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        boolean inserted = UniqueKey.inserted(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "INSERT INTO app_secret (name, secret_value, created_at) VALUES (:name, :value, :now)")
                .bind("name", name).bind("value", value).bind("now", now).execute() == 1));
        return inserted ? value : find(jdbi, name).orElseThrow(() -> new StoreException("cannot store the generated "
                + "secret \"" + name + "\": its name was taken and is gone again"));
    }

    private static Optional<String> find(Jdbi jdbi, String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT secret_value FROM app_secret WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }
}
