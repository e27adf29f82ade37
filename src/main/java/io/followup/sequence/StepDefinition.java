package io.followup.sequence;

import io.followup.sequence.timing.Wait;
import java.util.List;

/**
 * One step of a sequence as configured: an email (one template, or A/B {@link Variant}s) or a task for the owner
 * ({@code task:}). Immutable and thread-safe.
 *
 * @param number    1-based position in the sequence
 * @param template  the template name, e.g. {@code met-at-event/thank-you} for
 *                  {@code <templates_dir>/met-at-event/thank-you.vm}; with variants the first variant's template;
 *                  null for a task step
 * @param delay     the wait after enrollment (first step) or after the previous step was sent (YAML key
 *                  {@code wait}; a record component cannot be called {@code wait} because of
 *                  {@link Object#wait()})
 * @param newThread whether this step starts a new thread instead of replying in the same one
 * @param approval  whether this step's drafts wait for a person's approval (YAML {@code approval}, default false)
 * @param task      for a task step ({@code kind: task}), what the owner is to do; null for an email step. The
 *                  sequence waits at this step until the task is marked done or skipped.
 * @param variants  the A/B variants of an email step (two or more), empty for a single template
 * @param id        the step's stable identity as written in the file (YAML {@code id}), or null; see
 *                  {@link #identity()}
 */
public record StepDefinition(int number, String template, Wait delay, boolean newThread, boolean approval,
                             EscalationDefinition.Task task, List<Variant> variants, String id) {

    /**
     * One version of a step's email.
     *
     * @param template the template name
     * @param weight   its relative share of enrollments, 1..1000
     */
    public record Variant(String template, int weight) {
    }

    public StepDefinition {
        variants = variants == null ? List.of() : List.copyOf(variants);
        if (task == null && template == null) {
            throw new IllegalArgumentException("step " + number + ": a template or a task is needed");
        }
        if (task != null && (template != null || !variants.isEmpty())) {
            throw new IllegalArgumentException("step " + number + ": a task step has no template");
        }
    }

    /** A step without an {@code id}. */
    public StepDefinition(int number, String template, Wait delay, boolean newThread, boolean approval,
                          EscalationDefinition.Task task, List<Variant> variants) {
        this(number, template, delay, newThread, approval, task, variants, null);
    }

    /** This step with the stable identity {@code id} (YAML {@code id}). */
    public StepDefinition withId(String stepId) {
        return new StepDefinition(number, template, delay, newThread, approval, task, variants, stepId);
    }

    /**
     * What the step is across reloads of its sequence file (see {@link StepIdentity}): {@code id:NAME} when the file
     * gives it an {@code id}, else {@code label:LABEL} (its template, its variants' templates or its task kind).
     */
    public String identity() {
        return id != null ? "id:" + id : "label:" + label();
    }

    /** A step that needs no approval. */
    public StepDefinition(int number, String template, Wait delay, boolean newThread) {
        this(number, template, delay, newThread, false);
    }

    /** An email step with one template. */
    public StepDefinition(int number, String template, Wait delay, boolean newThread, boolean approval) {
        this(number, template, delay, newThread, approval, null, List.of());
    }

    /** A task step: the owner is to do {@code task}; the sequence continues when it is done or skipped. */
    public static StepDefinition ofTask(int number, Wait delay, EscalationDefinition.Task task) {
        return new StepDefinition(number, null, delay, false, false, task, List.of());
    }

    /** An email step with A/B variants; its {@link #template()} is the first variant's. */
    public static StepDefinition withVariants(int number, Wait delay, boolean newThread, boolean approval,
                                              List<Variant> variants) {
        if (variants.size() < 2) {
            throw new IllegalArgumentException("step " + number + ": at least two variants are needed");
        }
        return new StepDefinition(number, variants.get(0).template(), delay, newThread, approval, null, variants);
    }

    /** Whether this step is a task for the owner rather than an email. */
    public boolean isTask() {
        return task != null;
    }

    /** Whether this step has A/B variants. */
    public boolean hasVariants() {
        return !variants.isEmpty();
    }

    /** The templates this step may send: its variants', its one template, or none for a task step. */
    public List<String> templates() {
        if (isTask()) {
            return List.of();
        }
        return hasVariants() ? variants.stream().map(Variant::template).toList() : List.of(template);
    }

    /** How lists name the step: its template, the templates of its variants joined by " | ", or "task: kind". */
    public String label() {
        if (isTask()) {
            return "task: " + task.kind().db();
        }
        return hasVariants() ? String.join(" | ", variants.stream().map(Variant::template).toList()) : template;
    }
}
