package io.followup.digest;

import io.followup.outbox.InlinePart;
import io.followup.template.HtmlEscape;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders a {@link Digest} as a subject, a plain-text body and a phone-friendly HTML body (one column, inline CSS
 * only) from the Velocity templates {@code digest/digest.txt.vm} and {@code digest/digest.html.vm} on the class
 * path, plus its charts as inline PNG parts referenced from the HTML as {@code cid:}. In the HTML every inserted
 * value is HTML-escaped (a reference-insertion handler, so a template cannot forget it). Thread-safe.
 */
public final class DigestRenderer {

    /** Content-IDs of the charts. */
    public static final String REPLIES_CHART = "replies-per-day@followup";
    public static final String RATE_CHART = "reply-rate-per-step@followup";
    private static final int SHOWN_PER_SECTION = 10;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    /** A rendered digest. {@code html} refers to {@code parts} as {@code cid:CONTENT-ID}. */
    public record Rendered(String subject, String text, String html, List<InlinePart> parts) {

        public Rendered {
            parts = List.copyOf(parts);
        }

        /** The HTML with each {@code cid:} reference replaced by a {@code data:} URI (for a browser or a file). */
        public String htmlWithDataUris() {
            String inlined = html;
            for (InlinePart part : parts) {
                inlined = inlined.replace("cid:" + part.contentId(), part.dataUri());
            }
            return inlined;
        }
    }

    private final VelocityEngine engine;
    private final DigestChart charts;

    public DigestRenderer(DigestChart charts) {
        this.charts = charts;
        this.engine = new VelocityEngine();
        engine.setProperty("resource.loaders", "class");
        engine.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
        engine.setProperty("resource.loader.class.cache", true);
        engine.setProperty("runtime.strict_mode.enable", true);
        engine.setProperty("velocimacro.inline.local_scope", true);
        engine.init();
    }

    public Rendered render(Digest digest) {
        Map<String, Object> model = model(digest);
        String text = merge("digest/digest.txt.vm", model, false);
        String html = merge("digest/digest.html.vm", model, true);
        List<InlinePart> parts = List.of(
                new InlinePart(REPLIES_CHART, "image/png", charts.repliesPerDay(digest.current().repliesPerDay())),
                new InlinePart(RATE_CHART, "image/png", rateChart(digest.current().byStep())));
        return new Rendered(subject(digest), text, html, parts);
    }

    /** E.g. {@code Your follow-up week 2026-W47: 3 replies to 12 sent, 4 things need you}. */
    static String subject(Digest digest) {
        OutcomeCounts total = digest.current().total();
        int needs = digest.needs().total();
        return "Your follow-up week " + digest.week() + ": " + Formats.plural(total.replies(), "reply", "replies")
                + " to " + total.sent() + " sent, " + (needs == 0 ? "nothing needs you"
                : Formats.plural(needs, "thing needs", "things need") + " you");
    }

    private byte[] rateChart(List<OutcomeGroup> steps) {
        boolean oneSequence = steps.stream().map(OutcomeGroup::sequence).distinct().count() <= 1;
        List<String> labels = new ArrayList<>();
        List<Integer> percents = new ArrayList<>();
        for (OutcomeGroup step : steps) {
            labels.add(oneSequence ? "Step " + step.step() : shorten(step.sequence(), 10) + " " + step.step());
            Integer percent = step.counts().replyRatePercent();
            percents.add(percent == null ? 0 : percent);
        }
        return charts.replyRatePerStep(labels, percents);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private String merge(String name, Map<String, Object> model, boolean html) {
        VelocityContext context = new VelocityContext(new LinkedHashMap<>(model));
        if (html) {
            EventCartridge cartridge = new EventCartridge();
            cartridge.addEventHandler((ReferenceInsertionEventHandler) (ctx, reference, value) ->
                    value == null ? null : escape(value.toString()));
            cartridge.attachToContext(context);
        }
        Template template = engine.getTemplate(name, "UTF-8");
        StringWriter out = new StringWriter();
        template.merge(context, out);
        return out.toString();
    }

    static String escape(String text) {
        return HtmlEscape.escape(text);
    }

    private static Map<String, Object> model(Digest digest) {
        ZoneId zone = digest.current().zone();
        LocalDate monday = digest.week().monday();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", subject(digest));
        model.put("ownerName", digest.owner().name() == null ? digest.owner().email() : digest.owner().name());
        model.put("week", digest.week().toString());
        model.put("dates", DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).format(monday) + " – "
                + DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).format(monday.plusDays(6)));
        model.put("zone", zone.getId());
        String summary = summary(digest);
        model.put("summary", summary);
        model.put("summaryInline", Character.toLowerCase(summary.charAt(0)) + summary.substring(1));
        List<Map<String, Object>> headlines = headlines(digest.current().total(), digest.previous().total());
        model.put("headlines", headlines);
        model.put("kpis", headlines.subList(0, 4));
        model.put("others", headlines.subList(4, headlines.size()));
        String name = digest.owner().name() == null || digest.owner().name().isBlank() ? digest.owner().email()
                : digest.owner().name().strip().split("\\s+")[0];
        model.put("greeting", "Hi " + name + ",");
        model.put("needs", needs(digest, zone));
        model.put("needsTotal", digest.needs().total());
        model.put("sequences", groups(digest.current().bySequence()));
        model.put("steps", groups(digest.current().byStep()));
        model.put("templates", groups(digest.current().byTemplate()));
        model.put("variantSteps", variantSteps(new VariantComparison().compare(digest.current().byVariant())));
        model.put("firstTouch", firstTouch(digest.firstTouches(), zone));
        model.put("repliesChart", REPLIES_CHART);
        model.put("rateChart", RATE_CHART);
        model.put("chartWidth", DigestChart.WIDTH);
        model.put("chartHeight", DigestChart.HEIGHT);
        model.put("repliesPerDay", repliesPerDay(digest.current().repliesPerDay()));
        model.put("webUrl", digest.webUrl() == null ? "" : digest.webUrl());
        model.put("draftsUrl", digest.webUrl() == null ? "" : digest.webUrl() + "/queue");
        return model;
    }

    private static String summary(Digest digest) {
        OutcomeCounts now = digest.current().total();
        OutcomeCounts before = digest.previous().total();
        String rate = now.replyRatePercent() == null ? "" : " (" + now.replyRatePercent() + "% reply rate)";
        return "You sent " + Formats.plural(now.sent(), "follow-up", "follow-ups") + " and got "
                + Formats.plural(now.replies(), "reply", "replies") + rate + "; last week "
                + before.sent() + " sent, " + Formats.plural(before.replies(), "reply", "replies") + ".";
    }

    private static String repliesPerDay(List<Integer> perDay) {
        List<String> days = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
        StringBuilder line = new StringBuilder();
        for (int day = 0; day < 7; day++) {
            line.append(day == 0 ? "" : "  ").append(days.get(day)).append(' ').append(perDay.get(day));
        }
        return line.toString();
    }

    /** The headline numbers: label, value, change against the previous week, and a tone for the change. */
    static List<Map<String, Object>> headlines(OutcomeCounts now, OutcomeCounts before) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(count("Sent", now, before, OutcomeCounts::sent, 0));
        rows.add(count("Human replies", now, before, OutcomeCounts::replies, 1));
        rows.add(row("Reply rate", Formats.percent(now.replyRatePercent()),
                Formats.deltaPoints(now.replyRatePercent(), before.replyRatePercent()),
                tone(now.replyRatePercent() == null || before.replyRatePercent() == null ? 0
                        : now.replyRatePercent() - before.replyRatePercent(), 1)));
        rows.add(row("Median time to first reply", Formats.duration(now.medianFirstReply()),
                Formats.deltaDuration(now.medianFirstReply(), before.medianFirstReply()),
                tone(now.medianFirstReply() == null || before.medianFirstReply() == null ? 0
                        : Long.signum(now.medianFirstReply().compareTo(before.medianFirstReply())), -1)));
        rows.add(count("Interested", now, before, OutcomeCounts::interested, 1));
        rows.add(count("Not interested", now, before, OutcomeCounts::notInterested, 0));
        rows.add(count("Referrals", now, before, OutcomeCounts::referrals, 1));
        rows.add(count("Auto-replies", now, before, OutcomeCounts::autoReplies, 0));
        rows.add(count("Hard bounces", now, before, OutcomeCounts::hardBounces, -1));
        rows.add(count("Soft bounces", now, before, OutcomeCounts::softBounces, -1));
        rows.add(count("Unsubscribes", now, before, OutcomeCounts::unsubscribes, -1));
        rows.add(count("Complaints", now, before, OutcomeCounts::complaints, -1));
        rows.add(count("Escalations", now, before, OutcomeCounts::escalations, 0));
        rows.add(count("Completed without a response", now, before, OutcomeCounts::completedWithoutResponse, -1));
        return rows;
    }

    private static Map<String, Object> count(String label, OutcomeCounts now, OutcomeCounts before,
                                             ToIntFunction<OutcomeCounts> number, int goodDirection) {
        int change = number.applyAsInt(now) - number.applyAsInt(before);
        return row(label, String.valueOf(number.applyAsInt(now)), Formats.delta(change), tone(change, goodDirection));
    }

    /** good / bad / flat: {@code goodDirection} 1 when more is better, -1 when less is, 0 when neither. */
    private static String tone(long change, int goodDirection) {
        if (change == 0 || goodDirection == 0) {
            return "flat";
        }
        return Long.signum(change) == goodDirection ? "good" : "bad";
    }

    private static Map<String, Object> row(String label, String value, String delta, String tone) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("label", label);
        row.put("value", value);
        row.put("delta", delta);
        row.put("tone", tone);
        row.put("color", switch (tone) {
            case "good" -> "#15803d";
            case "bad" -> "#b91c1c";
            default -> "#6b7280";
        });
        return row;
    }

    private static List<Map<String, Object>> groups(List<OutcomeGroup> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OutcomeGroup group : groups) {
            OutcomeCounts counts = group.counts();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", group.label());
            row.put("main", counts.sent() + " sent · " + Formats.plural(counts.replies(), "reply", "replies")
                    + " · " + Formats.percent(counts.replyRatePercent()) + " reply rate · median "
                    + Formats.duration(counts.medianFirstReply()));
            row.put("extra", extra(counts));
            rows.add(row);
        }
        return rows;
    }

    /** The first-touch promise: a summary line ("" when nothing was promised) and one line per broken promise. */
    private static Map<String, Object> firstTouch(FirstTouches touches, ZoneId zone) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("summary", touches.total() == 0 ? "" : touches.met() + " of " + touches.total()
                + " first touches went within the promise" + (touches.broken().isEmpty() ? "." : "; not in time:"));
        List<String> lines = new ArrayList<>();
        for (FirstTouches.Broken broken : touches.broken().subList(0, Math.min(SHOWN_PER_SECTION,
                touches.broken().size()))) {
            lines.add((broken.name() == null || broken.name().isBlank() ? broken.email()
                    : broken.name() + " <" + broken.email() + ">") + ", enrolled "
                    + DAY.format(broken.enrolledAt().atZone(zone)) + " "
                    + broken.enrolledAt().atZone(zone).toLocalTime().withSecond(0).withNano(0) + ": " + broken.cause());
        }
        if (touches.broken().size() > SHOWN_PER_SECTION) {
            lines.add("and " + (touches.broken().size() - SHOWN_PER_SECTION) + " more");
        }
        section.put("broken", lines);
        return section;
    }

    private static List<Map<String, Object>> variantSteps(List<VariantComparison.Step> steps) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VariantComparison.Step step : steps) {
            List<String> lines = new ArrayList<>();
            for (VariantComparison.Variant variant : step.variants()) {
                lines.add(variant.template() + ": " + variant.sent() + " sent · "
                        + Formats.plural(variant.replies(), "reply", "replies") + " · " + variant.positive()
                        + " positive · " + Formats.plural(variant.bounces(), "bounce", "bounces") + " · reply rate "
                        + variant.rateText());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", step.label());
            row.put("lines", lines);
            row.put("verdict", step.verdict());
            rows.add(row);
        }
        return rows;
    }

    /** The other numbers of a group that are not zero, e.g. {@code 2 interested · 1 hard bounce}. */
    static String extra(OutcomeCounts counts) {
        List<String> parts = new ArrayList<>();
        add(parts, counts.interested(), "interested", "interested");
        add(parts, counts.notInterested(), "not interested", "not interested");
        add(parts, counts.referrals(), "referral", "referrals");
        add(parts, counts.autoReplies(), "auto-reply", "auto-replies");
        add(parts, counts.hardBounces(), "hard bounce", "hard bounces");
        add(parts, counts.softBounces(), "soft bounce", "soft bounces");
        add(parts, counts.unsubscribes(), "unsubscribe", "unsubscribes");
        add(parts, counts.complaints(), "complaint", "complaints");
        add(parts, counts.escalations(), "escalation", "escalations");
        add(parts, counts.completedWithoutResponse(), "completed without a response",
                "completed without a response");
        return String.join(" · ", parts);
    }

    private static void add(List<String> parts, int count, String one, String many) {
        if (count > 0) {
            parts.add(Formats.plural(count, one, many));
        }
    }

    private static List<Map<String, Object>> needs(Digest digest, ZoneId zone) {
        NeedsYou.Items items = digest.needs();
        List<Map<String, Object>> sections = new ArrayList<>();
        section(sections, "Mailboxes to reconnect (their mail waits)", "since", items.reconnect(), zone, false);
        section(sections, "Drafts waiting for your approval", "waiting since", items.drafts(), zone, true);
        section(sections, "Open tasks", "due", items.tasks(), zone, false);
        section(sections, "Unverified mail: apply or dismiss what it asks (inbound unverified)", "received",
                items.unverified(), zone, true);
        section(sections, "Interested replies not yet answered", "received", items.interested(), zone, false);
        section(sections, "Introductions owing a thank-you", "introduced", items.introductions(), zone, false);
        section(sections, "Keep-in-touch check-ins overdue", "due since", items.checkIns(), zone, false);
        section(sections, "Received mail that could not be read", "since", items.unreadable(), zone, false);
        return sections;
    }

    private static void section(List<Map<String, Object>> sections, String title, String sinceLabel,
                                List<NeedsYou.Item> items, ZoneId zone, boolean numbered) {
        if (items.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NeedsYou.Item item : items.subList(0, Math.min(SHOWN_PER_SECTION, items.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("who", (numbered ? "#" + item.id() + " " : "") + item.who());
            row.put("what", item.what());
            row.put("since", sinceLabel + " " + day(item.since(), zone));
            rows.add(row);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("title", title);
        section.put("count", items.size());
        section.put("items", rows);
        section.put("more", items.size() > SHOWN_PER_SECTION ? "and " + (items.size() - SHOWN_PER_SECTION)
                + " more" : "");
        sections.add(section);
    }

    private static String day(Instant instant, ZoneId zone) {
        return DAY.format(instant.atZone(zone));
    }
}
