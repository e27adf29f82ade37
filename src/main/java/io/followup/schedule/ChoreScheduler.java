package io.followup.schedule;

import io.followup.FollowupException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the recurring chores with Quartz and its JDBC job store in followup's own database (clustered when several
 * daemons share a MariaDB). Due times of steps live in followup's tables; Quartz only decides when each chore runs.
 * Chores are registered before {@link #start()}; the instance is then used from one thread for start and stop.
 */
public final class ChoreScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChoreScheduler.class);
    private static final String GROUP = "followup";

    private final Map<String, Registered> chores = new LinkedHashMap<>();
    private final Map<String, Registered> localChores = new LinkedHashMap<>();
    private final String schedulerName;
    private final String instanceId;
    private final boolean clustered;
    private final DataSource dataSource;
    private Scheduler scheduler;
    private Scheduler localScheduler;
    private Runnable misfireListener = () -> { };
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong begun = new AtomicLong();

    private record Registered(Chore chore, Duration interval) {
    }

    /**
     * @param schedulerName the Quartz scheduler name, the same on every node of a cluster
     * @param instanceId    this node's id (unique in a cluster)
     */
    public ChoreScheduler(String schedulerName, String instanceId, boolean clustered, DataSource dataSource) {
        this.schedulerName = schedulerName;
        this.instanceId = instanceId;
        this.clustered = clustered;
        this.dataSource = dataSource;
    }

    /** Calls {@code listener} each time Quartz finds a chore's trigger misfired (started too late). */
    public ChoreScheduler onMisfire(Runnable listener) {
        misfireListener = listener;
        return this;
    }

    public ChoreScheduler every(String name, Duration interval, Chore chore) {
        chores.put(name, new Registered(chore, interval));
        return this;
    }

    /**
     * Registers a chore that every node runs for itself, on its own schedule, outside the cluster's job store: for
     * work whose claims already make concurrent runs safe (sending claims messages under a row lock with
     * {@code SKIP LOCKED}). A clustered job runs on one node at a time, so as one job the outbox would be sent by
     * one node at a time, and would stop on every node for Quartz's failure detection (some 15 s) when the node
     * running it dies mid-SMTP.
     */
    public ChoreScheduler everyOnEachNode(String name, Duration interval, Chore chore) {
        localChores.put(name, new Registered(chore, interval));
        return this;
    }

    public void start() {
        String providerName = providerName(schedulerName);
        DBConnectionManager.getInstance().addConnectionProvider(providerName, new PoolProvider(dataSource));
        Properties properties = new Properties();
        properties.put("org.quartz.scheduler.instanceName", schedulerName);
        properties.put("org.quartz.scheduler.instanceId", instanceId);
        properties.put("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.put("org.quartz.threadPool.threadCount", String.valueOf(Math.max(2, chores.size())));
        properties.put("org.quartz.threadPool.threadNamePrefix", "followup-chore");
        properties.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        properties.put("org.quartz.jobStore.dataSource", providerName);
        properties.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.put("org.quartz.jobStore.isClustered", String.valueOf(clustered));
        properties.put("org.quartz.jobStore.misfireThreshold", "5000");
        properties.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        properties.put("org.quartz.scheduler.idleWaitTime", "1000");
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(properties);
            scheduler = factory.getScheduler();
            scheduler.setJobFactory(jobFactory(chores));
            Runnable onMisfire = misfireListener;
            scheduler.getListenerManager().addTriggerListener(new org.quartz.listeners.TriggerListenerSupport() {
                @Override
                public String getName() {
                    return "followup-misfires";
                }

                @Override
                public void triggerMisfired(Trigger trigger) {
                    onMisfire.run();
                }
            });
            for (Map.Entry<String, Registered> entry : chores.entrySet()) {
                schedule(scheduler, entry.getKey(), entry.getValue().interval());
            }
            for (String name : localChores.keySet()) {
                // a cluster job of the same name, stored by an earlier version, would only fire to be skipped
                scheduler.deleteJob(JobKey.jobKey(name, GROUP));
            }
            scheduler.start();
            log.info("scheduler {} started ({} chores{})", schedulerName, chores.size(), clustered ? ", clustered" : "");
            if (!localChores.isEmpty()) {
                localScheduler = startLocal();
            }
        } catch (SchedulerException e) {
            throw FollowupException.failure("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /** The node's own scheduler of {@link #everyOnEachNode} chores: in memory, not clustered. */
    private Scheduler startLocal() throws SchedulerException {
        Properties properties = new Properties();
        properties.put("org.quartz.scheduler.instanceName", schedulerName + "-" + instanceId + "-local");
        properties.put("org.quartz.scheduler.instanceId", instanceId);
        properties.put("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.put("org.quartz.threadPool.threadCount", String.valueOf(localChores.size()));
        properties.put("org.quartz.threadPool.threadNamePrefix", "followup-node-chore");
        properties.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.put("org.quartz.jobStore.misfireThreshold", "5000");
        Scheduler local = new StdSchedulerFactory(properties).getScheduler();
        local.setJobFactory(jobFactory(localChores));
        for (Map.Entry<String, Registered> entry : localChores.entrySet()) {
            schedule(local, entry.getKey(), entry.getValue().interval());
        }
        local.start();
        log.info("node chores of {} started ({})", instanceId, String.join(", ", localChores.keySet()));
        return local;
    }

    private JobFactory jobFactory(Map<String, Registered> registry) {
        return (bundle, ignored) -> {
            String name = bundle.getJobDetail().getKey().getName();
            Registered registered = registry.get(name);
            if (registered == null) {
                return context -> log.debug("no chore {} on this node; skipped", name);
            }
            Chore chore = registered.chore();
            return new ChoreJob(name, () -> {
                begun.incrementAndGet();
                running.incrementAndGet();
                try {
                    return chore.run();
                } finally {
                    running.decrementAndGet();
                }
            });
        };
    }

    private static void schedule(Scheduler scheduler, String name, Duration interval) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(ChoreJob.class).withIdentity(name, GROUP).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, GROUP).forJob(job).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(Math.max(50, interval.toMillis()))
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
    }

    /**
     * How many chore runs this node has begun, or -1 while one is running: two equal non-negative readings mean
     * that no chore ran in between (a test that does the chores' work itself uses it to know it saw all of it).
     */
    public long activity() {
        return running.get() > 0 ? -1 : begun.get();
    }

    /** Stops the scheduler, waiting for running chores to finish. */
    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        try {
            if (localScheduler != null) {
                localScheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            log.warn("stopping the node's chores: {}", e.getMessage());
        }
        localScheduler = null;
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("stopping the scheduler: {}", e.getMessage());
        }
        scheduler = null;
        // Quartz's registry is static and has no removal: one entry per scheduler name (replaced on every start),
        // and on close a closed provider instead of the pool, so no stopped daemon's DataSource stays reachable
        DBConnectionManager.getInstance().addConnectionProvider(providerName(schedulerName), CLOSED);
    }

    /** The name of this scheduler's connection provider in Quartz's static registry. */
    static String providerName(String schedulerName) {
        return "followup-" + schedulerName;
    }

    private static final ConnectionProvider CLOSED = new ConnectionProvider() {
        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            throw new java.sql.SQLException("the followup scheduler is closed");
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    };

    /** Hands Quartz connections from followup's pool. */
    private record PoolProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
