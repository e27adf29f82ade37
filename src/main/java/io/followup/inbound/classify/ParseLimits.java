package io.followup.inbound.classify;

/**
 * Bounds that keep parsing of hostile input fast and small.
 *
 * @param maxMessageBytes bytes of the raw message that are read; the rest is ignored
 * @param maxHeaderBytes  bytes of one header block that are read
 * @param maxHeaderFields header fields kept per header block
 * @param maxDepth        nesting depth of multiparts and attached messages
 * @param maxParts        MIME entities parsed in total
 * @param maxTextChars    characters of text examined by the heuristics
 */
record ParseLimits(int maxMessageBytes, int maxHeaderBytes, int maxHeaderFields, int maxDepth, int maxParts,
                   int maxTextChars) {

    static ParseLimits defaults() {
        return new ParseLimits(16 * 1024 * 1024, 256 * 1024, 2000, 10, 500, 200_000);
    }
}
