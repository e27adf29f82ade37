package io.followup.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job adapter of one {@link Chore}: never two runs of the same chore at once, and a failure is logged
 * with the chore's name and left for the next run instead of being swallowed.
 */
@DisallowConcurrentExecution
final class ChoreJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(ChoreJob.class);

    private final String name;
    private final Chore chore;

    ChoreJob(String name, Chore chore) {
        this.name = name;
        this.chore = chore;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            int handled = chore.run();
            if (handled > 0) {
                log.debug("chore {}: {} item(s)", name, handled);
            }
        } catch (RuntimeException e) {
            log.error("chore {} failed: {}", name, e.getMessage(), e);
            throw new JobExecutionException("chore " + name + " failed: " + e.getMessage(), e, false);
        }
    }
}
