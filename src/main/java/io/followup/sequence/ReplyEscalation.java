package io.followup.sequence;


/**
 * An escalation on a human reply, configured in a reply class's action list ({@code responses.interested:
 * [notify_owner, {task: {kind: call, text: "Call $contact.first_name back today"}, tier: 1},
 * {handoff: "jane@example.com"}]}): a task for the owner and/or a hand-off of the contact to a colleague, who gets
 * the reply by mail and becomes the contact's owner. Immutable.
 *
 * @param tier    only for contacts of this tier, or null for every tier
 * @param task    the task to open, or null
 * @param handoff the colleague's address, or null
 */
public record ReplyEscalation(Integer tier, EscalationDefinition.Task task, String handoff) {

    public ReplyEscalation {
        if (task == null && handoff == null) {
            throw new IllegalArgumentException("a reply escalation needs a task or a handoff");
        }
    }

    /** Whether it applies to a contact of {@code contactTier}. */
    public boolean appliesTo(int contactTier) {
        return tier == null || tier == contactTier;
    }
}
