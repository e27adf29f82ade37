package io.followup.inbound;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads all IMAP watchers of a node share: one timer for every watcher's periodic wake-up (and the leases'
 * heartbeat), a small pool that runs those wake-ups (each may wait on the network), and the factory of the
 * watchers' own threads, one per watched folder. On a runtime where a virtual thread blocked in a
 * {@code synchronized} method does not hold its carrier (JDK 24 and later, JEP 491; Angus Mail's IMAP protocol
 * reads inside such methods) the watch threads and wake-ups are virtual, so a node's platform threads stay a few
 * whatever the number of mailboxes; on older runtimes they are platform threads. The system property
 * {@code followup.watcher.threads} ({@code virtual} or {@code platform}) overrides the choice. Thread-safe.
 */
public final class WatcherThreads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatcherThreads.class);
    /** Platform threads that run wake-ups when watch threads are platform threads too. */
    private static final int PLATFORM_WAKE_UPS = 4;

    private final ThreadFactory watchThreads;
    private final boolean virtual;
    private final ScheduledExecutorService timer;
    private final ExecutorService wakeUps;
    /** Passes over a folder (they use the database) that may run at once; the others wait their turn. */
    private final java.util.concurrent.Semaphore passes;

    private WatcherThreads(ThreadFactory virtualThreads, int concurrentPasses) {
        this.passes = new java.util.concurrent.Semaphore(Math.max(1, concurrentPasses), true);
        this.virtual = virtualThreads != null;
        this.watchThreads = virtual ? virtualThreads : runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imap-timer");
            thread.setDaemon(true);
            return thread;
        });
        if (virtual) {
            this.wakeUps = newThreadPerTaskExecutor(virtualThreads);
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(PLATFORM_WAKE_UPS, PLATFORM_WAKE_UPS, 30,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                        Thread thread = new Thread(runnable, "imap-wake-up");
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            this.wakeUps = pool;
        }
    }

    /** As {@link #create(int)} with a pool of {@link io.followup.config.DatabaseConfig#DEFAULT_POOL_SIZE}. */
    public static WatcherThreads create() {
        return create(io.followup.config.DatabaseConfig.DEFAULT_POOL_SIZE);
    }

    /**
     * Virtual watch threads where the runtime allows them (see the class comment), platform threads otherwise; at
     * most half of the {@code poolSize} database connections are used by watchers' passes at once (a thousand
     * watchers that wake together would otherwise queue in the pool and time out there).
     */
    public static WatcherThreads create(int poolSize) {
        String choice = System.getProperty("followup.watcher.threads", "");
        boolean wanted = choice.isBlank() ? Runtime.version().feature() >= 24 : choice.equalsIgnoreCase("virtual");
        ThreadFactory factory = wanted ? virtualThreadFactory() : null;
        WatcherThreads threads = new WatcherThreads(factory, poolSize / 2);
        log.info("IMAP watchers run on {} threads (JDK {})", threads.virtual ? "virtual" : "platform",
                Runtime.version().feature());
        return threads;
    }

    /** Whether watch threads are virtual. */
    public boolean virtual() {
        return virtual;
    }

    /** A new, unstarted daemon thread named {@code name} for a watcher's loop (or to close its connection). */
    Thread newThread(Runnable task, String name) {
        Thread thread = watchThreads.newThread(task);
        thread.setName(name);
        return thread;
    }

    /**
     * Runs {@code task} every {@code period} (first after one period) on the wake-up pool, never two runs of the
     * same task at once; cancel the returned future to stop it.
     */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        long millis = Math.max(100, period.toMillis());
        return timer.scheduleWithFixedDelay(() -> {
            if (running.compareAndSet(false, true)) {
                try {
                    wakeUps.execute(() -> {
                        try {
                            task.run();
                        } finally {
                            running.set(false);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    running.set(false);
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once on the wake-up pool, soon (not at all once these threads are closed). */
    void soon(Runnable task) {
        try {
            wakeUps.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            log.trace("not run, the watcher threads are closed: {}", task);
        }
    }

    /**
     * Runs one pass of a watcher over its folder (reading new messages, the database work) when its turn comes: at
     * most a bounded number run at once, in the order they asked.
     */
    <T> T pass(PassBody<T> body) throws jakarta.mail.MessagingException {
        try {
            passes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new jakarta.mail.MessagingException("interrupted while waiting for a pass");
        }
        try {
            return body.run();
        } finally {
            passes.release();
        }
    }

    /** A watcher's pass. */
    interface PassBody<T> {
        T run() throws jakarta.mail.MessagingException;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        wakeUps.shutdownNow();
    }

    /** {@code Thread.ofVirtual().factory()} through reflection (followup builds for JDK 17); null when absent. */
    private static ThreadFactory virtualThreadFactory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            log.warn("virtual threads are not available on JDK {}; IMAP watchers use platform threads",
                    Runtime.version().feature());
            return null;
        }
    }

    private static ExecutorService newThreadPerTaskExecutor(ThreadFactory factory) {
        try {
            return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                    .invoke(null, factory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads without newThreadPerTaskExecutor", e);
        }
    }
}
