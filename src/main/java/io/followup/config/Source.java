package io.followup.config;

import java.nio.file.Path;

/**
 * A configuration file as named in error messages, and the one place that formats them:
 * {@code file:line: key.path: what}. Messages are forced onto one line. Immutable.
 *
 * @param displayName the file as shown to the user, e.g. {@code config/followup.yaml}
 */
public record Source(String displayName) {

    private static final int MAX_MESSAGE = 400;

    /**
     * The source for {@code file}, named relative to {@code baseDir} when it lies inside it.
     */
    public static Source of(Path file, Path baseDir) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = baseDir == null ? null : baseDir.toAbsolutePath().normalize();
        Path shown = base != null && absolute.startsWith(base) && !absolute.equals(base)
                ? base.relativize(absolute) : absolute;
        return new Source(shown.toString().replace('\\', '/'));
    }

    /**
     * An error at {@code line} (0 = unknown) of {@code path} (empty = the file itself).
     */
    public ConfigException error(int line, String path, String what) {
        StringBuilder message = new StringBuilder(displayName);
        if (line > 0) {
            message.append(':').append(line);
        }
        message.append(": ");
        if (path != null && !path.isEmpty()) {
            message.append(path).append(": ");
        }
        message.append(what);
        String oneLine = message.toString().replaceAll("[\\r\\n\\t]+", " ");
        if (oneLine.length() > MAX_MESSAGE) {
            oneLine = oneLine.substring(0, MAX_MESSAGE) + "...";
        }
        return new ConfigException(oneLine);
    }
}
