package io.followup.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .vm} template file split into its {@code Subject:} header and its text body, with the
 * structural problems found while splitting (missing, duplicate or empty subject, unknown
 * header, empty body). See {@link TemplateEngine} for the format. Immutable.
 *
 * @param subject      the raw Velocity source of the subject value, or {@code null} when missing
 * @param subjectPart  where the subject value starts in the file ({@code null} when missing)
 * @param body         the raw Velocity source of the text body (may be empty)
 * @param bodyPart     where the body starts in the file
 * @param problems     structural problems, in file order; empty when the file is well formed
 */
record TemplateFile(String subject, PartLocation subjectPart, String body, PartLocation bodyPart,
                    List<TemplateProblem> problems) {

    private static final Pattern HEADER = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(.*)");

    TemplateFile {
        problems = List.copyOf(problems);
    }

    /** Splits the content of the file shown as {@code file}. */
    static TemplateFile parse(Path file, String content) {
        String[] lines = normalize(content).split("\n", -1);
        int lineCount = content.isEmpty() ? 0 : (lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length);
        List<TemplateProblem> problems = new ArrayList<>();
        String subject = null;
        PartLocation subjectPart = null;
        int headerEnd = 0;
        while (headerEnd < lines.length && !lines[headerEnd].isBlank()) {
            headerEnd++;
        }
        int bodyStart = Math.min(headerEnd + 1, lines.length);
        boolean missingReported = false;
        for (int index = 0; index < headerEnd; index++) {
            String line = lines[index];
            if (line.startsWith("##")) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (!header.matches()) {
                if (subject == null) {
                    problems.add(new TemplateProblem(file, index + 1, 0,
                            "missing \"Subject:\" header: the lines before the first blank line are headers"));
                    missingReported = true;
                    bodyStart = index;
                    break;
                }
                problems.add(new TemplateProblem(file, index + 1, 1,
                        "not a header: a blank line must separate the headers from the body"));
            } else if (header.group(1).equalsIgnoreCase("Subject")) {
                if (subject != null) {
                    problems.add(new TemplateProblem(file, index + 1, 1,
                            "duplicate Subject header (first on line " + subjectPart.firstLine() + ")"));
                } else {
                    subject = header.group(2);
                    subjectPart = new PartLocation(file, index + 1, header.start(2));
                    if (subject.isBlank()) {
                        problems.add(new TemplateProblem(file, index + 1, 1, "the Subject header is empty"));
                    }
                }
            } else {
                problems.add(new TemplateProblem(file, index + 1, 1,
                        "unknown header \"" + header.group(1) + "\": only Subject is supported"));
            }
        }
        if (subject == null && !missingReported) {
            problems.add(new TemplateProblem(file, Math.min(1, lineCount), 0, "missing \"Subject:\" header"));
        }
        String body = String.join("\n", List.of(lines).subList(bodyStart, lines.length));
        PartLocation bodyPart = new PartLocation(file, bodyStart + 1, 0);
        if (body.isBlank()) {
            problems.add(new TemplateProblem(file, Math.max(Math.min(bodyStart + 1, lineCount), 0), 0, "empty body"));
        }
        return new TemplateFile(subject, subjectPart, body, bodyPart, problems);
    }

    /** Removes a byte order mark and turns CR LF and lone CR line endings into LF. */
    static String normalize(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
