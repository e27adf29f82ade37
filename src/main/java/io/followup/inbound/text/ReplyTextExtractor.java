package io.followup.inbound.text;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the new text a person wrote in a reply: quoted history ("On ... wrote:" in many
 * languages, Outlook header blocks, {@code >} quotes, forwarded messages) and signatures
 * ({@code --} delimiter, "Sent from my iPhone" and other client footers) are removed, the
 * author's own formatting (indentation, inner blank lines) is kept.
 *
 * <p>Input is a plain-text body; HTML must be converted to text before. Each line gets a
 * kind (text, quote, attribution, header, separator, footer, blank) and a small set of
 * rules over the sequence of kinds decides where the reply ends.
 *
 * <p>Immutable and thread-safe: one instance can serve every mailbox.
 */
public final class ReplyTextExtractor {

    private static final Pattern PGP_SIGNED_HEADER = Pattern.compile(
            "\\A-----BEGIN PGP SIGNED MESSAGE-----\\n(?:Hash: [\\w-]+\\n)?");
    private static final Pattern PGP_SIGNATURE = Pattern.compile(
            "(?m)^-----BEGIN PGP SIGNATURE-----$[\\s\\S]*?^-----END PGP SIGNATURE-----$");

    /** A mailing-list footer at the very end: "Unsubscribe: list-unsubscribe@example.com". */
    private static final Pattern LIST_UNSUBSCRIBE_FOOTER = Pattern.compile(
            "(?mi)^Unsubscribe: [^\\n]*@[^\\n]*(?:\\n[^\\n]*https?:[^\\n]*)?\\s*\\z");
    /** A block quoted as "&gt;&gt;&gt; Name &gt;&gt;&gt;" ... "&lt;&lt;&lt; Name &lt;&lt;&lt;". */
    private static final Pattern ENCLOSED_QUOTE = Pattern.compile(
            "(?m)^>>> ?([^\\n]+?) ?>>>$\\n([\\s\\S]+?)\\n^<<< ?\\1 ?<<<$");
    private static final Pattern LINE_START = Pattern.compile("(?m)^");

    private final LineClassifier classifier = new LineClassifier();

    /** Creates an extractor with the built-in rules. */
    public ReplyTextExtractor() {
        // all state is immutable and built at field initialisation
    }

    /**
     * Returns the new text of a reply body.
     *
     * @param plainBody the plain-text body of a reply; {@code null} is treated as empty
     * @return the reply text trimmed of surrounding white space; never {@code null} (empty
     *         when the body only holds quoted history or a signature)
     */
    public String extract(String plainBody) {
        if (plainBody == null || plainBody.isBlank()) {
            return "";
        }
        String normalized = normalize(plainBody);
        List<String> lines = Arrays.asList(normalized.split("\n", -1));
        LineKind[] kinds = classifier.classify(lines);
        List<String> kept = new TrimRules(lines, kinds).apply();
        return String.join("\n", kept).strip();
    }

    private static String normalize(String body) {
        String text = body.replace("\r\n", "\n").replace('\r', '\n').replace("\u00a0", " ");
        text = PGP_SIGNED_HEADER.matcher(text).replaceFirst("");
        text = PGP_SIGNATURE.matcher(text).replaceAll("");
        text = LIST_UNSUBSCRIBE_FOOTER.matcher(text).replaceFirst("");
        text = ENCLOSED_QUOTE.matcher(text).replaceAll(
                block -> Matcher.quoteReplacement(LINE_START.matcher(block.group(2)).replaceAll("> ")));
        return stripBlankEdges(text);
    }

    /** Removes blank lines at both ends but keeps the indentation of the first text line. */
    private static String stripBlankEdges(String text) {
        int start = 0;
        int lineStart = 0;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '\n') {
                lineStart = index + 1;
            } else if (!Character.isWhitespace(character)) {
                start = lineStart;
                break;
            }
        }
        return text.substring(start).stripTrailing();
    }
}
