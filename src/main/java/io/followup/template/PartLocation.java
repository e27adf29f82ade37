package io.followup.template;

import java.nio.file.Path;

/**
 * Where a separately parsed part of a template file (the subject value, the text body, the HTML
 * body) starts in the original file, so positions Velocity reports relative to the part map
 * back to the file. Immutable.
 *
 * @param file         the display path of the original file
 * @param firstLine    the 1-based file line of the part's first line
 * @param columnOffset characters before the part on its first line (the {@code Subject:} prefix)
 */
record PartLocation(Path file, int firstLine, int columnOffset) {

    /** A problem at a position Velocity reported (1-based, 0 when unknown) within the part. */
    TemplateProblem problem(int partLine, int partColumn, String message) {
        if (partLine <= 0) {
            return new TemplateProblem(file, firstLine, 0, message);
        }
        int column = partColumn <= 0 ? 0 : partColumn + (partLine == 1 ? columnOffset : 0);
        return new TemplateProblem(file, firstLine + partLine - 1, column, message);
    }

    /** A problem at the first occurrence of {@code literal} in the part's source, or at the part's start. */
    TemplateProblem problemAt(String source, String literal, String message) {
        int index = source.indexOf(literal);
        if (index < 0) {
            return problem(0, 0, message);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return problem(line, index - lineStart + 1, message);
    }
}
