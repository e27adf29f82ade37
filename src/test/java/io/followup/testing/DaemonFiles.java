package io.followup.testing;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes what {@code followup run --config FILE} needs into one directory: {@code followup.yaml} (one mailbox
 * "main" sending to {@code smtpPort} and watching {@code imapPort} on 127.0.0.1 as {@link TestMail#OWNER}), the
 * "intro" sequence of {@link TestConfigs} as a file with an always-open send window and no jitter, and its
 * templates. Caps are wide open unless set, so due steps go at once. Paths in the file are absolute, so
 * the configuration reads the same from any working directory. The database is the embedded one under
 * {@code data/} of the directory unless {@link #database} names one. Use with {@link DaemonProcess}. Immutable.
 *
 * @param interval how often the daemon dispatches due steps and sends the outbox
 */
public record DaemonFiles(int smtpPort, int imapPort, String nodeId, String databaseUrl, boolean clustered,
                          Duration interval, Duration smtpTimeout, int perDay, int perHour) {

    /** A daemon "node-1" on the embedded database, dispatching and sending every 200 ms. */
    public static DaemonFiles of(int smtpPort, int imapPort) {
        return new DaemonFiles(smtpPort, imapPort, "node-1", null, false, Duration.ofMillis(200),
                Duration.ofSeconds(5), 100_000, 100_000);
    }

    /** On this JDBC URL (H2 or MariaDB, user in the URL if any) instead of the embedded database. */
    public DaemonFiles database(String url) {
        return new DaemonFiles(smtpPort, imapPort, nodeId, url, clustered, interval, smtpTimeout, perDay, perHour);
    }

    public DaemonFiles node(String id) {
        return new DaemonFiles(smtpPort, imapPort, id, databaseUrl, clustered, interval, smtpTimeout, perDay, perHour);
    }

    /** Quartz in clustered mode (needs a MariaDB {@link #database}). */
    public DaemonFiles clustered(boolean value) {
        return new DaemonFiles(smtpPort, imapPort, nodeId, databaseUrl, value, interval, smtpTimeout, perDay, perHour);
    }

    /** The SMTP connect/read timeout: how long a silent server is waited for. */
    public DaemonFiles smtpTimeout(Duration timeout) {
        return new DaemonFiles(smtpPort, imapPort, nodeId, databaseUrl, clustered, interval, timeout, perDay, perHour);
    }

    public DaemonFiles caps(int day, int hour) {
        return new DaemonFiles(smtpPort, imapPort, nodeId, databaseUrl, clustered, interval, smtpTimeout, day, hour);
    }

    /** Writes everything under {@code directory}; returns the path of {@code followup.yaml}. */
    public Path write(Path directory) {
        TestConfigs.writeTemplates(directory.resolve("templates"));
        TestConfigs.write(directory.resolve("config/sequences/" + TestConfigs.SEQUENCE + ".yaml"), CliFolder.TWO_STEPS + """
                  - template: intro/third
                    wait: 2 days
                description: test sequence
                mailbox: main
                after_last_step:
                  wait: 3 days
                """);
        String database = databaseUrl == null ? "" : TestConfigs.databaseYaml(databaseUrl) + "  pool_size: 5\n";
        Path absolute = directory.toAbsolutePath();
        Path config = absolute.resolve("followup.yaml");
        TestConfigs.write(config, """
                node_id: %s
                data_dir: "%s"
                templates_dir: "%s"
                sequences_dir: "%s"
                %sowners:
                  - {name: Olivia Owner, email: %s, time_zone: Europe/London}
                mailboxes:
                  - name: main
                    address: %s
                    smtp: {host: 127.0.0.1, port: %d, security: plain, username: %s, password: "%s", timeout: %s}
                    imap: {host: 127.0.0.1, port: %d, security: plain, username: %s, password: "%s", idle: false,
                           poll_interval: 1s, timeout: 10s}
                    caps: {per_day: %d, per_hour: %d, min_spacing: 0s, max_spacing: 0s}
                scheduler:
                  name: followup-test
                  clustered: %s
                  dispatch_interval: %s
                  outbox_interval: %s
                web:
                  listen: "127.0.0.1:0"
                digest:
                  enabled: false
                """.formatted(nodeId, absolute.resolve("data"), absolute.resolve("templates"),
                absolute.resolve("config/sequences"), database, TestMail.OWNER, TestMail.OWNER, smtpPort, TestMail.OWNER,
                TestMail.OWNER_PASSWORD, millis(smtpTimeout), imapPort, TestMail.OWNER, TestMail.OWNER_PASSWORD,
                perDay, perHour, clustered, millis(interval), millis(interval)));
        return config;
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
