package io.followup.web;

import io.followup.template.HtmlEscape;

/** HTML escaping for server-rendered pages. Stateless and thread-safe. */
final class Html {

    private Html() {
    }

    /** Escapes text for an HTML element body or a quoted attribute value. */
    static String escape(String text) {
        return HtmlEscape.escape(text);
    }

    /** A minimal page: title and body (the body is already HTML). */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\"></head>\n<body class=\"public\">"
                + "<main class=\"narrow\"><h1>" + escape(title)
                + "</h1>" + body + "</main></body></html>\n";
    }
}
