package io.followup.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;

/**
 * SQL fragments for writing many rows with one server command instead of one per row: the row list of a multi-row
 * {@code INSERT ... VALUES} and the {@code CASE} of a set-based {@code UPDATE}. Row {@code i} binds its values as
 * {@code :name + i} (for example {@code :at0, :at1}); only parameter names go into the SQL, never values. Portable
 * between H2 (MODE=MariaDB) and MariaDB. Also a statement on an {@code IN} list of ids, run in chunks
 * ({@link #updateIn}). Stateless and thread-safe.
 */
public final class MultiRow {

    /** Rows per statement: 200 rows of 10 values stay far below either server's limit of bound parameters. */
    public static final int MAX_ROWS = 200;

    private MultiRow() {
    }

    /** {@code (:a0, :b0), (:a1, :b1), ...} for {@code rows} rows of the parameters {@code names}. */
    public static String values(int rows, String... names) {
        StringJoiner all = new StringJoiner(", ");
        for (int row = 0; row < rows; row++) {
            StringJoiner one = new StringJoiner(", ", "(", ")");
            for (String name : names) {
                one.add(":" + name + row);
            }
            all.add(one.toString());
        }
        return all.toString();
    }

    /** {@code CASE key WHEN :key0 THEN :value0 ... END}: the value of each row, picked by its key column. */
    public static String caseOf(String keyColumn, String keyName, String valueName, int rows) {
        StringBuilder sql = new StringBuilder("CASE ").append(keyColumn);
        for (int row = 0; row < rows; row++) {
            sql.append(" WHEN :").append(keyName).append(row).append(" THEN :").append(valueName).append(row);
        }
        return sql.append(" END").toString();
    }

    /** {@code :key0, :key1, ...}, for an {@code IN} list of the rows' keys. */
    public static String keys(String keyName, int rows) {
        StringJoiner all = new StringJoiner(", ");
        for (int row = 0; row < rows; row++) {
            all.add(":" + keyName + row);
        }
        return all.toString();
    }

    /**
     * Inserts {@code rows} into {@code table} with one multi-row {@code INSERT ... VALUES (?, ...), ...} bound by
     * position on the handle's connection (in its transaction): no SQL text with a name per value for Jdbi to parse
     * (its parser was a third of the dispatching thread's CPU on a batch of drafts) and no name lookup per value.
     * Each row holds its values in the order of {@code columns}; a null value binds SQL NULL of the column's
     * {@code types} entry ({@link java.sql.Types}). The caller keeps {@code rows x columns} below 65,535 (MariaDB's
     * limit of bound values with server-side prepared statements). A failure is thrown as a {@link StoreException}
     * whose cause is the driver's exception ({@link UniqueKey#violated} sees a unique key in it). Returns the rows
     * inserted.
     */
    public static int insert(Handle handle, String table, List<String> columns, int[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = handle.getConnection().prepareStatement(insertSql(table, columns,
                rows.size()))) {
            bind(statement, columns, types, rows);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed(table, rows, e);
        }
    }

    /**
     * {@link #insert}, and the values of the columns {@code returned} (the generated id, a key of the row) of every
     * row the statement inserted, one array a row in the order of {@code returned}. MariaDB answers with the rows of
     * {@code INSERT ... RETURNING} (exact whatever the server's auto-increment lock mode: its driver's generated keys
     * of a multi-row insert are the first id only), H2 with the generated keys of the named columns. Saves reading
     * the rows back by a key after the insert. Fails as {@link #insert} does.
     */
    public static List<Object[]> insertReturning(Handle handle, String table, List<String> columns, int[] types,
                                                 List<Object[]> rows, String... returned) {
        List<Object[]> inserted = new ArrayList<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        String sql = insertSql(table, columns, rows.size());
        try {
            java.sql.Connection connection = handle.getConnection();
            boolean mariadb = Dialect.of(connection.getMetaData().getURL()) == Dialect.MARIADB;
            try (PreparedStatement statement = mariadb
                    ? connection.prepareStatement(sql + " RETURNING " + String.join(", ", returned))
                    : connection.prepareStatement(sql, returned)) {
                bind(statement, columns, types, rows);
                try (java.sql.ResultSet keys = mariadb ? statement.executeQuery() : executedKeys(statement)) {
                    while (keys.next()) {
                        Object[] values = new Object[returned.length];
                        for (int column = 0; column < returned.length; column++) {
                            values[column] = keys.getObject(column + 1);
                        }
                        inserted.add(values);
                    }
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw failed(table, rows, e);
        }
    }

    private static java.sql.ResultSet executedKeys(PreparedStatement statement) throws SQLException {
        statement.executeUpdate();
        return statement.getGeneratedKeys();
    }

    private static String insertSql(String table, List<String> columns, int rows) {
        String row = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
    }

    private static void bind(PreparedStatement statement, List<String> columns, int[] types, List<Object[]> rows)
            throws SQLException {
        int index = 1;
        for (Object[] values : rows) {
            for (int column = 0; column < columns.size(); column++) {
                if (values[column] == null) {
                    statement.setNull(index++, types[column]);
                } else {
                    statement.setObject(index++, values[column]);
                }
            }
        }
    }

    private static StoreException failed(String table, List<Object[]> rows, SQLException e) {
        return new StoreException("cannot insert " + rows.size() + " row(s) into " + table + ": " + e.getMessage(), e);
    }

    /** {@code items} cut into consecutive parts of at most {@link #MAX_ROWS}, in order. */
    public static <T> List<List<T>> chunks(List<T> items) {
        return chunks(items, MAX_ROWS);
    }

    /** {@code items} cut into consecutive parts of at most {@code size}, in order. */
    public static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    /** Ids per {@code IN} list of {@link #updateIn} (well under the servers' parameter limits). */
    public static final int IDS_PER_STATEMENT = 500;

    /**
     * Runs {@code statement}, whose {@code <ids>} is an {@code IN} list, for {@code ids} in chunks of
     * {@link #IDS_PER_STATEMENT}; returns how many rows it changed in all. No statement for no ids.
     */
    public static int updateIn(org.jdbi.v3.core.Handle handle, String statement, List<Long> ids) {
        int rows = 0;
        for (List<Long> chunk : chunks(ids, IDS_PER_STATEMENT)) {
            rows += handle.createUpdate(statement).bindList("ids", chunk).execute();
        }
        return rows;
    }
}
