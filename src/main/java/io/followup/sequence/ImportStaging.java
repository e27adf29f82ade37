package io.followup.sequence;

import io.followup.FollowupException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes the rows of one import into {@code import_row}, {@value #ROWS} rows per multi-row {@code INSERT ... VALUES}
 * (one server command per 1,000 rows instead of one per row, which MariaDB Connector/J 3 does for a JDBC batch;
 * 15,000 bound values, below MariaDB's limit of 65,535), and commits every {@code commitRows} rows (a commit costs a
 * log flush, so not one per statement). The statements run on a writer thread of their own while the caller reads
 * and checks the next rows of the file (the file's parsing and the server's inserts overlap): two buffers of
 * {@value #ROWS} rows, one filled by the caller while the other is written, so nothing grows with the file. Plain
 * JDBC on the handle's connection, which only the writer uses until {@link #finish}: 15 values a row bound by
 * position, without a name lookup per value. {@link #add}, {@link #finish} and {@link #close} are for one thread;
 * the caller owns the transaction and commits the last rows after {@link #finish}.
 */
final class ImportStaging implements AutoCloseable {

    /** Rows per statement. */
    static final int ROWS = 1000;
    private static final String[] COLUMNS = {"import_id", "line", "email", "name", "first_name", "last_name",
        "company", "tier", "goal", "time_zone", "tags", "fields", "introduced_by", "due_at", "due_text"};
    private static final int[] TYPES = {Types.BIGINT, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
        Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
        Types.VARCHAR, Types.BIGINT, Types.VARCHAR};

    private final Connection connection;
    private final String file;
    private final long commitRows;
    private final ExecutorService writer;
    private Object[] buffer = new Object[ROWS * COLUMNS.length];
    /** The buffer the writer gave back, null while it writes it. */
    private Object[] spare = new Object[ROWS * COLUMNS.length];
    private Future<Object[]> pending;
    private int rows;
    private long staged;
    /** Used by the writer thread only. */
    private PreparedStatement full;
    private long committed;

    ImportStaging(Connection connection, String file, long commitRows) {
        this.connection = connection;
        this.file = file;
        this.commitRows = commitRows;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "import-staging");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds one row (values in the order of {@link #COLUMNS}); hands the buffer to the writer when it is full. */
    void add(Object... values) {
        System.arraycopy(values, 0, buffer, rows * COLUMNS.length, COLUMNS.length);
        rows++;
        if (rows == ROWS) {
            handOver();
        }
    }

    /** Writes the buffered rows and waits until every row handed over is written. */
    void finish() {
        handOver();
        await();
    }

    /** Waits for the previous write (its failure is this call's), then hands the buffer over. */
    private void handOver() {
        if (rows == 0) {
            return;
        }
        await();
        Object[] batch = buffer;
        int count = rows;
        buffer = spare;
        spare = null;
        rows = 0;
        staged += count;
        long upto = staged;
        pending = writer.submit(() -> {
            write(batch, count);
            if (upto >= committed + commitRows) {
                connection.commit();
                committed = upto;
            }
            return batch;
        });
    }

    private void await() {
        if (pending == null) {
            return;
        }
        try {
            spare = pending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw FollowupException.failure("import " + file + ": cannot stage rows: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FollowupException.failure("import " + file + ": interrupted while staging rows", e);
        } finally {
            pending = null;
        }
    }

    private void write(Object[] batch, int count) throws SQLException {
        PreparedStatement statement = count == ROWS ? full() : connection.prepareStatement(insert(count));
        try {
            for (int index = 0; index < count * COLUMNS.length; index++) {
                Object value = batch[index];
                if (value == null) {
                    statement.setNull(index + 1, TYPES[index % COLUMNS.length]);
                } else {
                    statement.setObject(index + 1, value);
                }
                batch[index] = null;
            }
            statement.executeUpdate();
        } finally {
            if (statement != full) {
                statement.close();
            }
        }
    }

    private PreparedStatement full() throws SQLException {
        if (full == null) {
            full = connection.prepareStatement(insert(ROWS));
        }
        return full;
    }

    private static String insert(int rows) {
        String row = "(" + "?, ".repeat(COLUMNS.length - 1) + "?)";
        return "INSERT INTO import_row (" + String.join(", ", COLUMNS) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
    }

    /** Waits for a write still running (its failure was or will be reported by the caller's import), then stops. */
    @Override
    public void close() {
        Future<Object[]> running = pending;
        writer.shutdown();
        try {
            if (running != null) {
                running.get();
            }
            writer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (ExecutionException ignored) {
            // the import fails for another reason already (this write's failure is not what the caller reports)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (full != null) {
            try {
                full.close();
            } catch (SQLException e) {
                throw FollowupException.failure("import " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
