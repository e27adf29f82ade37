package io.followup.inbound;

import io.followup.config.JunkFolder;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;

/** Finds a mailbox's Junk folder on its IMAP server, as {@link JunkFolder} says. Stateless. */
final class JunkDetector {

    /** Names tried, in order, when no folder carries the {@code \Junk} attribute. */
    static final List<String> FALLBACK_NAMES = List.of("Junk", "Spam");

    private JunkDetector() {
    }

    /**
     * The full name of the Junk folder: the named one ({@code NAMED}, whether or not it exists), the one marked
     * {@code \Junk} (RFC 6154) or else an existing Junk or Spam ({@code AUTO}); empty for {@code NONE} or when
     * {@code AUTO} finds none. Lists every folder for {@code AUTO} (one LIST command).
     */
    static Optional<String> find(Store connection, JunkFolder choice) throws MessagingException {
        switch (choice.choice()) {
            case NONE:
                return Optional.empty();
            case NAMED:
                return Optional.of(choice.name());
            default:
                break;
        }
        Folder[] all = connection.getDefaultFolder().list("*");
        for (Folder candidate : all) {
            if (candidate instanceof IMAPFolder imapFolder
                    && Arrays.asList(imapFolder.getAttributes()).contains("\\Junk")) {
                return Optional.of(candidate.getFullName());
            }
        }
        for (String fallback : FALLBACK_NAMES) {
            for (Folder candidate : all) {
                if (candidate.getFullName().equalsIgnoreCase(fallback)) {
                    return Optional.of(candidate.getFullName());
                }
            }
        }
        return Optional.empty();
    }
}
