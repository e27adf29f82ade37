package io.followup.sequence;

import io.followup.FollowupException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;

/**
 * Writes the rows of one import into {@code import_row}, {@value #ROWS} rows per multi-row {@code INSERT ... VALUES}
 * (one server command per 1,000 rows instead of one per row, which MariaDB Connector/J 3 does for a JDBC batch;
 * 15,000 bound values, below MariaDB's limit of 65,535). Rows are kept in one reused buffer of that size; nothing
 * grows with the file. Plain JDBC on the handle's connection: 15 values a row bound by position, without a name
 * lookup per value. Confined to the calling thread; the caller owns the transaction.
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
    private final Object[] buffer = new Object[ROWS * COLUMNS.length];
    private PreparedStatement full;
    private int rows;
    private long staged;

    ImportStaging(Connection connection, String file) {
        this.connection = connection;
        this.file = file;
    }

    /** Adds one row (values in the order of {@link #COLUMNS}); writes the buffer when it is full. */
    void add(Object... values) {
        System.arraycopy(values, 0, buffer, rows * COLUMNS.length, COLUMNS.length);
        rows++;
        if (rows == ROWS) {
            flush();
        }
    }

    /** Writes the buffered rows. */
    void flush() {
        if (rows == 0) {
            return;
        }
        try {
            if (rows == ROWS) {
                if (full == null) {
                    full = connection.prepareStatement(insert(rows));
                }
                write(full);
            } else {
                try (PreparedStatement partial = connection.prepareStatement(insert(rows))) {
                    write(partial);
                }
            }
        } catch (SQLException e) {
            throw FollowupException.failure("import " + file + ": cannot stage rows: " + e.getMessage(), e);
        }
        staged += rows;
        rows = 0;
    }

    /** Rows written so far. */
    long staged() {
        return staged;
    }

    private void write(PreparedStatement statement) throws SQLException {
        for (int index = 0; index < rows * COLUMNS.length; index++) {
            Object value = buffer[index];
            if (value == null) {
                statement.setNull(index + 1, TYPES[index % COLUMNS.length]);
            } else {
                statement.setObject(index + 1, value);
            }
            buffer[index] = null;
        }
        statement.executeUpdate();
    }

    private static String insert(int rows) {
        String row = "(" + "?, ".repeat(COLUMNS.length - 1) + "?)";
        return "INSERT INTO import_row (" + String.join(", ", COLUMNS) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
    }

    @Override
    public void close() {
        if (full != null) {
            try {
                full.close();
            } catch (SQLException e) {
                throw FollowupException.failure("import " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
