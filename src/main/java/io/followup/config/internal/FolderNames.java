package io.followup.config.internal;

import io.followup.config.FolderChoice;
import io.followup.config.JunkFolder;
import io.followup.config.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the watched folders of a mailbox's IMAP settings: {@code folders: [INBOX, ...]} (or the older single
 * {@code folder: NAME}) and {@code junk: auto | none | NAME}. Errors name the mailbox and the field. Stateless.
 */
final class FolderNames {

    private static final String FOLDERS = "a list of folder names such as [INBOX, Clients]";

    private FolderNames() {
    }

    /** The folders to watch, at least one, without duplicates; {@code [INBOX]} when neither key is given. */
    static List<String> folders(Node imap, String mailbox) {
        if (imap.get("folder").isPresent() && imap.get("folders").isPresent()) {
            throw imap.require("folder", "").fail("mailbox \"" + mailbox + "\": give either folder or folders, "
                    + "not both");
        }
        if (imap.get("folder").isPresent()) {
            return List.of(name(imap.require("folder", "a folder name such as INBOX"), mailbox));
        }
        if (imap.get("folders").isEmpty()) {
            return List.of("INBOX");
        }
        Node list = imap.require("folders", FOLDERS);
        List<Node> items = list.items(FOLDERS);
        if (items.isEmpty()) {
            throw list.fail("mailbox \"" + mailbox + "\": expected at least one folder, such as [INBOX]");
        }
        List<String> names = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node item : items) {
            String name = name(item, mailbox);
            String earlier = seen.putIfAbsent(key(name), item.path());
            if (earlier != null) {
                throw item.fail("mailbox \"" + mailbox + "\": folder \"" + name + "\" is listed twice (also "
                        + earlier + ")");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** {@code auto}, {@code none} or the name of the Junk folder. */
    static JunkFolder junk(Node node, String mailbox) {
        String text = node.nonBlank("auto, none or a folder name such as Junk");
        JunkFolder junk = JunkFolder.parse(text);
        if (junk.choice() == FolderChoice.NAMED) {
            name(node, mailbox);
        }
        return junk;
    }

    /** One folder name: not blank, no control characters, no LIST wildcards. */
    private static String name(Node node, String mailbox) {
        String name = node.nonBlank("a folder name such as INBOX");
        for (int index = 0; index < name.length(); index++) {
            char character = name.charAt(index);
            if (Character.isISOControl(character) || character == '*' || character == '%') {
                throw node.fail("mailbox \"" + mailbox + "\": \"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\" is not a folder name (control characters and the wildcards * and % are not allowed)");
            }
        }
        return name;
    }

    /** INBOX is the same folder in any case (RFC 3501); other names are compared as written. */
    static String key(String name) {
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }
}
