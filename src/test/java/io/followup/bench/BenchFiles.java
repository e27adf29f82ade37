package io.followup.bench;

import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The configuration, sequence and template a benchmark's daemon (in a child process or in-process) runs with. */
final class BenchFiles {

    static final String OWNER = "owner@bench.test";
    static final String SEQUENCE = "bench";
    /** The owner's IMAP password, given to followup through this environment variable. */
    static final String PASSWORD_VARIABLE = "BENCH_IMAP_PASSWORD";
    static final String PASSWORD = "bench-imap-pw";
    static final Map<String, String> ENVIRONMENT = Map.of(PASSWORD_VARIABLE, PASSWORD);

    private BenchFiles() {
    }

    /** The mailbox of the send load {@link #write(Path, TestDatabase, int, int, int)} adds. */
    static final String LOAD_ADDRESS = "load@bench.test";

    /** Writes followup.yaml, one one-step sequence and its template under {@code dir}; returns the config file. */
    static Path write(Path dir, TestDatabase database, int smtpPort, int imapPort) {
        return write(dir, database, smtpPort, imapPort, 0);
    }

    /**
     * {@link #write(Path, TestDatabase, int, int) Writes} the files for a mailbox sending to {@code smtpPort} (no IMAP
     * server) and returns the configuration loaded from them, as the daemon loads it.
     */
    static AppConfig load(Path dir, TestDatabase database, int smtpPort) {
        return new ConfigLoader(dir, ENVIRONMENT).load(write(dir, database, smtpPort, 1));
    }

    /**
     * As {@link #write(Path, TestDatabase, int, int)}, with a second mailbox {@code load} (SMTP to
     * {@code loadSmtpPort}, caps wide open; its IMAP user {@link #LOAD_ADDRESS} on the same server, no Sent copies)
     * when {@code loadSmtpPort} is above 0: what it sends is a concurrent load.
     */
    static Path write(Path dir, TestDatabase database, int smtpPort, int imapPort, int loadSmtpPort) {
        return write(dir, database, smtpPort, imapPort, loadSmtpPort, imapPort, 1);
    }

    /** As {@link #write(Path, TestDatabase, int, int, int)}, the {@code load} mailbox's IMAP on {@code loadImapPort}. */
    static Path write(Path dir, TestDatabase database, int smtpPort, int imapPort, int loadSmtpPort, int loadImapPort) {
        return write(dir, database, smtpPort, imapPort, loadSmtpPort, loadImapPort, 1);
    }

    /** The sequence of the send benchmark's mailbox {@code index} (0: {@link #SEQUENCE} on {@code main}). */
    static String sequence(int index) {
        return index == 0 ? SEQUENCE : SEQUENCE + "-m" + (index + 1);
    }

    /**
     * As {@link #write(Path, TestDatabase, int, int, int, int)}, with {@code sendMailboxes - 1} more mailboxes like
     * {@code main} ({@code m2}, {@code m3}... with the same SMTP server and caps), each with its own copy of the
     * sequence ({@link #sequence(int)}): a send benchmark over several mailboxes.
     */
    static Path write(Path dir, TestDatabase database, int smtpPort, int imapPort, int loadSmtpPort, int loadImapPort,
                      int sendMailboxes) {
        try {
            Files.createDirectories(dir.resolve("sequences"));
            Files.createDirectories(dir.resolve("templates/bench"));
            Files.writeString(dir.resolve("templates/bench/first.vm"), """
                    Subject: Great to meet you, $contact.first_name

                    Hi $contact.first_name,

                    thank you for the conversation at $contact.met_at. I enjoyed hearing about your plans and I
                    would like to send you the notes I mentioned, with two introductions that could help.

                    $sender.name
                    """);
            Files.writeString(dir.resolve("sequences/bench.yaml"), """
                    name: bench
                    description: "one first touch"
                    mailbox: main
                    jitter: false
                    send_window: {days: mon-sun, start: "00:00", end: "24:00"}
                    steps:
                      - template: bench/first
                        wait: 0
                    after_last_step:
                      wait: 5 days
                    """);
            StringBuilder more = new StringBuilder();
            for (int i = 1; i < sendMailboxes; i++) {
                String name = "m" + (i + 1);
                Files.writeString(dir.resolve("sequences/" + sequence(i) + ".yaml"), Files.readString(
                        dir.resolve("sequences/bench.yaml")).replace("name: bench", "name: " + sequence(i))
                        .replace("mailbox: main", "mailbox: " + name));
                more.append("  - name: ").append(name).append("\n    address: ").append(name).append("@bench.test\n")
                        .append("    smtp: {host: 127.0.0.1, port: ").append(smtpPort).append(", security: plain}\n")
                        .append("    imap: {host: 127.0.0.1, port: ").append(imapPort)
                        .append(", security: plain, username: ").append(name).append("@bench.test, password: {env: ")
                        .append(PASSWORD_VARIABLE).append("}, poll_interval: 1s}\n")
                        .append("    caps: {per_day: 100000, per_hour: 100000, min_spacing: 0s, max_spacing: 0s}\n");
            }
            String databaseSection = database.kind() == TestDatabase.Kind.MARIADB
                    ? "database:\n  url: \"" + database.url() + "\"\n"
                    : "";
            Path config = dir.resolve("followup.yaml");
            Files.writeString(config, "node_id: bench\n"
                    + "data_dir: " + dir.resolve("data") + "\n"
                    + "templates_dir: " + dir.resolve("templates") + "\n"
                    + "sequences_dir: " + dir.resolve("sequences") + "\n"
                    + databaseSection
                    + "owners:\n  - {name: Bench Owner, email: " + OWNER + ", time_zone: UTC}\n"
                    + "mailboxes:\n  - name: main\n    address: " + OWNER + "\n"
                    + "    smtp: {host: 127.0.0.1, port: " + smtpPort + ", security: plain}\n"
                    + "    imap: {host: 127.0.0.1, port: " + imapPort + ", security: plain, username: " + OWNER
                    + ", password: {env: " + PASSWORD_VARIABLE + "}, poll_interval: 1s}\n"
                    + "    caps: {per_day: 100000, per_hour: 100000, min_spacing: 0s, max_spacing: 0s}\n"
                    + more
                    + (loadSmtpPort <= 0 ? "" : "  - name: load\n    address: " + LOAD_ADDRESS + "\n"
                    + "    smtp: {host: 127.0.0.1, port: " + loadSmtpPort + ", security: plain}\n"
                    + "    imap: {host: 127.0.0.1, port: " + loadImapPort + ", security: plain, username: "
                    + LOAD_ADDRESS + ", password: {env: " + PASSWORD_VARIABLE + "}, poll_interval: 1s, "
                    + "sent_folder: none}\n"
                    + "    caps: {per_day: 100000, per_hour: 100000, min_spacing: 0s, max_spacing: 0s}\n")
                    + "web:\n  listen: \"127.0.0.1:0\"\n");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV of {@code rows} contacts with the columns followup's import reads. */
    static Path csv(Path dir, int rows) {
        Path file = dir.resolve("contacts.csv");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("email,name,tier,time_zone,field:met_at\n");
            String[] zones = {"Europe/London", "America/New_York", "Asia/Tokyo", "Europe/Berlin"};
            for (int i = 0; i < rows; i++) {
                out.write("contact" + i + "@example" + (i % 97) + ".org,Contact Number" + i + "," + (1 + i % 5) + ","
                        + zones[i % zones.length] + ",the spring fair " + (i % 13) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
