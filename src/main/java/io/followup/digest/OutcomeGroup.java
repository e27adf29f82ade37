package io.followup.digest;

/**
 * The outcomes of one sequence, one step of a sequence, or one template. {@code step} is null for a sequence or a
 * template; {@code sequence} is null for a template (a template may serve several sequences). Immutable.
 */
public record OutcomeGroup(String sequence, Integer step, String template, OutcomeCounts counts) {

    /** How the digest names the group: {@code met-at-event}, {@code met-at-event step 2}, or the template. */
    public String label() {
        if (template != null && step == null) {
            return template;
        }
        return step == null ? sequence : sequence + " step " + step;
    }
}
