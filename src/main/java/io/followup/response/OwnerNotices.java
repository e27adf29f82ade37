package io.followup.response;

import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.outbox.MessageIds;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundState;
import io.followup.outbox.StandaloneDraft;
import io.followup.outbox.StandaloneOutbox;
import io.followup.sequence.Enrollment;
import io.followup.sequence.SequenceCatalog;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Owner notices as mail through the outbox: queued at once to the owner of the enrollment's mailbox, one per key.
 * Stateless and thread-safe.
 */
public final class OwnerNotices implements OwnerNotifier {

    private final SequenceCatalog catalog;
    private final List<OwnerConfig> owners;
    private final StandaloneOutbox outbox;
    private final MessageIds messageIds;

    public OwnerNotices(SequenceCatalog catalog, List<OwnerConfig> owners, StandaloneOutbox outbox,
                        MessageIds messageIds) {
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.outbox = outbox;
        this.messageIds = messageIds;
    }

    @Override
    public void notifyOwner(Handle handle, Enrollment enrollment, String key, String subject, String text,
                            Instant now) {
        MailboxConfig mailbox = catalog.mailbox(enrollment.mailboxId());
        OwnerConfig owner = owners.stream().filter(candidate -> candidate.email().equalsIgnoreCase(
                String.valueOf(mailbox.owner()))).findFirst().orElse(owners.isEmpty() ? null : owners.get(0));
        String to = owner == null ? mailbox.address() : owner.email();
        outbox.insert(handle, new StandaloneDraft(OutboundKind.NOTICE, key, enrollment.id(), enrollment.mailboxId(),
                messageIds.next(mailbox.address(), now), "(response notice)", mailbox.address(), mailbox.displayName(),
                to, owner == null ? null : owner.name(), subject, text, null, OutboundState.QUEUED, null), now);
    }

    /** {@code "An interested"}, {@code "A not interested"}: the phrase with its capitalised indefinite article. */
    static String withArticle(String phrase) {
        boolean vowel = !phrase.isEmpty() && "aeiou".indexOf(Character.toLowerCase(phrase.charAt(0))) >= 0;
        return (vowel ? "An " : "A ") + phrase;
    }
}
