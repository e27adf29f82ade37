package io.followup.web;

import io.followup.config.OwnerConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest digest of each owner, from a {@link DigestView}. The digest's HTML is shown in a sandboxed frame
 * served by {@code /digest/{n}/html}, so nothing in it can run or reach the page. Thread-safe.
 */
final class DigestRoutes implements RouteTable {

    /** One owner's latest digest (html is empty when there is none). */
    public record OwnerDigest(int index, String owner, String email, boolean present) {
    }

    private final DigestView digests;
    private final List<OwnerConfig> owners;
    private final Pages pages;

    DigestRoutes(DigestView digests, List<OwnerConfig> owners, Pages pages) {
        this.digests = digests;
        this.owners = List.copyOf(owners);
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/digest", this::page);
        app.get("/digest/{index}/html", this::html);
    }

    private void page(Context context) {
        List<OwnerDigest> lines = new ArrayList<>();
        for (int index = 0; index < owners.size(); index++) {
            OwnerConfig owner = owners.get(index);
            lines.add(new OwnerDigest(index, owner.name(), owner.email(),
                    digests.latestHtml(owner.email()).isPresent()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("section", "digest");
        model.put("digests", lines);
        pages.render(context, "digest.vm", "Latest digest", model);
    }

    private void html(Context context) {
        int index;
        try {
            index = Integer.parseInt(context.pathParam("index"));
        } catch (NumberFormatException notANumber) {
            index = -1;
        }
        String html = index >= 0 && index < owners.size()
                ? digests.latestHtml(owners.get(index).email()).orElse("") : "";
        context.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'")
                .header("X-Frame-Options", "SAMEORIGIN").header("Cache-Control", "no-store").html(html);
    }
}
