package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.List;

/** The {@code ;}-separated segments of a header value (Content-Type parameters, Authentication-Results). Stateless. */
public final class HeaderSegments {

    private HeaderSegments() {
    }

    /** {@code value} split at each {@code ;} outside double quotes; the segments are not trimmed. */
    public static List<String> split(String value) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character == '"') {
                quoted = !quoted;
            }
            if (character == ';' && !quoted) {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(character);
            }
        }
        segments.add(current.toString());
        return segments;
    }
}
