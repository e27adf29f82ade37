package io.followup.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the SMTP sink received compared with the database, per outbound step message: {@code receivedOnce} (sent and
 * kept once), {@code duplicates} (a Message-ID kept more than once, kept while the row would still be sent, or kept
 * without any outbound row; other kinds of outbound mail, such as notices to the owner, count only when kept twice), {@code lost} (marked sent but never received), {@code inDoubt}, {@code failed}, and
 * {@code unfinished} (enrollments whose first message is neither sent, failed nor in doubt). Used by the crash and
 * cluster harnesses.
 *
 * @param inDoubtRows the in_doubt rows, id → Message-ID, in id order
 */
public record SinkTally(int receivedOnce, int duplicates, int lost, int inDoubt, int failed, int unfinished,
                        Map<Long, String> inDoubtRows) {

    /** Counts what {@code sink} kept against the outbound rows in {@code jdbi}; prints every duplicate. */
    public static SinkTally of(Jdbi jdbi, FaultSmtpSink sink) {
        Map<String, Long> kept = sink.keptByMessageId();
        Map<String, String> stateById = new HashMap<>();
        Map<Long, String> inDoubtRows = new LinkedHashMap<>();
        java.util.Set<String> ours = new java.util.HashSet<>(jdbi.withHandle(handle -> handle.createQuery(
                "SELECT message_id FROM outbound_message").mapTo(String.class).list()));
        int unfinished = jdbi.withHandle(handle -> {
            handle.createQuery("SELECT id, message_id, state FROM outbound_message WHERE kind = 'step' ORDER BY id")
                    .map((rs, ctx) -> {
                        stateById.put(rs.getString("message_id"), rs.getString("state"));
                        if (rs.getString("state").equals("in_doubt")) {
                            inDoubtRows.put(rs.getLong("id"), rs.getString("message_id"));
                        }
                        return null;
                    }).list();
            return unfinished(handle);
        });
        int once = 0;
        int duplicates = 0;
        int lost = 0;
        int inDoubt = 0;
        int failed = 0;
        for (Map.Entry<String, String> row : stateById.entrySet()) {
            long times = kept.getOrDefault(row.getKey(), 0L);
            if (times > 1) {
                duplicates++;
                System.out.println("DUPLICATE " + row.getKey() + " (" + row.getValue() + "): " + sink.received().stream()
                        .filter(received -> row.getKey().equals(received.messageId())).map(received ->
                                "connection " + received.connection() + " " + received.outcome()).toList());
                continue;
            }
            switch (row.getValue()) {
                case "sent" -> {
                    if (times == 1) {
                        once++;
                    } else {
                        lost++;
                    }
                }
                case "in_doubt" -> inDoubt++;
                case "failed" -> failed++;
                default -> {
                    if (times == 1) {
                        duplicates++; // the server has it, yet it would be sent again
                    }
                }
            }
        }
        duplicates += (int) kept.keySet().stream().filter(id -> !ours.contains(id)).count();
        duplicates += (int) kept.entrySet().stream().filter(entry -> entry.getValue() > 1
                && ours.contains(entry.getKey()) && !stateById.containsKey(entry.getKey())).count(); // notices
        return new SinkTally(once, duplicates, lost, inDoubt, failed, unfinished, inDoubtRows);
    }

    /** How many enrollments still wait for their first message to be sent, fail or be in doubt. */
    public static int unfinished(Handle handle) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM enrollment e WHERE NOT EXISTS (SELECT 1 FROM outbound_message o
                    WHERE o.enrollment_id = e.id AND o.state IN ('sent', 'failed', 'in_doubt'))""")
                .mapTo(Integer.class).one();
    }
}
