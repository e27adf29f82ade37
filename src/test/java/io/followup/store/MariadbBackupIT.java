package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.contact.ContactSpec;
import io.followup.sequence.SequenceLoader;
import io.followup.testing.Chores;
import io.followup.testing.DaemonFiles;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's MariaDB backup, done as written: {@code mariadb-dump --single-transaction DB > FILE} while a daemon
 * has the database open, then {@code mariadb NEWDB < FILE} into a fresh database; every table of the copy holds the
 * same rows, and a daemon on the copy tells the same story. Needs {@code FOLLOWUP_TEST_MARIADB_URL} and the
 * {@code mariadb-dump} and {@code mariadb} clients.
 */
class MariadbBackupIT {

    private static final Pattern URL = Pattern.compile("jdbc:mariadb://([^:/]+)(?::(\\d+))?/(\\w+)\\?user=(\\w+)");

    @TempDir
    Path base;

    @Test
    void aDumpRestoredIntoAFreshDatabaseHoldsTheSameData() throws Exception {
        Assumptions.assumeTrue(TestDatabase.kinds().anyMatch(TestDatabase.Kind.MARIADB::equals),
                TestDatabase.MARIADB_URL_VARIABLE + " is not set: the MariaDB backup procedure is not tested");
        try (TestMail mail = new TestMail();
             TestDatabase original = TestDatabase.create(TestDatabase.Kind.MARIADB, base);
             TestDatabase copy = TestDatabase.create(TestDatabase.Kind.MARIADB, base)) {
            Path configFile = DaemonFiles.of(mail.smtpPort(), mail.imapPort()).database(original.url())
                    .write(base.resolve("original"));
            Path dump = base.resolve("followup.sql");
            Map<String, List<String>> before;
            String storyBefore;
            try (Daemon daemon = open(configFile)) {
                for (String email : List.of("ann@example.org", "bob@example.org")) {
                    daemon.enrollments().enroll(ContactSpec.of(email, "Someone")
                            .withFields(Map.of("met_at", "the Oslo meetup")), TestConfigs.SEQUENCE, "test");
                }
                Chores.drain(daemon);
                assertThat(mail.receivedBy("ann@example.org")).hasSize(1);
                before = tables(original.url());
                storyBefore = story(daemon);

                client(dump, null, "mariadb-dump", original.url());
            }
            client(null, dump, "mariadb", copy.url());

            assertThat(tables(copy.url())).isEqualTo(before);
            assertThat(before.get("event_log")).hasSizeGreaterThan(4);
            Path copyConfig = DaemonFiles.of(mail.smtpPort(), mail.imapPort()).database(copy.url())
                    .write(base.resolve("copy"));
            try (Daemon restored = open(copyConfig)) {
                assertThat(story(restored)).isEqualTo(storyBefore);
            }
        }
    }

    /** Runs a MariaDB client on the database of {@code url} as the README says, output or input from a file. */
    private static void client(Path output, Path input, String program, String url)
            throws IOException, InterruptedException {
        Matcher parts = URL.matcher(url);
        assertThat(parts.matches()).as(url).isTrue();
        List<String> command = new ArrayList<>(List.of(program, "--host=" + parts.group(1),
                "--port=" + (parts.group(2) == null ? "3306" : parts.group(2)), "--user=" + parts.group(4)));
        if (program.equals("mariadb-dump")) {
            command.add("--single-transaction");
        }
        command.add(parts.group(3));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (output != null) {
            builder.redirectOutput(output.toFile());
        }
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command.toString()).isTrue();
        assertThat(process.exitValue()).as(command.toString()).isZero();
    }

    /** Every table's rows, each row's columns joined, sorted. */
    private static Map<String, List<String>> tables(String url) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SHOW TABLES")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT * FROM `" + name + "`")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int column = 1; column <= columns; column++) {
                            row.append(rs.getString(column)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(name, rows);
            }
        }
        assertThat(tables).containsKeys("contact", "enrollment", "outbound_message", "event_log");
        return tables;
    }

    private static String story(Daemon daemon) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT c.email, e.state, e.next_step, o.state AS sent, o.message_id FROM contact c
                        JOIN enrollment e ON e.contact_id = c.id JOIN outbound_message o ON o.enrollment_id = e.id
                        ORDER BY c.email""")
                .map((rs, ctx) -> rs.getString("email") + " " + rs.getString("state") + " step "
                        + rs.getInt("next_step") + " " + rs.getString("sent") + " " + rs.getString("message_id"))
                .list().toString());
    }

    private Daemon open(Path configFile) {
        AppConfig config = new ConfigLoader(base, Map.of()).load(configFile);
        return Daemon.open(config, SequenceLoader.load(config, base), Clock.systemUTC());
    }
}
