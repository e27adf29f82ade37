package io.followup.inbound.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small, lenient RFC 5322 / MIME parser built for hostile input: it normalizes line ends,
 * bounds sizes, depth and part count, guesses missing boundaries and never throws on bad data.
 * Problems are collected in the result instead. Thread-safe (stateless apart from its limits).
 */
final class MimeParser {

    /** The parse tree and the problems met while building it. */
    record Result(MimeEntity root, List<String> problems) {
    }

    private final ParseLimits limits;

    MimeParser(ParseLimits limits) {
        this.limits = limits;
    }

    Result parse(byte[] raw) {
        Context context = new Context();
        byte[] bytes = raw;
        if (bytes.length > limits.maxMessageBytes()) {
            context.problem("message truncated to " + limits.maxMessageBytes() + " bytes");
            bytes = Arrays.copyOf(bytes, limits.maxMessageBytes());
        }
        byte[] normalized = normalizeLineEnds(bytes);
        MimeEntity root = parseEntity(normalized, 0, normalized.length, 0, ContentType.TEXT_PLAIN, context);
        return new Result(root, List.copyOf(context.problems));
    }

    private MimeEntity parseEntity(byte[] data, int start, int end, int depth, ContentType defaultType,
                                   Context context) {
        context.parts++;
        int[] bodyStart = new int[1];
        Headers headers = parseHeaders(data, start, end, bodyStart, context);
        ContentType type = ContentType.parse(headers.get("content-type"), defaultType);
        int from = bodyStart[0];
        if (headers.get("content-type") == null && depth == 0) {
            String boundary = undeclaredBoundary(data, from, end);
            if (boundary != null) {
                context.problem("multipart body without Content-Type");
                type = new ContentType("multipart/mixed", java.util.Map.of("boundary", boundary));
            }
        }
        if (type.isMultipart()) {
            return parseMultipart(data, from, end, depth, headers, type, context);
        }
        byte[] body = TextDecoding.decodeTransfer(Arrays.copyOfRange(data, from, end),
                headers.get("content-transfer-encoding"));
        List<MimeEntity> children = new ArrayList<>();
        if (MimeEntity.isEmbeddedMessage(new MimeEntity(headers, type, new byte[0], List.of()))) {
            if (depth + 1 > limits.maxDepth()) {
                context.problem("MIME nesting deeper than " + limits.maxDepth());
            } else if (context.parts >= limits.maxParts()) {
                context.problem("more than " + limits.maxParts() + " MIME parts");
            } else {
                children.add(parseEntity(body, 0, body.length, depth + 1, ContentType.TEXT_PLAIN, context));
            }
        }
        return new MimeEntity(headers, type, body, children);
    }

    private MimeEntity parseMultipart(byte[] data, int from, int end, int depth, Headers headers, ContentType type,
                                      Context context) {
        String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty() || indexOfDelimiter(data, from, end, delimiter(boundary)) < 0) {
            String guessed = guessBoundary(data, from, end);
            context.problem(boundary == null || boundary.isEmpty()
                    ? "multipart without boundary" : "multipart boundary not found in body");
            boundary = guessed;
        }
        byte[] body = Arrays.copyOfRange(data, from, end);
        ContentType plain = new ContentType("text/plain", type.parameters());
        if (boundary == null) {
            return new MimeEntity(headers, plain, body, List.of());
        }
        if (depth + 1 > limits.maxDepth()) {
            context.problem("MIME nesting deeper than " + limits.maxDepth());
            return new MimeEntity(headers, plain, body, List.of());
        }
        ContentType childDefault = type.is("multipart/digest")
                ? new ContentType("message/rfc822", java.util.Map.of()) : ContentType.TEXT_PLAIN;
        List<MimeEntity> children = new ArrayList<>();
        byte[] delimiter = delimiter(boundary);
        int position = indexOfDelimiter(data, from, end, delimiter);
        while (position >= 0) {
            int afterDelimiter = position + delimiter.length;
            if (afterDelimiter + 1 < end && data[afterDelimiter] == '-' && data[afterDelimiter + 1] == '-') {
                break;
            }
            int partStart = lineEnd(data, afterDelimiter, end);
            int next = indexOfDelimiter(data, partStart, end, delimiter);
            int partEnd = next < 0 ? end : Math.max(partStart, next - 1);
            if (context.parts >= limits.maxParts()) {
                context.problem("more than " + limits.maxParts() + " MIME parts");
                break;
            }
            children.add(parseEntity(data, partStart, partEnd, depth + 1, childDefault, context));
            position = next;
        }
        return new MimeEntity(headers, type, new byte[0], children);
    }

    private Headers parseHeaders(byte[] data, int start, int end, int[] bodyStart, Context context) {
        List<Headers.Field> fields = new ArrayList<>();
        int position = start;
        int headerBytes = 0;
        StringBuilder current = null;
        boolean truncated = false;
        if (position < end && startsWith(data, position, end, "From ")) {
            position = lineEnd(data, position, end);
        }
        while (position < end) {
            int lineStop = lineStop(data, position, end);
            if (lineStop == position) {
                position = Math.min(end, position + 1);
                break;
            }
            byte first = data[position];
            boolean continuation = first == ' ' || first == '\t';
            int colon = continuation ? -1 : indexOf(data, position, lineStop, (byte) ':');
            if (!continuation && (colon <= position || !isFieldName(data, position, colon))) {
                if (current == null || !fieldLineFollows(data, Math.min(end, lineStop + 1), end)) {
                    break;
                }
                continuation = true;
            }
            headerBytes += lineStop - position + 1;
            if (headerBytes > limits.maxHeaderBytes() || fields.size() >= limits.maxHeaderFields()) {
                truncated = true;
            } else {
                String line = TextDecoding.utf8OrLatin1(Arrays.copyOfRange(data, position, lineStop));
                if (continuation) {
                    if (current != null) {
                        current.append(' ').append(line.strip());
                    }
                } else {
                    addField(fields, current);
                    current = new StringBuilder(line);
                }
            }
            position = Math.min(end, lineStop + 1);
        }
        addField(fields, current);
        if (truncated) {
            context.problem("header block exceeds limits; rest ignored");
        }
        bodyStart[0] = position;
        return new Headers(fields);
    }

    private static void addField(List<Headers.Field> fields, StringBuilder line) {
        if (line == null) {
            return;
        }
        int colon = line.indexOf(":");
        String name = line.substring(0, colon).trim();
        String value = EncodedWords.decode(line.substring(colon + 1).trim());
        fields.add(new Headers.Field(name, value));
    }

    /** True when one of the next three lines, before any blank line, is a header field line. */
    private static boolean fieldLineFollows(byte[] data, int from, int end) {
        int position = from;
        for (int line = 0; line < 3 && position < end && data[position] != '\n'; line++) {
            if (isFieldLine(data, position, end)) {
                return true;
            }
            position = Math.min(end, lineStop(data, position, end) + 1);
        }
        return false;
    }

    /** True when the line starting at {@code from} is a "Name: value" header field line. */
    private static boolean isFieldLine(byte[] data, int from, int end) {
        if (from >= end || data[from] == ' ' || data[from] == '\t' || data[from] == '\n') {
            return false;
        }
        int stop = lineStop(data, from, end);
        int colon = indexOf(data, from, stop, (byte) ':');
        return colon > from && isFieldName(data, from, colon);
    }

    private static boolean isFieldName(byte[] data, int from, int to) {
        if (to - from > 76) {
            return false;
        }
        for (int index = from; index < to; index++) {
            byte value = data[index];
            if (value <= 32 || value >= 127) {
                return index > from && allBlank(data, index, to);
            }
        }
        return true;
    }

    private static boolean allBlank(byte[] data, int from, int to) {
        for (int index = from; index < to; index++) {
            if (data[index] != ' ' && data[index] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String guessBoundary(byte[] data, int from, int end) {
        int position = from;
        while (position < end) {
            int stop = lineStop(data, position, end);
            if (stop - position > 3 && data[position] == '-' && data[position + 1] == '-') {
                String line = new String(data, position + 2, stop - position - 2, StandardCharsets.ISO_8859_1).strip();
                if (!line.isEmpty()) {
                    return line;
                }
            }
            position = stop + 1;
        }
        return null;
    }

    /** A boundary used in a body whose headers declare none: a "--token" line that occurs again. */
    private static String undeclaredBoundary(byte[] data, int from, int end) {
        String candidate = guessBoundary(data, from, Math.min(end, from + 4096));
        if (candidate == null || candidate.length() < 8 || candidate.contains(" ") || candidate.startsWith("-")) {
            return null;
        }
        byte[] delimiter = delimiter(candidate);
        int first = indexOfDelimiter(data, from, end, delimiter);
        return first >= 0 && indexOfDelimiter(data, first + delimiter.length, end, delimiter) >= 0 ? candidate : null;
    }

    private static byte[] delimiter(String boundary) {
        return ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOfDelimiter(byte[] data, int from, int end, byte[] delimiter) {
        int position = from;
        while (position <= end - delimiter.length) {
            int found = indexOf(data, position, end, delimiter);
            if (found < 0) {
                return -1;
            }
            int lineStart = found;
            while (lineStart > from && (data[lineStart - 1] == ' ' || data[lineStart - 1] == '\t')
                    && found - lineStart < 8) {
                lineStart--;
            }
            if (lineStart == from || data[lineStart - 1] == '\n') {
                return found;
            }
            position = found + 1;
        }
        return -1;
    }

    private static int indexOf(byte[] data, int from, int end, byte[] needle) {
        byte first = needle[0];
        int last = end - needle.length;
        for (int index = from; index <= last; index++) {
            if (data[index] != first) {
                continue;
            }
            int offset = 1;
            while (offset < needle.length && data[index + offset] == needle[offset]) {
                offset++;
            }
            if (offset == needle.length) {
                return index;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] data, int from, int end, byte value) {
        for (int index = from; index < end; index++) {
            if (data[index] == value) {
                return index;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int from, int end, String prefix) {
        if (end - from < prefix.length()) {
            return false;
        }
        for (int index = 0; index < prefix.length(); index++) {
            if (data[from + index] != prefix.charAt(index)) {
                return false;
            }
        }
        return true;
    }

    /** Index of the '\n' ending the line that starts at {@code from}, or {@code end}. */
    private static int lineStop(byte[] data, int from, int end) {
        int newline = indexOf(data, from, end, (byte) '\n');
        return newline < 0 ? end : newline;
    }

    private static int lineEnd(byte[] data, int from, int end) {
        return Math.min(end, lineStop(data, from, end) + 1);
    }

    static byte[] normalizeLineEnds(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        int length = 0;
        for (int index = 0; index < bytes.length; index++) {
            byte value = bytes[index];
            if (value == '\r') {
                out[length++] = '\n';
                if (index + 1 < bytes.length && bytes[index + 1] == '\n') {
                    index++;
                }
            } else {
                out[length++] = value;
            }
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    private static final class Context {
        private final List<String> problems = new ArrayList<>();
        private int parts;

        void problem(String text) {
            if (!problems.contains(text) && problems.size() < 20) {
                problems.add(text);
            }
        }
    }
}
