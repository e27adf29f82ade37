package io.followup.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What the MariaDB server did during a measured stretch, read from its global status: pages read into the buffer
 * pool from disk (a miss), pages written out, redo written, and how full the redo log got (the checkpoint age
 * against its maximum: near it, InnoDB flushes pages as fast as it can and writes wait). Server-wide counters: other
 * sessions on the same server are counted too, so read them beside the load and the run's own figures.
 */
final class InnodbCounters {

    private static final String NAMES = "'Innodb_buffer_pool_reads', 'Innodb_buffer_pool_read_requests', "
            + "'Innodb_pages_written', 'Innodb_lsn_current', 'Innodb_checkpoint_age', 'Innodb_checkpoint_max_age', "
            + "'Innodb_history_list_length'";

    private final Jdbi jdbi;
    private final Map<String, Long> start;
    private long maxCheckpointAge;
    private long maxHistory;

    private InnodbCounters(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.start = read(jdbi);
        sample(start);
    }

    /** Starts counting now. */
    static InnodbCounters start(Jdbi jdbi) {
        return new InnodbCounters(jdbi);
    }

    /** Notes how full the redo log is now (the highest seen is reported); call now and then during the stretch. */
    void sample() {
        sample(read(jdbi));
    }

    /** The counters since {@link #start} per {@code units} units of work, as one line for the table. */
    String per(int units, String unit) {
        Map<String, Long> end = read(jdbi);
        sample(end);
        double n = Math.max(1, units);
        long poolPages = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT @@innodb_buffer_pool_size").mapTo(Long.class).one()) / (1024 * 1024);
        return String.format(Locale.ROOT, "per %s: %.3f pages read from disk (of %.0f page reads), %.3f pages "
                        + "written, %,.0f bytes of redo; redo log fullest %.0f%% (checkpoint age %,.0f of %,.0f kB), "
                        + "purge backlog up to %,d; buffer pool %,d MB", unit,
                delta(end, "Innodb_buffer_pool_reads") / n, delta(end, "Innodb_buffer_pool_read_requests") / n,
                delta(end, "Innodb_pages_written") / n, delta(end, "Innodb_lsn_current") / n,
                100.0 * maxCheckpointAge / Math.max(1, end.getOrDefault("Innodb_checkpoint_max_age", 1L)),
                maxCheckpointAge / 1024.0, end.getOrDefault("Innodb_checkpoint_max_age", 0L) / 1024.0, maxHistory,
                poolPages);
    }

    private long delta(Map<String, Long> end, String name) {
        return end.getOrDefault(name, 0L) - start.getOrDefault(name, 0L);
    }

    private void sample(Map<String, Long> now) {
        maxCheckpointAge = Math.max(maxCheckpointAge, now.getOrDefault("Innodb_checkpoint_age", 0L));
        maxHistory = Math.max(maxHistory, now.getOrDefault("Innodb_history_list_length", 0L));
    }

    private static Map<String, Long> read(Jdbi jdbi) {
        Map<String, Long> values = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SHOW GLOBAL STATUS WHERE Variable_name IN (" + NAMES + ")")
                .map((rs, ctx) -> values.put(rs.getString(1), Long.parseLong(rs.getString(2)))).list());
        return values;
    }
}
