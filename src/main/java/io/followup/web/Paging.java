package io.followup.web;

import io.followup.FollowupException;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging for the web UI's long lists: a page is read from a position in the list's order ({@code ?after=}
 * the key of the last row seen, {@code ?before=} the key of the first row seen, {@code ?last=1} the end), never with
 * an offset or a count of the whole list, so a page of a million rows costs what the first page costs (given an
 * index in the list's order). Stateless and thread-safe.
 */
final class Paging {

    /** Rows per page. */
    static final int SIZE = 50;

    private Paging() {
    }

    /** The order a reader returns rows in: the list's own, or its reverse (for the previous and the last page). */
    enum Direction { FORWARD, BACKWARD }

    /**
     * Where a page starts.
     *
     * @param key null: at the start of the list (forward) or at its end (backward)
     */
    record Request(Direction direction, String key) {

        /** From the query parameters {@code after}, {@code before} and {@code last}. */
        static Request of(Context context) {
            String after = context.queryParam("after");
            String before = context.queryParam("before");
            if (after != null && !after.isBlank()) {
                return new Request(Direction.FORWARD, after);
            }
            if (before != null && !before.isBlank()) {
                return new Request(Direction.BACKWARD, before);
            }
            return new Request("1".equals(context.queryParam("last")) ? Direction.BACKWARD : Direction.FORWARD, null);
        }
    }

    /** Reads at most {@code limit} rows strictly after {@code key} (null: from the start) in {@code direction}. */
    @FunctionalInterface
    interface Reader<T> {
        List<T> read(Direction direction, String key, int limit);
    }

    /** The links of a page; null where there is nowhere to go. */
    public record Links(String first, String previous, String next, String last) {

        public boolean any() {
            return first != null || previous != null || next != null || last != null;
        }
    }

    /** One page in the list's order, with its links. */
    record Page<T>(List<T> rows, Links links) {
    }

    /**
     * Reads the page {@code request} asks for.
     *
     * @param path the list's path with its filters (e.g. {@code /contacts?q=ada}); the links keep them
     * @param key  a row's key, as {@code reader} takes it back
     */
    static <T> Page<T> read(Request request, Reader<T> reader, Function<T, String> key, String path) {
        List<T> read = reader.read(request.direction(), request.key(), SIZE + 1);
        boolean more = read.size() > SIZE;
        List<T> rows = new ArrayList<>(read.subList(0, Math.min(SIZE, read.size())));
        boolean forward = request.direction() == Direction.FORWARD;
        if (!forward) {
            Collections.reverse(rows);
        }
        boolean earlier = forward ? request.key() != null : more;
        boolean later = forward ? more : request.key() != null;
        String separator = path.contains("?") ? "&" : "?";
        if (rows.isEmpty()) {
            return new Page<>(rows, new Links(request.key() == null ? null : path, null, null,
                    request.key() == null ? null : path + separator + "last=1"));
        }
        return new Page<>(rows, new Links(earlier ? path : null,
                earlier ? path + separator + "before=" + encode(key.apply(rows.get(0))) : null,
                later ? path + separator + "after=" + encode(key.apply(rows.get(rows.size() - 1))) : null,
                later ? path + separator + "last=1" : null));
    }

    /** A key's part that must be a number; a specific error naming the parameter otherwise. */
    static long number(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            throw FollowupException.badInput("page position (after/before): " + what + " must be a number, got "
                    + text);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
