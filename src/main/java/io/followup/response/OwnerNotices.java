package io.followup.response;

import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.outbox.OutboundKind;
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

    public OwnerNotices(SequenceCatalog catalog, List<OwnerConfig> owners, StandaloneOutbox outbox) {
        this.catalog = catalog;
        this.owners = List.copyOf(owners);
        this.outbox = outbox;
    }

    @Override
    public void notifyOwner(Handle handle, Enrollment enrollment, String key, String subject, String text,
                            Instant now) {
        MailboxConfig mailbox = catalog.mailbox(enrollment.mailboxId());
        OwnerConfig owner = OwnerConfig.ofMailbox(owners, mailbox).orElse(null);
        String to = owner == null ? mailbox.address() : owner.email();
        outbox.queue(handle, new StandaloneOutbox.Written(OutboundKind.NOTICE, key, enrollment.id(),
                enrollment.mailboxId(), mailbox, "(response notice)", to, owner == null ? null : owner.name(), subject,
                text, null), now);
    }

    /** {@code "An interested"}, {@code "A not interested"}: the phrase with its capitalised indefinite article. */
    static String withArticle(String phrase) {
        boolean vowel = !phrase.isEmpty() && "aeiou".indexOf(Character.toLowerCase(phrase.charAt(0))) >= 0;
        return (vowel ? "An " : "A ") + phrase;
    }
}
