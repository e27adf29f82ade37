package io.followup.inbound.text;

import java.util.List;

/**
 * Gives every line of a reply body a {@link LineKind}. Lines inside fenced code blocks are
 * always text, so code is never mistaken for separators or quotes. Immutable and thread-safe.
 */
final class LineClassifier {

    private final AttributionDetector attributions = new AttributionDetector();

    LineKind[] classify(List<String> lines) {
        LineKind[] kinds = new LineKind[lines.size()];
        boolean inCode = false;
        int index = 0;
        while (index < lines.size()) {
            String line = lines.get(index);
            if (LineMarkers.isCodeFence(line)) {
                inCode = !inCode;
                kinds[index++] = LineKind.TEXT;
                continue;
            }
            if (inCode) {
                kinds[index++] = line.isBlank() ? LineKind.EMPTY : LineKind.TEXT;
                continue;
            }
            int span = line.isBlank() ? 0 : attributions.spanAt(lines, index);
            if (span > 0) {
                for (int offset = 0; offset < span; offset++) {
                    kinds[index + offset] = LineKind.EMBEDDED;
                }
                index += span;
                continue;
            }
            kinds[index++] = classifyLine(line);
        }
        return kinds;
    }

    private static LineKind classifyLine(String line) {
        if (LineMarkers.isEmpty(line)) {
            return LineKind.EMPTY;
        }
        if (LineMarkers.isDelimiter(line)) {
            return LineKind.DELIMITER;
        }
        if (LineMarkers.isFooter(line)) {
            return LineKind.SIGNATURE;
        }
        if (LineMarkers.isBanner(line)) {
            return LineKind.EMBEDDED;
        }
        if (LineMarkers.isHeader(line)) {
            return LineKind.HEADER;
        }
        if (LineMarkers.isQuote(line)) {
            return LineKind.QUOTE;
        }
        return LineKind.TEXT;
    }
}
