package io.followup.sequence;

import io.followup.FollowupException;
import io.followup.outbox.OutboxStore;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts re-read sequence files into the running daemon (at start-up, on {@code followup sequences reload} and on
 * SIGHUP). The sequences handed in are already validated; here the new sequences are stored and the live
 * enrollments of every sequence whose steps changed are moved by {@link StepRemap}'s rule in one transaction, each
 * with a {@code steps_changed} event; the catalog publishes the new sequences just before that transaction commits
 * (the enrollments it moves are locked by it, so the dispatcher, which skips locked rows, never sees a moved
 * enrollment with the old steps or an unmoved one with the new). Then the enrollments of removed sequences are
 * retired ({@link EnrollmentRetirement}). Mailboxes are not reloaded. Thread-safe: reloads run one at a time.
 */
public final class SequenceReload {

    /** The event recorded for each enrollment a change of its sequence moved. */
    public static final EventKind EVENT = EventKind.STEPS_CHANGED;

    private static final Logger log = LoggerFactory.getLogger(SequenceReload.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final EnrollmentStore enrollments;
    private final OutboxStore outbox;
    private final StepTasks stepTasks;
    private final EventLog events;
    private final EnrollmentRetirement retirement;
    private final Object oneAtATime = new Object();

    /**
     * What a reload did.
     *
     * @param sequences the sequences now configured
     * @param added     sequences that were not configured before
     * @param changed   sequences whose steps changed (by identity)
     * @param removed   sequences no longer configured
     * @param moved     live enrollments moved to another step number or with a step skipped
     * @param skipped   steps skipped in all (one enrollment may skip several)
     * @param retired   enrollments retired because their sequence was removed
     */
    public record Report(int sequences, List<String> added, List<String> changed, List<String> removed, int moved,
                         int skipped, int retired) {

        /** One line for the log and the command line. */
        public String summary() {
            return sequences + " sequence(s)" + names("added", added) + names("changed", changed)
                    + names("removed", removed) + "; " + moved + " enrollment(s) moved, " + skipped
                    + " step(s) skipped, " + retired + " enrollment(s) retired";
        }

        private static String names(String what, List<String> names) {
            return names.isEmpty() ? "" : ", " + what + ": " + String.join(", ", names);
        }
    }

    public SequenceReload(Jdbi jdbi, Clock clock, SequenceCatalog catalog, EnrollmentStore enrollments,
                          OutboxStore outbox, StepTasks stepTasks, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.stepTasks = stepTasks;
        this.events = events;
        this.retirement = new EnrollmentRetirement(catalog, enrollments, outbox, events);
    }

    /**
     * Applies {@code sequences}, validated by {@link SequenceLoader}.
     *
     * @throws FollowupException (bad input) when a sequence sends from a mailbox the running daemon does not serve;
     *                           nothing is changed then
     */
    public Report apply(List<SequenceDefinition> sequences) {
        synchronized (oneAtATime) {
            for (SequenceDefinition sequence : sequences) {
                if (sequence.mailbox() != null && !catalog.hasMailboxNamed(sequence.mailbox())) {
                    throw FollowupException.badInput("sequences/" + sequence.name() + ".yaml: mailbox \""
                            + sequence.mailbox() + "\" is not one this daemon serves (mailboxes are read at start-up;"
                            + " restart the daemon to add one); nothing was reloaded");
                }
            }
            Instant now = clock.instant();
            Set<String> before = new HashSet<>(catalog.sequenceNames());
            SequenceCatalog.Snapshot previous = catalog.current();
            List<String> changed = new ArrayList<>();
            int[] counts = new int[2];
            try {
                jdbi.useTransaction(handle -> {
                    SequenceCatalog.Staged staged = catalog.stage(handle, sequences, now, true);
                    for (SequenceCatalog.StepChange change : staged.changes()) {
                        if (change.changed()) {
                            changed.add(change.name());
                            for (Enrollment enrollment : enrollments.liveOfSequenceLocked(handle,
                                    change.sequenceId())) {
                                int skipped = move(handle, change, enrollment, now);
                                counts[0] += skipped >= 0 ? 1 : 0;
                                counts[1] += Math.max(skipped, 0);
                            }
                        }
                    }
                    catalog.publish(staged);
                });
            } catch (RuntimeException e) {
                catalog.restore(previous);
                throw e;
            }
            int retired = retirement.retireAllRemoved(jdbi, now);
            List<String> names = catalog.sequenceNames();
            Report report = new Report(names.size(), names.stream().filter(name -> !before.contains(name)).toList(),
                    List.copyOf(changed), before.stream().filter(name -> !names.contains(name)).sorted().toList(),
                    counts[0], counts[1], retired);
            log.info("sequences applied: {}", report.summary());
            return report;
        }
    }

    /** Moves one enrollment; returns how many steps it skips, or -1 when nothing changes for it. */
    private int move(Handle handle, SequenceCatalog.StepChange change, Enrollment enrollment, Instant now) {
        StepRemap remap = StepRemap.of(change.before(), change.after(), change.oldToNew(), enrollment.nextStep());
        if (!remap.changes(enrollment.nextStep())) {
            return -1;
        }
        long id = enrollment.id();
        Set<Integer> present = new HashSet<>(outbox.stepNumbers(handle, id));
        present.addAll(stepTasks.stepNumbers(handle, id));
        present.addAll(VariantChooser.stepNumbers(handle, id));
        java.util.Map<Integer, Integer> plan = StepNumbers.plan(present, remap.renumbered());
        String why = "sequence \"" + change.name() + "\" changed: "
                + (remap.skipped().isEmpty() ? "no step skipped" : String.join("; ", remap.skipped()) + " (skipped)");
        int cancelled = 0;
        if (!remap.keepsDraft()) {
            cancelled = outbox.cancelUnsent(handle, id, why, now);
        }
        stepTasks.renumber(handle, id, plan, remap.keepsDraft() ? Set.of() : Set.of(enrollment.nextStep()), now);
        StepNumbers.renumber(plan, (from, to) -> outbox.renumberStep(handle, id, from, to));
        VariantChooser.renumber(handle, id, plan);
        boolean waitedOnAStep = enrollment.nextDueAt() == null || enrollment.state() == EnrollmentState.HELD;
        enrollments.moveTo(handle, id, remap.nextStep(), !remap.keepsDraft() && waitedOnAStep, now);
        events.append(handle, now, EventLog.Event.of(EVENT, "sequence reloaded").enrollment(id)
                .contact(enrollment.contactId()).detail(why + "; next step " + remap.nextStep() + " (was "
                        + enrollment.nextStep() + ")" + (cancelled > 0 ? "; " + cancelled + " unsent draft(s) cancelled"
                        : "")));
        log.info("enrollment #{}: {}; next step {} -> {}", id, why, enrollment.nextStep(), remap.nextStep());
        return remap.skipped().size();
    }
}
