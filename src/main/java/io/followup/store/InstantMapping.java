package io.followup.store;

import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * Stores every {@link Instant} as BIGINT milliseconds since the epoch, so that no value depends on a database
 * session's or a JVM's time zone.
 */
final class InstantMapping {

    private InstantMapping() {
    }

    static void install(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.BIGINT) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, context) -> statement.setLong(position, value.toEpochMilli());
            }
        });
        jdbi.registerColumnMapper(Instant.class, (ColumnMapper<Instant>) (results, column, context) -> {
            long millis = results.getLong(column);
            return results.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }
}
