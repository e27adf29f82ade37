package io.followup.outbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A part of an outbound message shown inside its HTML (an image referenced as {@code cid:CONTENT-ID}), such as a
 * digest's chart. Stored in {@code outbound_message.inline_parts}, one line per part. Immutable and thread-safe.
 *
 * @param contentId   the Content-ID without angle brackets, e.g. {@code replies-per-day}
 * @param contentType e.g. {@code image/png}
 * @param bytes       the content
 */
public record InlinePart(String contentId, String contentType, byte[] bytes) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._@/+-]+");

    public InlinePart {
        Objects.requireNonNull(bytes, "bytes");
        if (contentId == null || !TOKEN.matcher(contentId).matches()) {
            throw new IllegalArgumentException("content id must be letters, digits and ._@/+-, got " + contentId);
        }
        if (contentType == null || !TOKEN.matcher(contentType).matches()) {
            throw new IllegalArgumentException("content type must be a plain type such as image/png");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The stored form of some parts; null for none. */
    public static String encode(List<InlinePart> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (InlinePart part : parts) {
            text.append(part.contentId).append('\t').append(part.contentType).append('\t')
                    .append(Base64.getEncoder().encodeToString(part.bytes)).append('\n');
        }
        return text.toString();
    }

    /** The parts of a stored form (null or blank: none). */
    public static List<InlinePart> decode(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        List<InlinePart> parts = new ArrayList<>();
        for (String line : stored.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", 3);
            if (fields.length != 3) {
                throw new IllegalArgumentException("malformed inline part: expected 3 tab-separated fields");
            }
            parts.add(new InlinePart(fields[0], fields[1], Base64.getDecoder().decode(fields[2].strip())));
        }
        return List.copyOf(parts);
    }

    /** The content as a {@code data:} URI (to show stored HTML in a browser, where cid: does not resolve). */
    public String dataUri() {
        return "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InlinePart part && part.contentId.equals(contentId)
                && part.contentType.equals(contentType) && Arrays.equals(part.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentId, contentType, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "InlinePart[" + contentId + ", " + contentType + ", " + bytes.length + " bytes]";
    }
}
