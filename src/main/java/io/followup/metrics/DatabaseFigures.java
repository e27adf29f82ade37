package io.followup.metrics;

import io.followup.config.CapsConfig;
import io.followup.config.MailboxConfig;
import io.followup.inbound.InboundStore;
import io.followup.inbound.classify.MessageKind;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.SendPacing;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The figures read from the database when {@code /metrics} is scraped: messages by state, enrollments by state,
 * inbound messages by kind, the dispatch lag (how late the oldest due step is) and each capped mailbox's headroom
 * under its hourly and daily caps. {@link #refresh} runs a handful of indexed queries in one transaction, each
 * through the store that owns its table; the gauges read the last snapshot. Thread-safe (a refresh replaces the
 * snapshot at once).
 */
final class DatabaseFigures implements MeterBinder {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Supplier<Map<Long, MailboxConfig>> mailboxes;
    private final OutboxStore outbox;
    private final EnrollmentStore enrollments;
    private final InboundStore inbound;
    private final SendPacing pacing;
    private volatile Map<String, Double> snapshot = Map.of();

    /**
     * @param mailboxes the configured mailboxes by database id (read at each refresh)
     * @param stores    the owners of the tables the figures are read from, as the daemon wires them
     */
    DatabaseFigures(Jdbi jdbi, Clock clock, Supplier<Map<Long, MailboxConfig>> mailboxes,
                    DaemonMetrics.Stores stores) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mailboxes = mailboxes;
        this.outbox = stores.outbox();
        this.enrollments = stores.enrollments();
        this.inbound = stores.inbound();
        this.pacing = stores.pacing();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OutboundState state : OutboundState.values()) {
            gauge(registry, "followup.messages", "Outbound messages by state", "messages:" + state.db(), "state",
                    state.db());
        }
        for (EnrollmentState state : EnrollmentState.values()) {
            gauge(registry, "followup.enrollments", "Enrollments by state", "enrollments:" + state.db(), "state",
                    state.db());
        }
        for (MessageKind kind : MessageKind.values()) {
            gauge(registry, "followup.inbound.messages", "Inbound messages recorded, by kind",
                    "inbound:" + kind.wireName(), "kind", kind.wireName());
        }
        Gauge.builder("followup.dispatch.lag", this, figures -> figures.value("lag"))
                .description("How late the oldest due step of an active enrollment is (0 when none is overdue)")
                .baseUnit("seconds").register(registry);
        mailboxes.get().values().forEach(mailbox -> {
            if (mailbox.caps().perHour() != Integer.MAX_VALUE) {
                gauge(registry, "followup.caps.headroom", "Sends a mailbox may still make under its cap",
                        "headroom:hour:" + mailbox.name(), "mailbox", mailbox.name(), "window", "hour");
            }
            if (mailbox.caps().perDay() != Integer.MAX_VALUE) {
                gauge(registry, "followup.caps.headroom", "Sends a mailbox may still make under its cap",
                        "headroom:day:" + mailbox.name(), "mailbox", mailbox.name(), "window", "day");
            }
        });
    }

    private void gauge(MeterRegistry registry, String name, String description, String key, String... tags) {
        Gauge.builder(name, this, figures -> figures.value(key)).description(description).tags(tags)
                .register(registry);
    }

    private double value(String key) {
        return snapshot.getOrDefault(key, 0.0);
    }

    /** Reads every figure now. */
    void refresh() {
        Instant now = clock.instant();
        snapshot = jdbi.inTransaction(handle -> {
            Map<String, Double> figures = new HashMap<>();
            outbox.countByState(handle).forEach((state, count) -> figures.put("messages:" + state.db(),
                    (double) count));
            enrollments.countByState(handle).forEach((state, count) -> figures.put("enrollments:" + state.db(),
                    (double) count));
            inbound.countByKind(handle).forEach((kind, count) -> figures.put("inbound:" + kind.wireName(),
                    (double) count));
            figures.put("lag", enrollments.oldestDue(handle)
                    .map(due -> Math.max(0, now.toEpochMilli() - due.toEpochMilli()) / 1000.0).orElse(0.0));
            mailboxes.get().forEach((id, mailbox) -> {
                CapsConfig caps = mailbox.caps();
                if (caps.perHour() != Integer.MAX_VALUE) {
                    figures.put("headroom:hour:" + mailbox.name(),
                            (double) Math.max(0, caps.perHour() - pacing.sendsWithin(handle, id, HOUR, now)));
                }
                if (caps.perDay() != Integer.MAX_VALUE) {
                    figures.put("headroom:day:" + mailbox.name(),
                            (double) Math.max(0, caps.perDay() - pacing.sendsWithin(handle, id, DAY, now)));
                }
            });
            return Map.copyOf(figures);
        });
    }
}
