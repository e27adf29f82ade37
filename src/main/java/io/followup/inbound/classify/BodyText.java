package io.followup.inbound.classify;

import java.util.Set;
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
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText().replaceAll("\\s+", " "));
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())
                        && !element.normalName().equals("br")) {
                    out.append('\n');
                }
            }
        }, body);
        return out.toString().replaceAll("(?m)[ \\t]+$", "").replaceAll("(?m)^[ \\t]+", "")
                .replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String limit(String text, int maxChars) {
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
