package io.followup.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a templates directory: {@code <name>.vm} text templates with their optional
 * {@code <name>.html.vm} HTML bodies, and the paths shown in messages (relative to the
 * directory's parent, e.g. {@code templates/met-at-event/thank-you.vm}). Reads the file system
 * on every call; immutable and thread-safe.
 */
final class TemplateDirectory {

    private static final String TEXT_SUFFIX = ".vm";
    private static final String HTML_SUFFIX = ".html.vm";

    private final Path dir;

    TemplateDirectory(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * The names of the text templates, sorted.
     *
     * @throws TemplateException when the directory does not exist or cannot be listed
     */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Path file : templateFiles()) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            if (!relative.endsWith(HTML_SUFFIX)) {
                names.add(relative.substring(0, relative.length() - TEXT_SUFFIX.length()));
            }
        }
        return names;
    }

    /** HTML bodies that have no text template beside them, sorted. */
    List<Path> orphanHtmlFiles() {
        return templateFiles().stream()
                .filter(file -> file.getFileName().toString().endsWith(HTML_SUFFIX))
                .filter(file -> {
                    String fileName = file.getFileName().toString();
                    String base = fileName.substring(0, fileName.length() - HTML_SUFFIX.length());
                    return !Files.exists(file.resolveSibling(base + TEXT_SUFFIX));
                })
                .toList();
    }

    Path textFile(String name) {
        return dir.resolve(name + TEXT_SUFFIX);
    }

    Path htmlFile(String name) {
        return dir.resolve(name + HTML_SUFFIX);
    }

    /** The file as shown in messages: relative to the templates directory's parent. */
    Path display(Path file) {
        Path dirName = dir.toAbsolutePath().normalize().getFileName();
        Path relative = dir.relativize(file);
        return dirName == null ? relative : dirName.resolve(relative);
    }

    /**
     * The content of a file, with LF line endings and without byte order mark.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    static String read(Path file) {
        try {
            return TemplateFile.normalize(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private List<Path> templateFiles() {
        if (!Files.isDirectory(dir)) {
            throw new TemplateException(new TemplateProblem(dir, 0, 0, "templates directory not found"));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(TEXT_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException unreadable) {
            throw new TemplateException(new TemplateProblem(dir, 0, 0,
                    "cannot list the templates directory: " + unreadable.getMessage()), unreadable);
        }
    }
}
