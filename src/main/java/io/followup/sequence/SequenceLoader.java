package io.followup.sequence;

import io.followup.config.AppConfig;
import io.followup.config.ConfigException;
import io.followup.config.UnsubscribeMode;
import io.followup.config.Node;
import io.followup.config.Source;
import io.followup.config.Values;
import io.followup.config.YamlReader;
import io.followup.sequence.timing.BusinessCalendar;
import io.followup.sequence.timing.SequenceTiming;
import io.followup.sequence.timing.Wait;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the sequence files {@code <sequences_dir>/*.yaml}, one sequence per file, and checks
 * them: the name equals the file name, 1..20 steps, every template exists as
 * {@code <templates_dir>/<template>.vm}, waits parse, the mailbox is configured. Problems are
 * one-line {@link ConfigException}s naming {@code file:line: key.path}. Thread-safe: each
 * {@link #loadAll} call is independent.
 */
public final class SequenceLoader {

    private static final String STEP_ID = "a step id of letters, digits, '-' and '_' (up to 60), e.g. first-nudge";
    private static final String STEP_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,59}";
    /** The most steps a sequence may have. */
    public static final int MAX_STEPS = 20;
    /** The grace after the last step when {@code after_last_step} is not given. */
    public static final Wait DEFAULT_AFTER_LAST_STEP = new Wait(5, Wait.Unit.BUSINESS_DAYS);

    private static final Logger LOG = LoggerFactory.getLogger(SequenceLoader.class);
    private static final Pattern TEMPLATE_NAME =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");
    private static final String STEP_KINDS = "email or task";
    /** The most A/B variants one step may have. */
    public static final int MAX_VARIANTS = 5;
    private static final String WAIT_EXAMPLE = "a wait such as \"3 business days\", \"24 hours\" or \"2 days\"";

    private final Path templatesDir;
    private final Set<String> mailboxNames;
    private final Path displayBase;
    private final Set<String> calendarNames;
    private final YamlReader yaml = new YamlReader();

    /**
     * @param templatesDir where templates are looked up
     * @param mailboxNames the configured mailboxes; the first in iteration order (pass a
     *                     {@link LinkedHashSet}) is the default for sequences naming none
     */
    public SequenceLoader(Path templatesDir, Set<String> mailboxNames) {
        this(templatesDir, mailboxNames, null);
    }

    /**
     * Like {@link #SequenceLoader(Path, Set)}, naming files in errors relative to
     * {@code displayBase} (e.g. {@code config/sequences/x.yaml}) when they lie inside it.
     */
    public SequenceLoader(Path templatesDir, Set<String> mailboxNames, Path displayBase) {
        this(templatesDir, mailboxNames, displayBase, Set.of(BusinessCalendar.DEFAULT_NAME));
    }

    /**
     * Like {@link #SequenceLoader(Path, Set, Path)}, accepting {@code calendar:} names from {@code calendarNames}.
     */
    public SequenceLoader(Path templatesDir, Set<String> mailboxNames, Path displayBase, Set<String> calendarNames) {
        this.calendarNames = new java.util.TreeSet<>(calendarNames);
        if (mailboxNames.isEmpty()) {
            throw new IllegalArgumentException("at least one mailbox name is needed");
        }
        this.templatesDir = templatesDir;
        this.mailboxNames = new LinkedHashSet<>(mailboxNames);
        this.displayBase = displayBase;
    }

    /**
     * Loads the sequence files of {@code config}'s {@code sequences_dir}, checked against its mailboxes, templates and
     * calendars, as the daemon and every command do after loading the configuration file.
     *
     * @param baseDir the directory the configuration's relative paths resolve against: files inside it are named
     *                relative to it in errors (e.g. {@code config/sequences/x.yaml:3: steps[0].wait: ...})
     * @return the sequences sorted by name
     * @throws ConfigException on the first problem found
     */
    public static List<SequenceDefinition> load(AppConfig config, Path baseDir) {
        Set<String> mailboxNames = new LinkedHashSet<>();
        config.mailboxes().forEach(mailbox -> mailboxNames.add(mailbox.name()));
        return new SequenceLoader(config.templatesDir(), mailboxNames, baseDir.toAbsolutePath().normalize(),
                config.calendars().keySet()).loadAll(config.sequencesDir());
    }

    /**
     * Loads every {@code *.yaml} file of {@code sequencesDir}.
     *
     * @return the sequences sorted by name
     * @throws ConfigException on the first problem found
     */
    public List<SequenceDefinition> loadAll(Path sequencesDir) {
        Source directory = Source.of(sequencesDir, displayBase);
        if (!Files.isDirectory(sequencesDir)) {
            throw directory.error(0, "", "sequences directory not found");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(sequencesDir, "*.yaml")) {
            stream.forEach(files::add);
        } catch (IOException unreadable) {
            throw directory.error(0, "", "cannot list the directory (" + unreadable.getClass().getSimpleName() + ")");
        }
        files.sort(Comparator.comparing(file -> file.getFileName().toString()));
        List<SequenceDefinition> sequences = new ArrayList<>();
        for (Path file : files) {
            sequences.add(load(file));
        }
        sequences.sort(Comparator.comparing(SequenceDefinition::name));
        Set<String> names = new java.util.HashSet<>();
        sequences.forEach(sequence -> names.add(sequence.name()));
        for (SequenceDefinition sequence : sequences) {
            String referral = sequence.responses().referralSequence();
            if (referral != null && !names.contains(referral)) {
                throw Source.of(sequencesDir.resolve(sequence.name() + ".yaml"), displayBase).error(0,
                        "responses.referral_sequence", "no sequence named \"" + referral + "\" (configured: "
                                + String.join(", ", new java.util.TreeSet<>(names)) + ")");
            }
        }
        LOG.debug("Loaded {} sequence(s) from {}", sequences.size(), directory.displayName());
        return sequences;
    }

    private SequenceDefinition load(Path file) {
        Source source = Source.of(file, displayBase);
        Node root = Node.root(source, yaml.read(file, source));
        root.mapping("a sequence (name, description, mailbox, steps, after_last_step, max_attempts, escalation, "
                        + "approval, send_window, calendar, jitter, responses, unsubscribe, first_touch_within, "
                        + "allow_outside_window_for_first_touch, introducer)",
                "name", "description", "mailbox", "steps", "after_last_step", "max_attempts", "escalation", "approval",
                "send_window", "calendar", "jitter", "responses", "unsubscribe", "first_touch_within",
                "allow_outside_window_for_first_touch", "introducer");
        String expectedName = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Node nameNode = root.require("name", "the sequence name \"" + expectedName + "\"");
        String name = nameNode.nonBlank("the sequence name");
        if (!name.equals(expectedName)) {
            throw nameNode.expected("the file name without .yaml, \"" + expectedName + "\"");
        }
        String description = root.get("description").map(node -> node.text("a description").strip()).orElse("");
        String mailbox = root.get("mailbox").map(this::mailbox).orElse(mailboxNames.iterator().next());
        List<StepDefinition> steps = steps(root);
        Wait afterLastStep = root.get("after_last_step").map(this::afterLastStep).orElse(DEFAULT_AFTER_LAST_STEP);
        int maxAttempts = root.get("max_attempts").map(node -> Values.integer(node, 1, steps.size(),
                "a number of attempts 1-" + steps.size() + " (the number of steps)")).orElse(steps.size());
        EscalationDefinition escalation = root.get("escalation").map(EscalationReader::read).orElse(null);
        boolean approval = root.get("approval").map(Node::bool).orElse(false);
        SequenceTiming timing = new TimingReader(calendarNames).timing(root);
        ResponseRules responses = root.get("responses").map(new ResponseRulesReader()::read)
                .orElse(ResponseRules.DEFAULTS);
        UnsubscribeMode unsubscribe = root.get("unsubscribe")
                .map(node -> Values.constant(node, UnsubscribeMode.class, "header, link or none")).orElse(null);
        FirstTouchPromise firstTouch = firstTouch(root, steps.get(0));
        IntroducerLoop introducer = root.get("introducer")
                .map(node -> new IntroducerLoopReader(this::template).read(node, firstTouch)).orElse(null);
        return new SequenceDefinition(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation,
                approval, timing, responses, unsubscribe, firstTouch, introducer);
    }

    /** {@code first_touch_within: 24h | off} and {@code allow_outside_window_for_first_touch: 2h | 0}. */
    private static FirstTouchPromise firstTouch(Node root, StepDefinition first) {
        Optional<Node> withinNode = root.get("first_touch_within");
        Optional<Node> edgeNode = root.get("allow_outside_window_for_first_touch");
        if (withinNode.isEmpty() || withinNode.get().text("a time such as 24h, or off").strip().equals("off")) {
            if (edgeNode.isPresent()) {
                throw edgeNode.get().fail("applies only with first_touch_within (e.g. first_touch_within: 24h)");
            }
            return FirstTouchPromise.OFF;
        }
        java.time.Duration within = Values.duration(withinNode.get());
        if (first.isTask()) {
            throw withinNode.get().fail("the first step is a task; the promise is for a first message");
        }
        Wait wait = first.delay();
        if (wait.unit() == Wait.Unit.BUSINESS_DAYS && wait.amount() > 0
                || java.time.Duration.between(java.time.Instant.EPOCH, wait.after(java.time.Instant.EPOCH,
                java.time.ZoneOffset.UTC)).compareTo(within) > 0) {
            throw withinNode.get().fail("the first step waits " + wait + ", longer than the promise " + within
                    .toHours() + "h");
        }
        java.time.Duration edge = java.time.Duration.ZERO;
        if (edgeNode.isPresent()) {
            String text = edgeNode.get().text("a time such as 2h, or 0").strip();
            edge = text.equals("0") || text.equals("false") ? java.time.Duration.ZERO : Values.duration(edgeNode.get());
            if (edge.compareTo(FirstTouchPromise.MAX_EDGE) > 0) {
                throw edgeNode.get().expected("at most 12h (or 0)");
            }
        }
        return new FirstTouchPromise(within, edge);
    }

    private String mailbox(Node node) {
        String name = node.nonBlank("a mailbox name");
        if (!mailboxNames.contains(name)) {
            throw node.expected("one of the configured mailboxes (" + String.join(", ", mailboxNames) + ")");
        }
        return name;
    }

    private List<StepDefinition> steps(Node root) {
        Node stepsNode = root.require("steps", "a list of 1-" + MAX_STEPS + " steps");
        List<Node> items = stepsNode.items("a list of 1-" + MAX_STEPS + " steps");
        if (items.isEmpty() || items.size() > MAX_STEPS) {
            throw stepsNode.fail("expected 1-" + MAX_STEPS + " steps, got " + items.size());
        }
        List<StepDefinition> steps = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Node item : items) {
            StepDefinition step = step(item, steps.size() + 1);
            Optional<Node> idNode = item.get("id");
            if (idNode.isPresent()) {
                String id = idNode.get().nonBlank(STEP_ID);
                if (!id.matches(STEP_ID_PATTERN)) {
                    throw idNode.get().expected(STEP_ID);
                }
                if (!ids.add(id)) {
                    throw idNode.get().fail("step id \"" + id + "\" is used by an earlier step; each id names one step");
                }
                step = step.withId(id);
            }
            steps.add(step);
        }
        return steps;
    }

    private StepDefinition step(Node item, int number) {
        item.mapping("a step (id, kind, template, variants, task, wait, new_thread, approval)", "id", "kind",
                "template", "variants", "task", "wait", "new_thread", "approval");
        String kind = item.get("kind").map(node -> node.nonBlank(STEP_KINDS).toLowerCase(java.util.Locale.ROOT))
                .orElse(item.get("task").isPresent() ? "task" : "email");
        if (!kind.equals("email") && !kind.equals("task")) {
            throw item.get("kind").orElseThrow().expected(STEP_KINDS);
        }
        Wait wait = wait(item.require("wait", WAIT_EXAMPLE + " (0 for at once)"));
        if (kind.equals("task")) {
            for (String emailOnly : List.of("template", "variants", "new_thread", "approval")) {
                if (item.get(emailOnly).isPresent()) {
                    throw item.get(emailOnly).orElseThrow().fail("a task step has no " + emailOnly);
                }
            }
            return StepDefinition.ofTask(number, wait, EscalationReader.task(item.require("task",
                    "the task (kind: call | linkedin | note | other, text: \"Connect with $contact.first_name\")")));
        }
        if (item.get("task").isPresent()) {
            throw item.get("task").orElseThrow().fail("an email step has no task (write kind: task)");
        }
        boolean newThread = item.get("new_thread").map(Node::bool).orElse(false);
        boolean approval = item.get("approval").map(Node::bool).orElse(false);
        Optional<Node> variants = item.get("variants");
        if (variants.isPresent()) {
            if (item.get("template").isPresent()) {
                throw item.get("template").orElseThrow().fail("write either template or variants, not both");
            }
            return StepDefinition.withVariants(number, wait, newThread, approval, variants(variants.get()));
        }
        String template = template(item.require("template", "a template name such as met-at-event/thank-you"));
        return new StepDefinition(number, template, wait, newThread, approval);
    }

    private List<StepDefinition.Variant> variants(Node node) {
        String expected = "a list of 2-" + MAX_VARIANTS + " variants such as [{template: a, weight: 50}, "
                + "{template: b, weight: 50}]";
        List<Node> items = node.items(expected);
        if (items.size() < 2 || items.size() > MAX_VARIANTS) {
            throw node.fail("expected 2-" + MAX_VARIANTS + " variants, got " + items.size());
        }
        List<StepDefinition.Variant> variants = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Node item : items) {
            item.mapping("a variant (template, weight)", "template", "weight");
            Node templateNode = item.require("template", "a template name such as met-at-event/thank-you");
            String template = template(templateNode);
            if (!seen.add(template)) {
                throw templateNode.fail("the template " + template + " is listed twice");
            }
            int weight = item.get("weight").map(weightNode -> Values.integer(weightNode, 1, 1000,
                    "a weight 1-1000 (the variant's relative share)")).orElse(1);
            variants.add(new StepDefinition.Variant(template, weight));
        }
        return variants;
    }

    private String template(Node node) {
        String name = node.nonBlank("a template name such as met-at-event/thank-you");
        if (name.endsWith(".vm")) {
            throw node.fail("write the template name without .vm, e.g. \"" + name.substring(0, name.length() - 3) + "\"");
        }
        if (!TEMPLATE_NAME.matcher(name).matches() || name.contains("..")) {
            throw node.expected("a template name such as met-at-event/thank-you");
        }
        Path file = templatesDir.resolve(name + ".vm");
        if (!Files.isRegularFile(file)) {
            throw node.fail("template not found: " + Source.of(file, displayBase).displayName());
        }
        return name;
    }

    private Wait afterLastStep(Node node) {
        node.mapping("a mapping with wait", "wait");
        return wait(node.require("wait", WAIT_EXAMPLE));
    }

    private static Wait wait(Node node) {
        String text = node.text(WAIT_EXAMPLE);
        try {
            return Wait.parse(text);
        } catch (IllegalArgumentException invalid) {
            throw node.fail(invalid.getMessage());
        }
    }
}
