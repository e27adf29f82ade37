package io.followup.inbound.classify;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Picks the best plain text of a message: its text/plain part, else its HTML converted to text. */
final class BodyText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5",
            "h6", "blockquote", "pre", "table", "ul", "ol", "hr", "dd", "dt", "section", "article", "header",
            "footer");

    private BodyText() {
    }

    static String of(MimeEntity root, int maxChars) {
        MimeEntity html = null;
        for (MimeEntity entity : root.ownParts()) {
            if (entity.isAttachment() || entity == root && entity.contentType().isMultipart()) {
                continue;
            }
            if (entity.contentType().is("text/plain")) {
                return limit(entity.text(), maxChars);
            }
            if (html == null && entity.contentType().is("text/html")) {
                html = entity;
            }
        }
        return html == null ? "" : limit(htmlToText(html.text()), maxChars);
    }

    static String htmlToText(String html) {
        Element body = Jsoup.parse(html).body();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            private int quoted;
            private boolean afterSeparator;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText().replaceAll("\\s+", " "));
                } else if (node instanceof Element element) {
                    if (!afterSeparator && isReplySeparator(element) && !out.toString().isBlank()) {
                        afterSeparator = true;
                        quoted++;
                        newLine();
                    } else if (isQuotedHistory(element)) {
                        quoted++;
                        newLine();
                    } else if (BLOCKS.contains(element.normalName())) {
                        newLine();
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())
                        && !element.normalName().equals("br")) {
                    newLine();
                }
                if (node instanceof Element element && isQuotedHistory(element)) {
                    quoted--;
                    out.append('\n');
                }
            }

            /** A line break; inside quoted history every line is marked "> " as a plain-text reply would be. */
            private void newLine() {
                out.append(quoted > 0 ? "\n> " : "\n");
            }
        }, body);
        return out.toString().replaceAll("(?m)[ \\t]+$", "").replaceAll("(?m)^[ \\t]+", "")
                .replaceAll("\n{3,}", "\n\n").strip();
    }

    /**
     * The elements mail programs wrap quoted history in: Gmail's {@code gmail_quote}, Apple Mail and
     * Thunderbird's {@code <blockquote type="cite">}, Thunderbird's {@code moz-cite-prefix} attribution,
     * Yahoo's {@code yahoo_quoted}, ProtonMail's {@code protonmail_quote}, and the plain or left-bordered
     * {@code <blockquote>} of Yandex, Mail.ru, Zoho and most webmails. Their text is marked as quoted
     * ("> "), so the reply text stops there.
     * (Outlook's {@code divRplyFwdMsg} header block and "-----Original Message-----" become plain lines
     * the reply-text rules already recognise.)
     */
    private static boolean isQuotedHistory(Element element) {
        return element.hasClass("moz-cite-prefix")
                || element.classNames().stream().anyMatch(name -> QUOTE_CLASS.matcher(name).matches())
                || element.normalName().equals("blockquote") && (element.attr("type").equalsIgnoreCase("cite")
                || BORDER_LEFT.matcher(element.attr("style")).find() || element.attributes().isEmpty());
    }

    /** gmail_quote, x_gmail_quote (Gmail history forwarded through Outlook), yahoo_quoted, protonmail_quote. */
    private static final Pattern QUOTE_CLASS = Pattern.compile("(?i)[\\w-]*[_-]quoted?");
    private static final Pattern BORDER_LEFT = Pattern.compile("(?i)border-left\\s*:[^;]*\\bsolid\\b");

    /**
     * The line Outlook draws between the reply and the original: an {@code <hr>} (Outlook on the web,
     * new Outlook) or a {@code div}/{@code p} styled with a solid {@code border-top} (Outlook for
     * Windows and Mac). After text, everything from it on is the original, with or without a "From:"
     * header block below it, so it is marked quoted.
     */
    private static boolean isReplySeparator(Element element) {
        String name = element.normalName();
        return name.equals("hr")
                || (name.equals("div") || name.equals("p")) && BORDER_TOP.matcher(element.attr("style")).find();
    }

    private static final Pattern BORDER_TOP = Pattern.compile("border-top\\s*:[^;]*\\bsolid\\b",
            Pattern.CASE_INSENSITIVE);

    private static String limit(String text, int maxChars) {
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
