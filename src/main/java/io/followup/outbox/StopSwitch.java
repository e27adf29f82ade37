package io.followup.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Jdbi;

/**
 * The stop switch ({@code followup pause --everything [--mailbox NAME]}): while it is on for the whole daemon or for a
 * mailbox, no outgoing mail of that scope is sent — steps, notices, check-ins, thank-yous and digests all go
 * through the outbox, where this gate holds each message back (it stays queued and is looked at again every
 * {@link #RECHECK}). Stored in {@code send_stop}, so it holds across restarts and for every daemon on the database.
 * Thread-safe.
 */
public final class StopSwitch implements SendGate {

    /** The scope that means every mailbox. */
    public static final String EVERYTHING = "*";
    /** How long a held-back message waits before the switch is asked again. */
    static final Duration RECHECK = Duration.ofMinutes(1);

    /** One active stop: its scope ({@link #EVERYTHING} or a mailbox name), who set it and when. */
    public record Stop(String scope, String by, Instant at) {

        public boolean everything() {
            return EVERYTHING.equals(scope);
        }
    }

    private final Jdbi jdbi;
    private final LongFunction<String> mailboxNames;

    /** @param mailboxNames a mailbox's configured name by its id */
    public StopSwitch(Jdbi jdbi, LongFunction<String> mailboxNames) {
        this.jdbi = jdbi;
        this.mailboxNames = mailboxNames;
    }

    /** Turns the switch on for {@code scope}; false when it was on already. */
    public boolean stop(String scope, String by, Instant now) {
        return jdbi.inTransaction(handle -> {
            boolean on = handle.createQuery("SELECT COUNT(*) FROM send_stop WHERE scope = :scope")
                    .bind("scope", scope).mapTo(Integer.class).one() > 0;
            if (on) {
                return false;
            }
            handle.createUpdate("INSERT INTO send_stop (scope, stopped_by, stopped_at) VALUES (:scope, :by, :now)")
                    .bind("scope", scope).bind("by", by).bind("now", now).execute();
            return true;
        });
    }

    /** Turns the switch off for {@code scope}; false when it was not on. Held messages go at their next look. */
    public boolean resume(String scope) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM send_stop WHERE scope = :scope")
                .bind("scope", scope).execute() == 1);
    }

    /** The stops in force, the whole daemon's first. */
    public List<Stop> active() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT scope, stopped_by, stopped_at FROM send_stop ORDER BY scope")
                .map((rs, ctx) -> new Stop(rs.getString("scope"), rs.getString("stopped_by"),
                        Instant.ofEpochMilli(rs.getLong("stopped_at"))))
                .list());
    }

    /** One look at the switch for a batch of messages (all of one mailbox or not). */
    @Override
    public java.util.Map<Long, Instant> notBefore(List<OutboundMessage> messages, Instant now) {
        if (messages.isEmpty()) {
            return java.util.Map.of();
        }
        List<String> scopes = active().stream().map(Stop::scope).toList();
        java.util.Map<Long, Instant> held = new java.util.HashMap<>();
        if (scopes.isEmpty()) {
            return held;
        }
        for (OutboundMessage message : messages) {
            if (scopes.contains(EVERYTHING) || scopes.contains(mailboxNames.apply(message.mailboxId()))) {
                held.put(message.id(), now.plus(RECHECK));
            }
        }
        return held;
    }

    @Override
    public Instant notBefore(OutboundMessage message, Instant now) {
        boolean stopped = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM send_stop WHERE scope IN ('*', :mailbox)")
                .bind("mailbox", mailboxNames.apply(message.mailboxId())).mapTo(Integer.class).one() > 0);
        return stopped ? now.plus(RECHECK) : null;
    }
}
