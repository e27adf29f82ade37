package io.followup.config;

import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.SequenceLoader;
import io.followup.testing.TempFolder;
import io.followup.testing.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A temporary base directory holding {@code config/followup.yaml}, sequences, templates and secret files; a test
 * declares it as {@code @RegisterExtension final ConfigFixture fixture = new ConfigFixture();} and the folder is
 * deleted after each test. One per test instance; not thread-safe.
 */
final class ConfigFixture implements AfterEachCallback {

    static final String SMTP_PASSWORD = "smtp-Pa55word-value";
    static final String IMAP_PASSWORD = "imap-Pa55word-value";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "FOLLOWUP_SMTP_PASSWORD", SMTP_PASSWORD,
            "FOLLOWUP_IMAP_PASSWORD", IMAP_PASSWORD,
            "FOLLOWUP_DB_PASSWORD", "db-Pa55word-value",
            "HOSTNAME", "test-host");

    /** A valid configuration; tests replace whole lines so that line numbers stay known. */
    static final String VALID = """
            owners:
              - name: Ada Lovelace
                email: ada@example.com
                time_zone: Europe/London
            mailboxes:
              - name: main
                address: ada@example.com
                smtp:
                  host: smtp.example.com
                  port: 587
                  security: starttls
                  username: ada@example.com
                  password: {env: FOLLOWUP_SMTP_PASSWORD}
                  timeout: 30s
                imap:
                  host: imap.example.com
                  security: ssl
                  password: {file: secrets/imap-password}
                  poll_interval: 60s
            """;

    final Path base;

    ConfigFixture() {
        base = TempFolder.create("followup-config-");
        write("config/sequences/.keep", "");
        write("secrets/imap-password", IMAP_PASSWORD + "\n");
    }

    ConfigFixture write(String relative, String content) {
        TestConfigs.write(base.resolve(relative), content);
        return this;
    }

    ConfigFixture config(String content) {
        return write("config/followup.yaml", content);
    }

    /** Writes {@link #VALID} followed by {@code sections} and loads it ({@link #load()}). */
    AppConfig loadValidWith(String sections) {
        return config(VALID + sections).load();
    }

    ConfigFixture templates(String... names) {
        for (String name : names) {
            write("templates/" + name + ".vm", "#set($subject = \"Hello\")\nHi $contact.firstName\n");
        }
        return this;
    }

    /** Loads the configuration and then its sequence files, as every command does; returns the configuration. */
    AppConfig load() {
        return load(ENVIRONMENT);
    }

    AppConfig load(Map<String, String> environment) {
        AppConfig config = new ConfigLoader(base, environment).load(Path.of("config/followup.yaml"));
        SequenceLoader.load(config, base);
        return config;
    }

    /** The sequences, loaded as {@link #load()} loads them. */
    List<SequenceDefinition> sequences() {
        return SequenceLoader.load(load(), base);
    }

    /** The sequence called {@code name}, if loaded. */
    Optional<SequenceDefinition> sequence(String name) {
        return sequences().stream().filter(sequence -> sequence.name().equals(name)).findFirst();
    }

    /** {@link #VALID} with the line equal to {@code line} (after trimming) replaced, keeping its indent. */
    static String validWith(String line, String replacement) {
        StringBuilder result = new StringBuilder();
        boolean replaced = false;
        for (String current : VALID.split("\n", -1)) {
            if (!replaced && current.strip().equals(line)) {
                String indent = current.substring(0, current.indexOf(current.strip()));
                result.append(indent).append(replacement);
                replaced = true;
            } else {
                result.append(current);
            }
            result.append('\n');
        }
        if (!replaced) {
            throw new IllegalArgumentException("no line " + line);
        }
        return result.substring(0, result.length() - 1);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TempFolder.delete(base);
    }
}
