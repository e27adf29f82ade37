package io.followup.web;

import io.followup.FollowupException;
import io.followup.digest.OutcomeCounts;
import io.followup.digest.Outcomes;
import io.followup.digest.ResultLine;
import io.followup.digest.VariantComparison;
import io.followup.digest.WeekOutcomes;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.DraftPreview;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.SequenceCatalog;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.template.TemplateException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sequences with per-step counts (live enrollments waiting at the step, messages sent, waiting for approval,
 * queued, rejected or cancelled), per-step, per-template and per-variant results over a chosen period (the digest's
 * {@link Outcomes}, so the numbers are the digest's), and the template preview for a chosen contact. Thread-safe.
 */
final class SequenceRoutes implements RouteTable {

    /** One step of a sequence with its counts and its results over the period. */
    public record StepCount(int stepNo, String template, boolean approval, int waiting, int sent, int pending,
                            int queued, int dropped, boolean task, ResultLine results) {
    }

    /** One sequence with its steps and the comparison of its steps' variants. */
    public record SequenceLine(String name, String description, String mailbox, boolean approval, int live,
                               List<StepCount> steps, List<VariantComparison.Step> variants) {
    }

    /** A period the page can show: its query value and its label. */
    public record Period(String value, String label, Duration length) {
    }

    /** The periods offered, each up to now inclusive; the first is the default. */
    static final List<Period> PERIODS = List.of(new Period("30d", "last 30 days", Duration.ofDays(30)),
            new Period("7d", "last 7 days", Duration.ofDays(7)), new Period("90d", "last 90 days", Duration.ofDays(90)),
            new Period("365d", "last 365 days", Duration.ofDays(365)));

    private final Jdbi jdbi;
    private final SequenceCatalog catalog;
    private final DraftPreview preview;
    private final Pages pages;
    private final Clock clock;
    private final ZoneId zone;
    private final Outcomes outcomes = new Outcomes();
    private final OutboxStore outbox = new OutboxStore();
    private final EnrollmentStore enrollments = new EnrollmentStore();

    SequenceRoutes(Jdbi jdbi, SequenceCatalog catalog, DraftPreview preview, Pages pages, Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.preview = preview;
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/sequences", this::list);
        app.get("/preview", this::preview);
    }

    private void list(Context context) {
        String wanted = context.queryParam("period");
        Period period = PERIODS.stream().filter(candidate -> candidate.value().equals(wanted)).findFirst()
                .orElse(PERIODS.get(0));
        Instant to = clock.instant().plusMillis(1);
        WeekOutcomes results = jdbi.withHandle(handle -> outcomes.read(handle, catalog.mailboxes().keySet(),
                to.minus(period.length()), to, zone));
        List<VariantComparison.Step> variants = new VariantComparison().compare(results.byVariant());
        List<SequenceLine> lines = jdbi.withHandle(handle -> catalog.sequenceNames().stream()
                .map(name -> line(handle, name, results, variants)).toList());
        Map<String, Object> model = new HashMap<>();
        model.put("section", "sequences");
        model.put("sequences", lines);
        model.put("periods", PERIODS);
        model.put("period", period);
        model.put("templates", results.byTemplate().stream()
                .map(group -> Map.of("template", group.template(), "results", ResultLine.of(group.counts())))
                .toList());
        model.put("minSample", VariantComparison.MIN_SAMPLE);
        pages.render(context, "sequences.vm", "Sequences", model);
    }

    private SequenceLine line(Handle handle, String name, WeekOutcomes results,
                              List<VariantComparison.Step> variants) {
        long id = catalog.sequenceId(name).orElseThrow();
        SequenceDefinition sequence = catalog.sequence(id);
        Map<Integer, Map<String, Integer>> counts = outbox.stepStates(handle, id);
        Map<Integer, Integer> waiting = enrollments.liveByNextStep(handle, id);
        Map<Integer, OutcomeCounts> stepResults = new HashMap<>();
        results.byStep().stream().filter(group -> name.equals(group.sequence()))
                .forEach(group -> stepResults.put(group.step(), group.counts()));
        List<StepCount> steps = new ArrayList<>();
        for (StepDefinition step : sequence.steps()) {
            int number = step.number();
            steps.add(new StepCount(number, step.label(), step.approval() || sequence.approval(),
                    waiting.getOrDefault(number, 0), count(counts, number, "sent"),
                    count(counts, number, "pending_approval"), count(counts, number, "queued"),
                    count(counts, number, "rejected") + count(counts, number, "cancelled"), step.isTask(),
                    ResultLine.of(stepResults.getOrDefault(number, OutcomeCounts.NONE))));
        }
        return new SequenceLine(name, sequence.description() == null ? "" : sequence.description(),
                sequence.mailbox(), sequence.approval(), waiting.values().stream().mapToInt(Integer::intValue).sum(),
                steps, variants.stream().filter(step -> name.equals(step.sequence())).toList());
    }

    private static int count(Map<Integer, Map<String, Integer>> counts, int step, String state) {
        return counts.getOrDefault(step, Map.of()).getOrDefault(state, 0);
    }

    private void preview(Context context) {
        TreeSet<String> templates = new TreeSet<>();
        catalog.sequenceNames().forEach(name -> catalog.sequence(catalog.sequenceId(name).orElseThrow()).steps()
                .forEach(step -> templates.addAll(step.templates())));
        String template = context.queryParam("template") == null ? "" : context.queryParam("template").strip();
        String email = context.queryParam("email") == null ? "" : context.queryParam("email").strip();
        Map<String, Object> model = new HashMap<>();
        model.put("section", "sequences");
        model.put("templates", List.copyOf(templates));
        model.put("template", template);
        model.put("email", email);
        model.put("hasPreview", false);
        model.put("problem", "");
        if (!template.isEmpty() && !email.isEmpty()) {
            try {
                model.put("preview", preview.preview(template, email));
                model.put("hasPreview", true);
            } catch (TemplateException held) {
                model.put("problem", "This draft would be held: " + held.getMessage());
            } catch (FollowupException unknown) {
                model.put("problem", unknown.getMessage());
            }
        }
        pages.render(context, "preview.vm", "Template preview", model);
    }
}
