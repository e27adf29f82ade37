package io.followup.bench;

import io.followup.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code enroll --csv} of N contacts in a child process (so its peak RSS is its own), beside the limit: a plain JDBC
 * batched insert of the same rows into one table of the same database.
 */
final class ImportBenchmark {

    /** Extra JVM options of the import's child process (e.g. {@code -XX:StartFlightRecording=filename=import.jfr}). */
    static final String CHILD_OPTIONS = "BENCH_IMPORT_JVM_OPTS";

    private final TestDatabase.Kind kind;
    private final int rows;
    private final Path dir;

    ImportBenchmark(TestDatabase.Kind kind, int rows, Path dir) {
        this.kind = kind;
        this.rows = rows;
        this.dir = dir;
    }

    void run(BenchTable table) throws Exception {
        Files.createDirectories(dir);
        Path csv = BenchFiles.csv(dir, rows);
        double limitRate;
        try (TestDatabase plain = TestDatabase.create(kind, dir.resolve("plain"))) {
            limitRate = plainBatchedInsert(plain, csv);
        }
        try (TestDatabase database = TestDatabase.create(kind, dir)) {
            Path config = BenchFiles.write(dir, database, 2525, 2143);
            Path log = dir.resolve("import.log");
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            String childOptions = System.getenv(CHILD_OPTIONS);
            if (childOptions != null && !childOptions.isBlank()) {
                command.addAll(List.of(childOptions.trim().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.followup.cli.Main", "enroll",
                    "--config", config.toString(), "--sequence", BenchFiles.SEQUENCE, "--csv", csv.toString()));
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(BenchFiles.ENVIRONMENT);
            Process process = builder.start();
            long peakKb = 0;
            while (process.isAlive()) {
                peakKb = Math.max(peakKb, peakRssKb(process.pid()));
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("enroll --csv failed (exit " + process.exitValue() + "), see " + log
                        + ":\n" + tail(log));
            }
            double rate = rows / seconds;
            table.add(new BenchTable.Row(String.format(Locale.ROOT, "import %,d contacts, %s", rows, kind),
                    BenchTable.rate(rate, "contacts") + String.format(Locale.ROOT, " (%.1f s)", seconds),
                    BenchTable.rate(limitRate, "rows") + " plain batched insert", BenchTable.ratio(rate / limitRate),
                    ">= 20,000 contacts/s", rate >= 20_000));
            table.add(new BenchTable.Row(String.format(Locale.ROOT, "import %,d contacts, %s: peak RSS", rows, kind),
                    String.format(Locale.ROOT, "%,d MB", peakKb / 1024), "-", "-", "<= 512 MB",
                    peakKb > 0 && peakKb / 1024 <= 512));
        }
    }

    /** Rows per second of a plain batched insert (1,000 a batch, one commit every 10,000) of the same file. */
    private double plainBatchedInsert(TestDatabase database, Path csv) throws SQLException, IOException {
        String url = database.url();
        try (Connection connection = database.kind() == TestDatabase.Kind.H2
                ? DriverManager.getConnection(url, "sa", "") : DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE plain_contact (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                        + "email VARCHAR(320) NOT NULL UNIQUE, name VARCHAR(200), tier INT, time_zone VARCHAR(64), "
                        + "met_at VARCHAR(200))");
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (BufferedReader reader = Files.newBufferedReader(csv);
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO plain_contact (email, name, tier, time_zone, met_at) VALUES (?, ?, ?, ?, ?)")) {
                reader.readLine();
                String line;
                int count = 0;
                while ((line = reader.readLine()) != null) {
                    String[] values = line.split(",", -1);
                    insert.setString(1, values[0]);
                    insert.setString(2, values[1]);
                    insert.setInt(3, Integer.parseInt(values[2]));
                    insert.setString(4, values[3]);
                    insert.setString(5, values[4]);
                    insert.addBatch();
                    if (++count % 1000 == 0) {
                        insert.executeBatch();
                    }
                    if (count % 10_000 == 0) {
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** VmHWM of a process (its peak resident set), 0 when it cannot be read. */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
