package io.followup.inbound.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from the sequence of line kinds, which lines are the new text of a reply. The
 * rules read the body as a string of one-letter kinds (see {@link LineKind}) and are
 * applied in order; each one is a plain scan, linear or close to it, so a body with
 * thousands of quoted lines stays fast. Instances hold one body and are not thread-safe;
 * they are created per call.
 */
final class TrimRules {

    /** More text lines than this after quoted history means the author wrote below it. */
    private static final int MAX_TEXT_LINES_AFTER_QUOTE = 6;
    /** How many non-header lines may sit inside one wrapped header block. */
    private static final int MAX_LINES_INSIDE_HEADER_BLOCK = 10;
    private static final int MIN_HEADER_BLOCK = 3;

    private final List<String> lines;
    private final StringBuilder kinds;

    TrimRules(List<String> lines, LineKind[] lineKinds) {
        this.lines = new ArrayList<>(lines);
        this.kinds = new StringBuilder(lineKinds.length);
        for (LineKind kind : lineKinds) {
            kinds.append(kind.code());
        }
    }

    /** Applies every rule and returns the lines that remain. */
    List<String> apply() {
        cutAtFirstDelimiter();
        cutAtDeviceFooterBeforeUnquotedCopy();
        removeAll('s');
        if (takeReplyWrittenBelowHistory()) {
            return lines;
        }
        cutBeforeHistoryWithoutQuotes();
        cutBeforeHistoryFollowedByShortText();
        cutBeforeTrailingQuotes();
        removeAll('b');
        widenWrappedHeaderBlocks();
        cutBeforeHeaderBlock();
        removeHeaderRunsAndKeepLoneHeadersAsText();
        removeTrailingQuotesAfterText();
        dropWhenOnlyQuotesRemain();
        return lines;
    }

    /**
     * A device footer ("Sent from my iPhone", "Gesendet von Outlook") ends what the author typed: mobile
     * clients put it right under the new text, so text after it (here: not quoted) is a copy of the
     * original message that the client appended without quote marks.
     */
    private void cutAtDeviceFooterBeforeUnquotedCopy() {
        int footer = kinds.indexOf("s");
        if (footer <= 0 || kinds.lastIndexOf("t", footer) < 0) {
            return;
        }
        int next = skip(footer + 1, 'e');
        if (next < kinds.length() && kinds.charAt(next) != 'q') {
            keepBefore(footer);
        }
    }

    /** A reply that only quotes (no line of its own) has no new text. */
    private void dropWhenOnlyQuotesRemain() {
        if (!onlyOf(0, kinds.length(), "qe")) {
            return;
        }
        lines.clear();
        kinds.setLength(0);
    }

    private void cutAtFirstDelimiter() {
        int index = kinds.indexOf("d");
        if (index >= 0) {
            keepBefore(index);
        }
    }

    /** Bottom-posting: history first ("b..."), then only text and blank lines to the end. */
    private boolean takeReplyWrittenBelowHistory() {
        if (kinds.length() == 0 || kinds.charAt(0) != 'b') {
            return false;
        }
        int firstText = kinds.indexOf("t");
        if (firstText < 2 || !onlyOf(firstText, kinds.length(), "te")) {
            return false;
        }
        lines.subList(0, firstText).clear();
        kinds.delete(0, firstText);
        return true;
    }

    /** Text, then an attribution or banner with no quoted lines after it: history is unquoted. */
    private void cutBeforeHistoryWithoutQuotes() {
        int lastQuote = kinds.lastIndexOf("q");
        for (int index = 0; index < kinds.length(); index++) {
            if (kinds.charAt(index) != 't') {
                continue;
            }
            int marker = skip(index + 1, 'e');
            if (marker < kinds.length() && kinds.charAt(marker) == 'b' && marker > lastQuote) {
                keepThrough(index);
                return;
            }
        }
    }

    /** Text, an attribution, quoted history, then a few lines (usually a signature). */
    private void cutBeforeHistoryFollowedByShortText() {
        for (int index = 0; index < kinds.length(); index++) {
            if (kinds.charAt(index) != 't') {
                continue;
            }
            int marker = skip(index + 1, 'e');
            if (marker >= kinds.length() || kinds.charAt(marker) != 'b') {
                continue;
            }
            int tail = kinds.indexOf("t", marker + 1);
            if (tail < 0) {
                tail = kinds.length();
            }
            if (!onlyOf(tail, kinds.length(), "te")) {
                continue;
            }
            if (count(tail, kinds.length(), 't') <= MAX_TEXT_LINES_AFTER_QUOTE) {
                keepThrough(index);
            }
            return;
        }
    }

    /** Text followed only by quotes, attributions and blank lines to the end. */
    private void cutBeforeTrailingQuotes() {
        int lastText = kinds.lastIndexOf("t");
        if (lastText >= 0 && lastText < kinds.length() - 1 && onlyOf(lastText + 1, kinds.length(), "qbe")) {
            keepThrough(lastText);
        }
    }

    /** Header values wrapped over several lines still belong to the header block. */
    private void widenWrappedHeaderBlocks() {
        for (int start = kinds.indexOf("h"); start >= 0; start = kinds.indexOf("h", start + 1)) {
            int end = start + 1;
            int lastHeaderBeforeBlank = -1;
            int nonHeader = 0;
            while (end < kinds.length() && "hte".indexOf(kinds.charAt(end)) >= 0 && nonHeader <= MAX_LINES_INSIDE_HEADER_BLOCK) {
                if (kinds.charAt(end) == 'e' && kinds.charAt(end - 1) == 'h' && end - 1 >= start + 2) {
                    lastHeaderBeforeBlank = end - 1;
                }
                nonHeader += kinds.charAt(end) == 'h' ? 0 : 1;
                end++;
            }
            if (lastHeaderBeforeBlank > 0) {
                for (int index = start; index <= lastHeaderBeforeBlank; index++) {
                    kinds.setCharAt(index, 'h');
                }
                return;
            }
        }
    }

    /** Text, then at least three header lines: an embedded message starts there. */
    private void cutBeforeHeaderBlock() {
        for (int index = 0; index < kinds.length(); index++) {
            if (kinds.charAt(index) != 't') {
                continue;
            }
            int headers = skip(index + 1, 'e', 'q');
            if (skip(headers, 'h') - headers >= MIN_HEADER_BLOCK) {
                keepThrough(index);
                return;
            }
        }
    }

    private void removeHeaderRunsAndKeepLoneHeadersAsText() {
        for (int index = 0; index < kinds.length(); index++) {
            if (kinds.charAt(index) == 'h') {
                boolean alone = (index == 0 || kinds.charAt(index - 1) != 'h')
                        && (index + 1 == kinds.length() || kinds.charAt(index + 1) != 'h');
                if (alone) {
                    kinds.setCharAt(index, 't');
                }
            }
        }
        removeAll('h');
    }

    private void removeTrailingQuotesAfterText() {
        if (kinds.indexOf("t") < 0) {
            return;
        }
        int end = kinds.length();
        while (end > 0 && "eq".indexOf(kinds.charAt(end - 1)) >= 0) {
            end--;
        }
        keepBefore(end);
    }

    private void removeAll(char kind) {
        for (int index = kinds.length() - 1; index >= 0; index--) {
            if (kinds.charAt(index) == kind) {
                kinds.deleteCharAt(index);
                lines.remove(index);
            }
        }
    }

    private void keepThrough(int index) {
        keepBefore(index + 1);
    }

    private void keepBefore(int end) {
        lines.subList(end, lines.size()).clear();
        kinds.setLength(end);
    }

    private int skip(int from, char... skipped) {
        String skippedKinds = new String(skipped);
        int index = from;
        while (index < kinds.length() && skippedKinds.indexOf(kinds.charAt(index)) >= 0) {
            index++;
        }
        return index;
    }

    private boolean onlyOf(int from, int to, String allowed) {
        for (int index = from; index < to; index++) {
            if (allowed.indexOf(kinds.charAt(index)) < 0) {
                return false;
            }
        }
        return true;
    }

    private int count(int from, int to, char kind) {
        int found = 0;
        for (int index = from; index < to; index++) {
            found += kinds.charAt(index) == kind ? 1 : 0;
        }
        return found;
    }
}
