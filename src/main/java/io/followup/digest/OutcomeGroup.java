package io.followup.digest;

/**
 * The outcomes of one sequence, one step of a sequence, one template, or one A/B variant of a step (sequence, step
 * and the variant's template all set). {@code step} is null for a sequence or a template; {@code sequence} is null
 * for a template (a template may serve several sequences). Immutable.
 */
public record OutcomeGroup(String sequence, Integer step, String template, OutcomeCounts counts) {

    /**
     * How the digest names the group: {@code met-at-event}, {@code met-at-event step 2}, the template, or
     * {@code met-at-event step 1 · met-at-event/thank-you-short} for a variant.
     */
    public String label() {
        if (template != null && step == null) {
            return template;
        }
        if (template != null) {
            return sequence + " step " + step + " · " + template;
        }
        return step == null ? sequence : sequence + " step " + step;
    }
}
