package io.followup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code followup ARGS} as a child JVM in a working directory, with exactly the environment given (an empty
 * one by default): what a new user's shell would run, without any variable a test JVM happens to inherit.
 */
public final class CliProcess {

    /** The exit code and the two output streams of one run. */
    public record Result(int code, String out, String err) {
    }

    private CliProcess() {
    }

    /** Copies the shipped {@code config/} and {@code templates/} of the project into {@code target}. */
    public static void copyShippedConfig(Path target) {
        Path project = Path.of(System.getProperty("followup.project.dir", "")).toAbsolutePath();
        for (String folder : List.of("config", "templates")) {
            Path source = project.resolve(folder);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(folder).resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs {@code followup args...} in {@code workingDir} with {@code environment} only; waits up to 2 minutes. */
    public static Result run(Path workingDir, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.followup.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile(workingDir, "out", ".txt");
            Path err = Files.createTempFile(workingDir, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("followup " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
