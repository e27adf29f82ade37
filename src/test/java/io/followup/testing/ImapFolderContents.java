package io.followup.testing;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads what an IMAP folder holds, as a mail client would (plain IMAP on a loopback port), for assertions. */
public final class ImapFolderContents {

    /** One message: its exact bytes as the server returns them and whether it is flagged \Seen. */
    public record StoredMessage(byte[] raw, boolean seen) {

        public String text() {
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private ImapFolderContents() {
    }

    /** The messages of {@code folder} (empty when the folder does not exist). */
    public static List<StoredMessage> of(int port, String user, String password, String folder) {
        Properties properties = new Properties();
        properties.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect("127.0.0.1", port, user, password);
            Folder opened = store.getFolder(folder);
            if (!opened.exists()) {
                return List.of();
            }
            opened.open(Folder.READ_ONLY);
            try {
                List<StoredMessage> messages = new ArrayList<>();
                for (Message message : opened.getMessages()) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    message.writeTo(raw);
                    messages.add(new StoredMessage(raw.toByteArray(), message.isSet(Flags.Flag.SEEN)));
                }
                return messages;
            } finally {
                opened.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read IMAP folder " + folder + " of " + user + ": " + e, e);
        }
    }
}
