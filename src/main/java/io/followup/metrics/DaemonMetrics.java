package io.followup.metrics;

import io.followup.config.MailboxConfig;
import io.followup.inbound.InboundStore;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.SendListener;
import io.followup.outbox.SendPacing;
import io.followup.response.ResponseListener;
import io.followup.sequence.EnrollmentStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The daemon's metrics in Prometheus text ({@link #scrape}): figures read from the database at scrape time
 * ({@link DatabaseFigures}), sends by SMTP reply class and send latency ({@link #sendListener}), reply → action
 * latency ({@link #responseListener}), the IMAP connection of each mailbox ({@link #watch}), Quartz misfires
 * ({@link #misfired}) and the JVM's own. One per daemon; thread-safe.
 */
public final class DaemonMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DatabaseFigures figures;
    private final Counter misfires;
    private final Timer replyAction;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * The stores the database figures are read through, each the owner of its table.
     *
     * @param pacing the mailboxes' send counts, for the caps' headroom
     */
    public record Stores(OutboxStore outbox, EnrollmentStore enrollments, InboundStore inbound, SendPacing pacing) {
    }

    /**
     * @param mailboxes the configured mailboxes by database id
     * @param stores    the stores the database figures are read through
     */
    public DaemonMetrics(Jdbi jdbi, Clock clock, Supplier<Map<Long, MailboxConfig>> mailboxes, Stores stores) {
        figures = new DatabaseFigures(jdbi, clock, mailboxes, stores);
        figures.bindTo(registry);
        misfires = Counter.builder("followup.quartz.misfires").description("Chore runs Quartz started late")
                .register(registry);
        replyAction = Timer.builder("followup.reply.action")
                .description("From a reply's Date to the action it caused (the enrollment stopped)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A send listener that counts and times sends, then tells {@code next}. */
    public SendListener sendListener(SendListener next) {
        return new SendMetrics(registry, next);
    }

    /** A response listener that times reply → action. */
    public ResponseListener responseListener() {
        return new ReplyLatency(replyAction);
    }

    /** Shows whether {@code mailbox}'s IMAP watcher is connected ({@code followup_imap_connected}, 1 or 0). */
    public void watch(String mailbox, BooleanSupplier connected) {
        Gauge.builder("followup.imap.connected", connected, supplier -> supplier.getAsBoolean() ? 1 : 0)
                .description("Whether the mailbox's IMAP watcher holds an open folder").tag("mailbox", mailbox)
                .strongReference(true).register(registry);
    }

    /** Counts one Quartz misfire. */
    public void misfired() {
        misfires.increment();
    }

    /** Reads the database figures now and returns every metric in the Prometheus text format (0.0.4). */
    public String scrape() {
        figures.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
