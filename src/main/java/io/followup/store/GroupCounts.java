package io.followup.store;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** Counts of a table's rows by the stored value of an enum column, read in one {@code GROUP BY} query. */
public final class GroupCounts {

    private GroupCounts() {
    }

    /**
     * How many rows hold each constant of {@code type}: every constant, 0 when no row holds it; rows whose value no
     * constant is stored as are not counted. Runs in the caller's transaction.
     *
     * @param sql    a query whose first column is the stored value and second its count, e.g.
     *               {@code SELECT state, COUNT(*) FROM enrollment GROUP BY state}
     * @param stored the value a constant is stored as
     */
    public static <E extends Enum<E>> Map<E, Long> of(Handle handle, String sql, Class<E> type,
                                                      Function<E, String> stored) {
        Map<String, Long> rows = new HashMap<>();
        handle.createQuery(sql).map((rs, ctx) -> Map.entry(String.valueOf(rs.getString(1)), rs.getLong(2)))
                .forEach(row -> rows.merge(row.getKey(), row.getValue(), Long::sum));
        Map<E, Long> counts = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            counts.put(constant, rows.getOrDefault(stored.apply(constant), 0L));
        }
        return counts;
    }
}
