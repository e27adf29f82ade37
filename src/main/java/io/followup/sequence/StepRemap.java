package io.followup.sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one enrollment stands after its sequence's steps changed, by {@link StepIdentity}. The rule (README,
 * "Reloading sequences"):
 * <ol>
 *   <li>The enrollment goes on with the step it was waiting for, at that step's new position.</li>
 *   <li>If that step was removed, it is skipped: the enrollment goes on with the next of its old steps that still
 *       exists; if none does, with the step after its last sent one (or it completes).</li>
 *   <li>A step already sent is never sent again: if a reorder puts a sent step after the one it waits for, it goes on
 *       after the last sent step and the steps placed before that are skipped.</li>
 *   <li>A step added before where the enrollment stands is not sent; one added after it is sent in turn.</li>
 * </ol>
 * The due time is kept. Immutable.
 *
 * @param nextStep   the new {@code next_step}
 * @param renumbered old step number to new one for the steps the enrollment has history of (sent, or the one it
 *                   waits for when that keeps its draft or task); a step that has no new number is absent
 * @param skipped    the old steps it will not get: removed, or passed over (with why, for the event log)
 * @param keepsDraft whether a draft or task made for the step it waited for still counts (false: cancel it)
 */
public record StepRemap(int nextStep, Map<Integer, Integer> renumbered, List<String> skipped, boolean keepsDraft) {

    /** Whether anything changes for the enrollment. */
    public boolean changes(int oldNextStep) {
        return nextStep != oldNextStep || !skipped.isEmpty()
                || renumbered.entrySet().stream().anyMatch(entry -> !entry.getKey().equals(entry.getValue()));
    }

    /**
     * @param oldKeys     the identities of the steps before the change
     * @param newKeys     the identities after it
     * @param oldToNew    the new position of each old step, 0 when it is gone ({@link StepIdentity#match})
     * @param oldNextStep the step the enrollment waits for (1-based; past the end when all were sent)
     */
    public static StepRemap of(List<String> oldKeys, List<String> newKeys, int[] oldToNew, int oldNextStep) {
        int floor = 1;
        Map<Integer, Integer> renumbered = new LinkedHashMap<>();
        for (int old = 1; old < oldNextStep && old <= oldKeys.size(); old++) {
            int now = oldToNew[old - 1];
            if (now > 0) {
                renumbered.put(old, now);
                floor = Math.max(floor, now + 1);
            }
        }
        List<String> skipped = new ArrayList<>();
        int target = -1;
        for (int old = oldNextStep; old <= oldKeys.size() && target < 0; old++) {
            int now = oldToNew[old - 1];
            if (now > 0) {
                target = now;
            } else {
                skipped.add("step " + old + " (" + describe(oldKeys.get(old - 1)) + ") was removed");
            }
        }
        int nextStep = target < 0 ? floor : Math.max(floor, target);
        boolean keepsDraft = oldNextStep <= oldKeys.size() && oldToNew[oldNextStep - 1] == nextStep;
        if (keepsDraft) {
            renumbered.put(oldNextStep, nextStep);
        }
        for (int now = 1; now < nextStep; now++) {
            String key = newKeys.get(now - 1);
            int old = 0;
            for (int i = 0; i < oldToNew.length; i++) {
                old = oldToNew[i] == now ? i + 1 : old;
            }
            if (old == 0) {
                skipped.add("new step " + now + " (" + describe(key) + ") comes before where the enrollment stands");
            } else if (old >= oldNextStep) {
                skipped.add("step " + old + " (" + describe(key) + ") moved before an already sent step");
            }
        }
        return new StepRemap(nextStep, Map.copyOf(renumbered), List.copyOf(skipped), keepsDraft);
    }

    /** {@code id:first-nudge} → {@code id first-nudge}; {@code label:intro/second} → {@code intro/second}. */
    static String describe(String key) {
        return key.startsWith("id:") ? "id " + key.substring(3) : key.substring(key.indexOf(':') + 1);
    }
}
