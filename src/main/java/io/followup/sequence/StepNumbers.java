package io.followup.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The step numbers an enrollment's history (messages, tasks, variant choices) is filed under when its sequence
 * changed: the steps it keeps get their new numbers, and the history of a step that is gone (or passed over) is
 * filed below 1 ({@code 0, -1, -2...} are taken in turn; 0 stays free), so that no later step of the changed
 * sequence finds it under its own number. Stateless.
 */
public final class StepNumbers {

    /** Numbers at and above this are a renumbering's parking places (no sequence has this many steps). */
    static final int PARKED = 1_000_000;

    private StepNumbers() {
    }

    /**
     * Old number to new one for every number in {@code present} (above 0) that changes: {@code kept} where it has
     * one, else the next free number below 1.
     */
    static Map<Integer, Integer> plan(Set<Integer> present, Map<Integer, Integer> kept) {
        int lowest = present.stream().mapToInt(Integer::intValue).min().orElse(1);
        int free = Math.min(lowest, 0) - 1;
        Map<Integer, Integer> plan = new HashMap<>();
        for (int old : new TreeSet<>(present)) {
            if (old <= 0) {
                continue;
            }
            int next = kept.containsKey(old) ? kept.get(old) : free--;
            if (next != old) {
                plan.put(old, next);
            }
        }
        return Map.copyOf(plan);
    }

    /**
     * Applies {@code numbers} (old to new) through {@code move}, in two passes over parking places so that a
     * unique key on the step number never sees two rows with one number (steps that swap places).
     */
    public static void renumber(Map<Integer, Integer> numbers, BiConsumer<Integer, Integer> move) {
        List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(numbers.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            move.accept(entries.get(i).getKey(), PARKED + i);
        }
        for (int i = 0; i < entries.size(); i++) {
            move.accept(PARKED + i, entries.get(i).getValue());
        }
    }
}
