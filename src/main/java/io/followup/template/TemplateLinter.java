package io.followup.template;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * The {@code templates check} lint over a whole templates directory: structure of each file
 * ({@link TemplateFile}), syntax of each part, references and directives ({@link ReferenceLint}),
 * HTML bodies without a text template. Reads the files afresh on every run; thread-safe.
 */
final class TemplateLinter {

    private final TemplateDirectory directory;
    private final StrictVelocity velocity;
    private final ReferenceLint references;

    TemplateLinter(TemplateDirectory directory, StrictVelocity velocity) {
        this.directory = directory;
        this.velocity = velocity;
        this.references = new ReferenceLint(velocity.runtime());
    }

    /** All problems, ordered by file, line and column. */
    List<TemplateProblem> check() {
        List<TemplateProblem> problems = new ArrayList<>();
        for (String name : directory.names()) {
            checkTemplate(name, problems);
        }
        for (Path orphan : directory.orphanHtmlFiles()) {
            problems.add(new TemplateProblem(directory.display(orphan), 0, 0,
                    "HTML body without a text template (expected a sibling .vm file with the Subject)"));
        }
        problems.sort(TemplateProblem.ORDER);
        return List.copyOf(problems);
    }

    private void checkTemplate(String name, List<TemplateProblem> problems) {
        Path textFile = directory.textFile(name);
        Path htmlFile = directory.htmlFile(name);
        Path current = textFile;
        try {
            TemplateFile file = TemplateFile.parse(directory.display(textFile), TemplateDirectory.read(textFile));
            problems.addAll(file.problems());
            if (file.subject() != null) {
                checkPart(file.subjectPart(), name + "#subject", file.subject(), problems);
            }
            checkPart(file.bodyPart(), name + "#text", file.body(), problems);
            if (Files.exists(htmlFile)) {
                current = htmlFile;
                String html = TemplateDirectory.read(htmlFile);
                PartLocation htmlPart = new PartLocation(directory.display(htmlFile), 1, 0);
                if (html.isBlank()) {
                    problems.add(htmlPart.problem(0, 0, "empty body"));
                }
                checkPart(htmlPart, name + "#html", html, problems);
            }
        } catch (UncheckedIOException unreadable) {
            problems.add(new TemplateProblem(directory.display(current), 0, 0,
                    "cannot read: " + unreadable.getCause().getMessage()));
        }
    }

    private void checkPart(PartLocation location, String velocityName, String source, List<TemplateProblem> problems) {
        try {
            CompiledPart part = velocity.compile(location, velocityName, source);
            problems.addAll(references.check((Node) part.template().getData(), location));
        } catch (TemplateException invalid) {
            problems.add(invalid.problem());
        }
    }
}
