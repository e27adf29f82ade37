package io.followup.sequence;

/**
 * One step of a sequence as configured. Immutable and thread-safe.
 *
 * @param number    1-based position in the sequence
 * @param template  the template name, e.g. {@code met-at-event/thank-you} for
 *                  {@code <templates_dir>/met-at-event/thank-you.vm}
 * @param delay     the wait after enrollment (first step) or after the previous step was sent (YAML key
 *                  {@code wait}; a record component cannot be called {@code wait} because of
 *                  {@link Object#wait()})
 * @param newThread whether this step starts a new thread instead of replying in the same one
 * @param approval  whether this step's drafts wait for a person's approval (YAML {@code approval}, default false)
 */
public record StepDefinition(int number, String template, Wait delay, boolean newThread, boolean approval) {

    /** A step that needs no approval. */
    public StepDefinition(int number, String template, Wait delay, boolean newThread) {
        this(number, template, delay, newThread, false);
    }
}
