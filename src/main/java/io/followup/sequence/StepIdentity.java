package io.followup.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity of each step of a sequence, which is what an enrollment keeps when the sequence file changes under it
 * (a reload or a restart): a step with an {@code id:} is that id wherever it moves and whatever its template; a step
 * without one is its label (its template, its variants' templates joined by " | ", or "task: KIND"), and the second
 * step with the same label is {@code LABEL#2}. So without ids, moving a step keeps it, but changing its template
 * makes it another step (the old one removed, a new one added). Giving ids to the steps of a file that had none
 * keeps them: a step with a new id is the old step without an id that has its label. Stateless.
 */
public final class StepIdentity {

    private StepIdentity() {
    }

    /** The identity of each step, in order. */
    public static List<String> of(List<StepDefinition> steps) {
        return numbered(steps.stream().map(StepDefinition::identity).toList());
    }

    /**
     * The identities of stored steps: {@code keys} as written to {@code sequence_step.step_key}, a null key (a row
     * stored before identities were) standing for {@code label:TEMPLATE} of the stored label.
     */
    static List<String> stored(List<String> keys, List<String> labels) {
        if (keys.stream().allMatch(java.util.Objects::nonNull)) {
            return List.copyOf(keys);
        }
        return numbered(labels.stream().map(label -> "label:" + label).toList());
    }

    private static List<String> numbered(List<String> identities) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (String identity : identities) {
            int occurrence = seen.merge(identity, 1, Integer::sum);
            keys.add(occurrence == 1 ? identity : identity + "#" + occurrence);
        }
        return List.copyOf(keys);
    }

    /**
     * Which new step each old step is: {@code result[i]} is the 1-based new position of old step {@code i + 1}, 0 when
     * it is gone. Equal identities match; then a new step with an id no old step had matches the first unmatched
     * old step without an id whose label is the same.
     */
    static int[] match(List<String> oldKeys, List<String> newKeys, List<String> newLabels) {
        int[] result = new int[oldKeys.size()];
        boolean[] taken = new boolean[newKeys.size()];
        for (int old = 0; old < oldKeys.size(); old++) {
            int now = newKeys.indexOf(oldKeys.get(old));
            if (now >= 0) {
                result[old] = now + 1;
                taken[now] = true;
            }
        }
        for (int now = 0; now < newKeys.size(); now++) {
            if (taken[now] || !newKeys.get(now).startsWith("id:")) {
                continue;
            }
            String label = "label:" + newLabels.get(now);
            for (int old = 0; old < oldKeys.size(); old++) {
                if (result[old] == 0 && oldKeys.get(old).replaceFirst("#\\d+$", "").equals(label)) {
                    result[old] = now + 1;
                    taken[now] = true;
                    break;
                }
            }
        }
        return result;
    }
}
