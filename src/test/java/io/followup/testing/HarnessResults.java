package io.followup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The results files of the crash and cluster harnesses under {@code target/}: one line a run, with its time. */
final class HarnessResults {

    private HarnessResults() {
    }

    /** Appends {@code line}, after the current time, to {@code target/NAME}. */
    static void append(String name, String line) {
        try {
            Path file = Path.of("target", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " " + line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
