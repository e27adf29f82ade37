package io.followup.inbound.text;

/**
 * Lower-cases text and unifies apostrophes without changing its length, so that offsets
 * found in the folded text are valid in the original. Stateless and thread-safe.
 */
final class TextFolding {

    private TextFolding() {
    }

    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            folded.append(switch (character) {
                case '\u2019', '\u2018', '\u02bc', '\u00b4', '`' -> '\'';
                case '\u00a0' -> ' ';
                default -> Character.toLowerCase(character);
            });
        }
        return folded.toString();
    }
}
