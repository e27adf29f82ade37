package io.followup.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code keep_in_touch:} and {@code introductions:} sections: a template (which must exist as
 * {@code <templates_dir>/<template>.vm}) and whether drafts wait for approval.
 */
final class FollowUpDraftsReader {

    private static final Pattern TEMPLATE_NAME =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");

    private final Path templatesDir;
    private final Path baseDir;

    FollowUpDraftsReader(Path templatesDir, Path baseDir) {
        this.templatesDir = templatesDir;
        this.baseDir = baseDir;
    }

    KeepInTouchConfig keepInTouch(Node node) {
        node.mapping("the keep-in-touch settings (template, approval)", "template", "approval");
        return new KeepInTouchConfig(
                node.get("template").map(this::template).orElse(KeepInTouchConfig.DEFAULT_TEMPLATE),
                node.get("approval").map(Node::bool).orElse(true));
    }

    IntroductionsConfig introductions(Node node) {
        node.mapping("the introductions settings (thank_you_template, approval)", "thank_you_template", "approval");
        return new IntroductionsConfig(
                node.get("thank_you_template").map(this::template).orElse(IntroductionsConfig.DEFAULT_TEMPLATE),
                node.get("approval").map(Node::bool).orElse(true));
    }

    private String template(Node node) {
        String expectation = "a template name such as keep-in-touch/check-in";
        String name = node.nonBlank(expectation);
        if (name.endsWith(".vm")) {
            throw node.fail("write the template name without .vm, e.g. \"" + name.substring(0, name.length() - 3)
                    + "\"");
        }
        if (!TEMPLATE_NAME.matcher(name).matches() || name.contains("..")) {
            throw node.expected(expectation);
        }
        Path file = templatesDir.resolve(name + ".vm");
        if (!Files.isRegularFile(file)) {
            throw node.fail("template not found: " + Source.of(file, baseDir).displayName());
        }
        return name;
    }
}
