package io.followup.template;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the follow-up templates of a templates directory with Velocity in strict mode, and
 * lints them.
 *
 * <h2>Template files</h2>
 * {@code <templates>/<sequence>/<name>.vm} holds the subject and the text body:
 * <pre>
 * Subject: Great meeting you at $contact.met_at
 *
 * Hi $contact.first_name,
 * ...
 * </pre>
 * The lines up to the first blank line are headers: exactly one {@code Subject:} header is
 * required and no other header is allowed yet; Velocity comment lines ({@code ## ...}) may
 * precede it. Everything after the first blank line is the text body. An optional HTML body
 * (body only, no headers) lives in the sibling file {@code <name>.html.vm}; values inserted
 * into it are HTML-escaped. A template's name is its path relative to the templates directory
 * without {@code .vm}, with {@code /} separators, e.g. {@code met-at-event/thank-you}.
 *
 * <h2>Model</h2>
 * Roots: {@code contact} (map: {@code email, name, first_name, last_name, company, tier, goal}
 * plus custom fields, snake_case keys), {@code sender} and {@code owner} ({@code name, email}),
 * {@code introducer} (like {@code contact}, only for introduced contacts), {@code step}
 * ({@code number} 1-based, {@code total}) and {@code unsubscribe_url} (string, may be absent).
 *
 * <h2>Strictness</h2>
 * Rendering a value that is missing, {@code null} or blank (white space only) is an error
 * naming the file, line and column, so a draft is held instead of saying "Hi ,". Inside
 * {@code #if(...)} conditions missing values are simply false
 * ({@code #if($contact.company) at $contact.company#end}); quiet references ({@code $!x}) may
 * render empty. The subject must render to one non-blank line (a value with a line break is
 * refused) and is trimmed. Bodies get LF line endings, lose leading and trailing blank lines
 * and end with exactly one newline (white space inside lines is kept as written); a body that
 * renders blank is an error.
 *
 * <h2>Caching and thread-safety</h2>
 * The set of templates is read when the engine is created; each template is parsed once, on
 * first use, and the parsed form (or the parse failure) is cached. Thread-safe: one engine is
 * shared by all renders. {@link #check()} always reads the files afresh.
 */
public final class TemplateEngine {

    private static final Logger log = LoggerFactory.getLogger(TemplateEngine.class);

    private final TemplateDirectory directory;
    private final Set<String> names;
    private final StrictVelocity velocity = new StrictVelocity();
    private final ConcurrentMap<String, Loaded> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompiledPart> lines = new ConcurrentHashMap<>();

    /** A template as loaded: either its parsed parts or why they could not be parsed. */
    private record Loaded(CompiledTemplate template, TemplateException failure) {
    }

    private record CompiledTemplate(CompiledPart subject, CompiledPart text, CompiledPart html) {
    }

    /**
     * Reads the list of templates under {@code templatesDir} (nothing is parsed yet).
     *
     * @throws TemplateException when the directory does not exist or cannot be listed
     */
    public TemplateEngine(Path templatesDir) {
        this.directory = new TemplateDirectory(Objects.requireNonNull(templatesDir, "templatesDir"));
        this.names = Collections.unmodifiableSortedSet(new TreeSet<>(directory.names()));
        log.info("Found {} templates in {}", names.size(), templatesDir);
    }

    /** The names of all templates found when this engine was created, sorted; unmodifiable. */
    public Set<String> names() {
        return names;
    }

    /** Whether a template of this name was found when this engine was created. */
    public boolean exists(String name) {
        return names.contains(name);
    }

    /**
     * Renders a template.
     *
     * @param model the values (see the class documentation); not modified
     * @throws TemplateException one line {@code file:line:column: reason} when the template does
     *                           not exist, does not parse, or refers to a missing or blank value
     */
    public RenderedMessage render(String name, Map<String, Object> model) {
        Objects.requireNonNull(model, "model");
        CompiledTemplate template = load(name);
        RenderModel values = RenderModel.of(model);
        String subject = template.subject().merge(values, InsertionGuard.Mode.SUBJECT).strip();
        PartLocation subjectLocation = template.subject().location();
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new TemplateException(subjectLocation.problem(0, 0, "the subject must render to one line"));
        }
        if (subject.isEmpty()) {
            throw new TemplateException(subjectLocation.problem(0, 0, "the subject renders blank"));
        }
        String text = body(template.text(), values, InsertionGuard.Mode.TEXT);
        String html = template.html() == null ? null : body(template.html(), values, InsertionGuard.Mode.HTML);
        return new RenderedMessage(subject, text, html);
    }

    /**
     * Renders a one-line text written in configuration (a task's {@code "Call $contact.first_name"}) with the same
     * strict, sandboxed runtime and model as the templates; white space runs become one space. Parsed texts are
     * cached (configuration holds few of them).
     *
     * @param origin where the text is written, for errors (e.g. {@code config/sequences/x.yaml steps[2].task})
     * @throws TemplateException when the text does not parse, refers to a missing or blank value, or renders blank
     */
    public String renderLine(String origin, String text, Map<String, Object> model) {
        Objects.requireNonNull(model, "model");
        CompiledPart part = lines.computeIfAbsent(origin + "\u0000" + text,
                key -> velocity.compile(new PartLocation(Path.of(origin), 1, 0), "line:" + origin, text));
        String rendered = part.merge(RenderModel.of(model), InsertionGuard.Mode.TEXT).strip().replaceAll("\\s+", " ");
        if (rendered.isEmpty()) {
            throw new TemplateException(part.location().problem(0, 0, "the text renders blank"));
        }
        return rendered;
    }

    /**
     * Lints every template file under the templates directory, reading them afresh: syntax
     * errors; missing, duplicate or empty subject; unknown headers; empty bodies; references
     * whose root is not in the model; misspelled keys; maps rendered whole; unknown or
     * unsupported directives and macros; HTML bodies without a text template.
     *
     * @return the problems, ordered by file, line and column; empty when all is well
     * @throws TemplateException when the templates directory can no longer be listed
     */
    public List<TemplateProblem> check() {
        List<TemplateProblem> problems = new TemplateLinter(directory, velocity).check();
        log.debug("Checked the templates in {}: {} problems", directory.dir(), problems.size());
        return problems;
    }

    /**
     * Like {@link #check}, for a reload: throws (bad input) with the first problem's file, line and message, and how
     * many more there are, when there is any.
     */
    public void requireNoProblems() {
        List<TemplateProblem> problems = check();
        if (!problems.isEmpty()) {
            throw io.followup.FollowupException.badInput(problems.get(0) + (problems.size() > 1 ? " (and "
                    + (problems.size() - 1) + " more problem(s); see followup templates check)" : ""));
        }
    }

    /**
     * Forgets every parsed template, so that each is read from its file again on next use (after
     * {@code followup sequences reload}). Thread-safe: a render running meanwhile uses the version it had.
     */
    public void forgetParsed() {
        cache.clear();
        lines.clear();
    }

    /** How many template parts have been parsed; lets tests verify the cache. */
    long parseCount() {
        return velocity.parseCount();
    }

    private static String body(CompiledPart part, RenderModel values, InsertionGuard.Mode mode) {
        String body = normalizeBody(part.merge(values, mode));
        if (body.isEmpty()) {
            throw new TemplateException(part.location().problem(0, 0, "the body renders blank"));
        }
        return body;
    }

    private CompiledTemplate load(String name) {
        if (!exists(name)) {
            throw new TemplateException(new TemplateProblem(directory.display(directory.textFile(name)), 0, 0,
                    "no template named \"" + name + "\""));
        }
        Loaded loaded = cache.computeIfAbsent(name, this::compile);
        if (loaded.failure() != null) {
            throw new TemplateException(loaded.failure().problem(), loaded.failure());
        }
        return loaded.template();
    }

    private Loaded compile(String name) {
        Path textFile = directory.textFile(name);
        try {
            TemplateFile file = TemplateFile.parse(directory.display(textFile), TemplateDirectory.read(textFile));
            if (!file.problems().isEmpty()) {
                return new Loaded(null, new TemplateException(file.problems().get(0)));
            }
            CompiledPart subject = velocity.compile(file.subjectPart(), name + "#subject", file.subject());
            CompiledPart text = velocity.compile(file.bodyPart(), name + "#text", file.body());
            Path htmlFile = directory.htmlFile(name);
            CompiledPart html = Files.exists(htmlFile)
                    ? velocity.compile(new PartLocation(directory.display(htmlFile), 1, 0), name + "#html",
                            TemplateDirectory.read(htmlFile))
                    : null;
            log.debug("Parsed template {}", name);
            return new Loaded(new CompiledTemplate(subject, text, html), null);
        } catch (TemplateException invalid) {
            log.debug("Template {} does not parse: {}", name, invalid.getMessage());
            return new Loaded(null, invalid);
        } catch (UncheckedIOException unreadable) {
            return new Loaded(null, new TemplateException(new TemplateProblem(directory.display(textFile), 0, 0,
                    "cannot read: " + unreadable.getCause().getMessage()), unreadable));
        }
    }

    /** LF line endings, no leading or trailing blank lines, exactly one final newline; empty when blank. */
    static String normalizeBody(String rendered) {
        List<String> lines = List.of(TemplateFile.normalize(rendered).split("\n", -1));
        int first = 0;
        int last = lines.size() - 1;
        while (first <= last && lines.get(first).isBlank()) {
            first++;
        }
        while (last >= first && lines.get(last).isBlank()) {
            last--;
        }
        return first > last ? "" : String.join("\n", lines.subList(first, last + 1)) + "\n";
    }
}
