package io.followup.inbound.text;

/**
 * What one line of a reply body is, as far as quote and signature removal is concerned.
 * Each kind has a one-letter code so that the sequence of a whole body can be read (and
 * matched) as a short string such as {@code "teebqqq"}.
 */
enum LineKind {
    EMPTY('e'),
    /** A line made only of separator characters ({@code --}, {@code ____}, {@code ***}). */
    DELIMITER('d'),
    /** A mobile or client footer ("Sent from my iPhone"). */
    SIGNATURE('s'),
    /** The start of embedded history ("On ... wrote:", "-----Original Message-----"). */
    EMBEDDED('b'),
    /** A header line of an embedded message ("From: ...", "Betreff: ..."). */
    HEADER('h'),
    QUOTE('q'),
    TEXT('t');

    private final char code;

    LineKind(char code) {
        this.code = code;
    }

    char code() {
        return code;
    }
}
