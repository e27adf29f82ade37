package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds Message-IDs in header values and text, robust to garbage, and normalizes them to {@code <id@host>}. */
final class MessageIds {

    private static final Pattern BRACKETED = Pattern.compile("<\\s*([^<>\\s@]{1,250}@[^<>\\s@]{1,250})\\s*>");
    private static final Pattern BARE = Pattern.compile("(?<![\\w.<@-])([\\w.!#$%&'*+/=?^`{|}~-]{1,250}@[\\w.-]{1,250}[\\w])");
    private static final Pattern INLINE_MESSAGE_ID = Pattern.compile(
            "(?im)^[ \\t>]*Message-Id:[ \\t]*(<?[^\\s<>]{1,250}@[^\\s<>]{1,250}>?)");

    private MessageIds() {
    }

    /** All ids in a header value, in order; bare ids without brackets are accepted when no bracketed one exists. */
    static List<String> parse(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ids;
        }
        Matcher bracketed = BRACKETED.matcher(value);
        while (bracketed.find()) {
            ids.add(normalize(bracketed.group(1)));
        }
        if (ids.isEmpty()) {
            Matcher bare = BARE.matcher(value);
            while (bare.find()) {
                ids.add(normalize(bare.group(1)));
            }
        }
        return ids;
    }

    static String first(String value) {
        List<String> ids = parse(value);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** {@code Message-ID:} lines written out in a text body, as non-standard bounces quote them. */
    static List<String> inlineIds(String text) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = INLINE_MESSAGE_ID.matcher(text);
        while (matcher.find()) {
            ids.addAll(parse(matcher.group(1)));
        }
        return ids;
    }

    /**
     * The ids a message refers to: In-Reply-To first, then References newest first; duplicates and
     * the message's own id removed.
     */
    static List<String> threadReferences(Headers headers, String ownId) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : headers.getAll("in-reply-to")) {
            ids.addAll(parse(value));
        }
        List<String> references = new ArrayList<>();
        for (String value : headers.getAll("references")) {
            references.addAll(parse(value));
        }
        for (int index = references.size() - 1; index >= 0; index--) {
            ids.add(references.get(index));
        }
        if (ownId != null) {
            ids.remove(ownId);
        }
        return new ArrayList<>(ids);
    }

    static String normalize(String id) {
        String trimmed = id.strip();
        if (trimmed.startsWith("<")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.endsWith(">")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return "<" + trimmed.strip() + ">";
    }
}
