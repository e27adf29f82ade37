package io.followup.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.apache.velocity.runtime.parser.node.Node;
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
 * refused) and is trimmed. Bodies get LF line endings, lose leading blank lines and end with
 * exactly one newline; white space inside lines is kept as written.
 *
 * <h2>Caching and thread-safety</h2>
 * The set of templates is read when the engine is created; each template is parsed once, on
 * first use, and the parsed form (or the parse failure) is cached. Thread-safe: one engine is
 * shared by all renders. {@link #check()} always reads the files afresh.
 */
public final class TemplateEngine {

    private static final Logger log = LoggerFactory.getLogger(TemplateEngine.class);
    private static final String TEXT_SUFFIX = ".vm";
    private static final String HTML_SUFFIX = ".html.vm";

    private final Path templatesDir;
    private final Set<String> names;
    private final StrictVelocity velocity = new StrictVelocity();
    private final ConcurrentMap<String, Loaded> cache = new ConcurrentHashMap<>();

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
        this.templatesDir = Objects.requireNonNull(templatesDir, "templatesDir");
        this.names = Collections.unmodifiableSet(new TreeSet<>(scanNames()));
        log.info("Found {} templates in {}", names.size(), templatesDir);
    }

    /** The names of all templates found when this engine was created, sorted. */
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

    private static String body(CompiledPart part, RenderModel values, InsertionGuard.Mode mode) {
        String body = normalizeBody(part.merge(values, mode));
        if (body.isEmpty()) {
            throw new TemplateException(part.location().problem(0, 0, "the body renders blank"));
        }
        return body;
    }

    /**
     * Lints every template file under the templates directory, reading them afresh: syntax
     * errors; missing, duplicate or empty subject; unknown headers; empty bodies; references
     * whose root is not in the model; misspelled keys; unknown or unsupported directives and
     * macros; HTML bodies without a text template.
     *
     * @return the problems, ordered by file, line and column; empty when all is well
     */
    public List<TemplateProblem> check() {
        List<TemplateProblem> problems = new ArrayList<>();
        ReferenceLint lint = new ReferenceLint(velocity.runtime());
        for (String name : scanNames()) {
            Path textFile = templatesDir.resolve(name + TEXT_SUFFIX);
            try {
                TemplateFile file = TemplateFile.parse(display(textFile), read(textFile));
                problems.addAll(file.problems());
                if (file.subject() != null) {
                    lintPart(lint, file.subjectPart(), name + "#subject", file.subject(), problems);
                }
                lintPart(lint, file.bodyPart(), name + "#text", file.body(), problems);
                Path htmlFile = templatesDir.resolve(name + HTML_SUFFIX);
                if (Files.exists(htmlFile)) {
                    String html = TemplateFile.normalize(read(htmlFile));
                    PartLocation htmlPart = new PartLocation(display(htmlFile), 1, 0);
                    if (html.isBlank()) {
                        problems.add(htmlPart.problem(0, 0, "empty body"));
                    }
                    lintPart(lint, htmlPart, name + "#html", html, problems);
                }
            } catch (UncheckedIOException unreadable) {
                problems.add(new TemplateProblem(display(textFile), 0, 0, "cannot read: " + unreadable.getCause().getMessage()));
            }
        }
        for (Path orphan : orphanHtmlFiles()) {
            problems.add(new TemplateProblem(display(orphan), 0, 0,
                    "HTML body without a text template (expected a sibling .vm file with the Subject)"));
        }
        problems.sort(TemplateProblem.ORDER);
        log.debug("Checked {} templates: {} problems", names.size(), problems.size());
        return List.copyOf(problems);
    }

    /** How many template parts have been parsed; lets tests verify the cache. */
    long parseCount() {
        return velocity.parseCount();
    }

    private void lintPart(ReferenceLint lint, PartLocation location, String velocityName, String source,
                          List<TemplateProblem> problems) {
        try {
            CompiledPart part = velocity.compile(location, velocityName, source);
            problems.addAll(lint.check((Node) part.template().getData(), location));
        } catch (TemplateException invalid) {
            problems.add(invalid.problem());
        }
    }

    private CompiledTemplate load(String name) {
        if (!exists(name)) {
            throw new TemplateException(new TemplateProblem(display(templatesDir.resolve(name + TEXT_SUFFIX)), 0, 0,
                    "no template named \"" + name + "\""));
        }
        Loaded loaded = cache.computeIfAbsent(name, this::compile);
        if (loaded.failure() != null) {
            TemplateException failure = loaded.failure();
            throw new TemplateException(failure.problem(), failure);
        }
        return loaded.template();
    }

    private Loaded compile(String name) {
        Path textFile = templatesDir.resolve(name + TEXT_SUFFIX);
        try {
            TemplateFile file = TemplateFile.parse(display(textFile), read(textFile));
            if (!file.problems().isEmpty()) {
                return new Loaded(null, new TemplateException(file.problems().get(0)));
            }
            CompiledPart subject = velocity.compile(file.subjectPart(), name + "#subject", file.subject());
            CompiledPart text = velocity.compile(file.bodyPart(), name + "#text", file.body());
            Path htmlFile = templatesDir.resolve(name + HTML_SUFFIX);
            CompiledPart html = Files.exists(htmlFile)
                    ? velocity.compile(new PartLocation(display(htmlFile), 1, 0), name + "#html",
                            TemplateFile.normalize(read(htmlFile)))
                    : null;
            log.debug("Parsed template {}", name);
            return new Loaded(new CompiledTemplate(subject, text, html), null);
        } catch (TemplateException invalid) {
            log.debug("Template {} does not parse: {}", name, invalid.getMessage());
            return new Loaded(null, invalid);
        } catch (UncheckedIOException unreadable) {
            return new Loaded(null, new TemplateException(new TemplateProblem(display(textFile), 0, 0,
                    "cannot read: " + unreadable.getCause().getMessage()), unreadable));
        }
    }

    private List<String> scanNames() {
        List<String> found = new ArrayList<>();
        for (Path file : templateFiles()) {
            String relative = templatesDir.relativize(file).toString().replace('\\', '/');
            if (!relative.endsWith(HTML_SUFFIX)) {
                found.add(relative.substring(0, relative.length() - TEXT_SUFFIX.length()));
            }
        }
        Collections.sort(found);
        return found;
    }

    private List<Path> orphanHtmlFiles() {
        return templateFiles().stream()
                .filter(file -> file.getFileName().toString().endsWith(HTML_SUFFIX))
                .filter(file -> {
                    String fileName = file.getFileName().toString();
                    String base = fileName.substring(0, fileName.length() - HTML_SUFFIX.length());
                    return !Files.exists(file.resolveSibling(base + TEXT_SUFFIX));
                })
                .sorted()
                .toList();
    }

    private List<Path> templateFiles() {
        if (!Files.isDirectory(templatesDir)) {
            throw new TemplateException(new TemplateProblem(templatesDir, 0, 0, "templates directory not found"));
        }
        try (Stream<Path> files = Files.walk(templatesDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(TEXT_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException unreadable) {
            throw new TemplateException(new TemplateProblem(templatesDir, 0, 0,
                    "cannot list the templates directory: " + unreadable.getMessage()), unreadable);
        }
    }

    /** The file as shown in messages: relative to the templates directory's parent. */
    private Path display(Path file) {
        Path name = templatesDir.toAbsolutePath().normalize().getFileName();
        Path relative = templatesDir.relativize(file);
        return name == null ? relative : name.resolve(relative);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
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
