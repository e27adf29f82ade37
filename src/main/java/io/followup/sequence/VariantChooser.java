package io.followup.sequence;

import io.followup.contact.ErasureParticipant;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.store.MultiRow;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Chooses the A/B variant of a step for one enrollment, once: the choice is a deterministic weighted pick from the
 * enrollment id and step number, recorded in {@code step_variant} when the step is first drafted and read back
 * from there ever after, so restarts, retries and later weight changes never move an enrollment to another
 * variant. Only when the recorded template is no longer one of the step's variants is a new one chosen (and the
 * change written to the event log). Stateless and thread-safe; call inside the dispatch transaction.
 */
public final class VariantChooser {

    private final EventLog events;

    VariantChooser(EventLog events) {
        this.events = events;
    }

    /** The template {@code step} sends to enrollment {@code enrollmentId}. */
    String choose(Handle handle, long enrollmentId, StepDefinition step, Instant now) {
        if (!step.hasVariants()) {
            return step.template();
        }
        Optional<String> recorded = handle.createQuery(
                        "SELECT template FROM step_variant WHERE enrollment_id = :enrollment AND step_no = :step")
                .bind("enrollment", enrollmentId).bind("step", step.number()).mapTo(String.class).findOne();
        if (recorded.isPresent() && step.templates().contains(recorded.get())) {
            return recorded.get();
        }
        String chosen = pick(step, enrollmentId);
        if (recorded.isPresent()) {
            handle.createUpdate("UPDATE step_variant SET template = :template, chosen_at = :now "
                            + "WHERE enrollment_id = :enrollment AND step_no = :step")
                    .bind("template", chosen).bind("now", now).bind("enrollment", enrollmentId)
                    .bind("step", step.number()).execute();
            events.append(handle, now, EventLog.Event.of(EventKind.VARIANT_CHANGED, "variant no longer configured")
                    .enrollment(enrollmentId).detail("step " + step.number() + ": " + recorded.get() + " -> "
                            + chosen));
        } else {
            handle.createUpdate("INSERT INTO step_variant (enrollment_id, step_no, template, chosen_at) "
                            + "VALUES (:enrollment, :step, :template, :now)")
                    .bind("template", chosen).bind("now", now).bind("enrollment", enrollmentId)
                    .bind("step", step.number()).execute();
        }
        return chosen;
    }

    /** The step numbers {@code enrollmentId}'s variant choices are recorded under. */
    static java.util.Set<Integer> stepNumbers(Handle handle, long enrollmentId) {
        return java.util.Set.copyOf(handle.createQuery("SELECT step_no FROM step_variant WHERE enrollment_id = :id")
                .bind("id", enrollmentId).mapTo(Integer.class).list());
    }

    /** Files {@code enrollmentId}'s variant choices under new step numbers ({@code numbers}: old to new). */
    static void renumber(Handle handle, long enrollmentId, java.util.Map<Integer, Integer> numbers) {
        StepNumbers.renumber(numbers, (from, to) -> handle.createUpdate(
                        "UPDATE step_variant SET step_no = :to WHERE enrollment_id = :id AND step_no = :from")
                .bind("to", to).bind("id", enrollmentId).bind("from", from).execute());
    }

    /** The weighted pick for one enrollment and step: the same inputs always give the same variant. */
    static String pick(StepDefinition step, long enrollmentId) {
        int total = step.variants().stream().mapToInt(StepDefinition.Variant::weight).sum();
        long point = Math.floorMod(mix(enrollmentId * 1_000_003L + step.number()), (long) total);
        for (StepDefinition.Variant variant : step.variants()) {
            point -= variant.weight();
            if (point < 0) {
                return variant.template();
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    /** SplitMix64's finalizer: spreads consecutive ids evenly. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A forgotten contact's enrollments lose their variant choices ({@code ContactEraser}'s participant). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        MultiRow.updateIn(handle, "DELETE FROM step_variant WHERE enrollment_id IN (<ids>)", forgotten.enrollments());
    }
}
