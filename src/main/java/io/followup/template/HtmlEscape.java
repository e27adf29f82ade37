package io.followup.template;

/**
 * Escapes text for an HTML element body or a quoted attribute value: the one HTML escaper of followup, used by the
 * template engine's HTML bodies, the web UI's views and the digest. Stateless and thread-safe.
 */
public final class HtmlEscape {

    private HtmlEscape() {
    }

    /** The text with {@code & < > " '} escaped; null becomes the empty string. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            switch (character) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }
}
