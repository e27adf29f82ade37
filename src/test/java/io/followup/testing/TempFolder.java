package io.followup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for a test fixture that owns its files (made at once, deleted with everything in it). */
public final class TempFolder {

    private TempFolder() {
    }

    /** A new empty folder under the system's temporary folder, its name starting with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder " + prefix + "...", e);
        }
    }

    /** Deletes {@code folder} and everything in it; a file that cannot be deleted is reported, not thrown. */
    public static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("[followup tests] cannot delete " + folder + ": " + e.getMessage());
        }
    }
}
