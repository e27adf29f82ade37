package io.followup.config.internal;

import io.followup.config.Node;
import io.followup.config.Secret;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a secret written as a plain string, {@code {env: NAME}} or {@code {file: PATH}}. The form is
 * checked at once; the variable or file is read lazily, when the secret is first revealed (a command
 * that opens no connection needs none of them). Errors name the key and the variable or path, never
 * the value. Thread-safe when the environment map is not modified.
 */
public final class SecretReader {

    private static final String EXPECTATION = "a password string, {env: NAME} or {file: PATH}";
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;
    private final Path baseDir;

    /**
     * @param environment the environment variables ({@code System.getenv()} in production)
     * @param baseDir     the directory relative secret file paths resolve against
     */
    public SecretReader(Map<String, String> environment, Path baseDir) {
        this.environment = Map.copyOf(environment);
        this.baseDir = baseDir;
    }

    /** The environment variables secrets are read from (a default secret may name one). */
    Map<String, String> environment() {
        return environment;
    }

    /** The secret at {@code node}. */
    public Secret read(Node node) {
        return read(node, value -> { });
    }

    /**
     * The secret at {@code node}, with {@code check} applied to the value when it is resolved (a plain
     * string: at once).
     *
     * @param check throws a {@link io.followup.config.ConfigException} (from {@code node.fail}) when the value is
     *              unfit; never puts the value in the message
     */
    public Secret read(Node node, java.util.function.Consumer<String> check) {
        if (!node.isMapping()) {
            Secret plain = Secret.of(node.text(EXPECTATION));
            check.accept(plain.reveal());
            return plain;
        }
        node.mapping(EXPECTATION, "env", "file");
        var env = node.get("env");
        var file = node.get("file");
        if (env.isPresent() == file.isPresent()) {
            throw node.fail("expected exactly one of env or file");
        }
        java.util.function.Supplier<String> resolver = env.isPresent() ? fromEnvironment(node, env.get())
                : fromFile(node, file.get());
        return Secret.lazy(() -> {
            String value = resolver.get();
            check.accept(value);
            return value;
        });
    }

    private java.util.function.Supplier<String> fromEnvironment(Node node, Node env) {
        String name = env.nonBlank("an environment variable name such as FOLLOWUP_SMTP_PASSWORD");
        if (!VARIABLE.matcher(name).matches()) {
            throw env.expected("an environment variable name such as FOLLOWUP_SMTP_PASSWORD");
        }
        return () -> {
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw node.fail("environment variable " + name + " is not set or empty");
            }
            return value;
        };
    }

    private java.util.function.Supplier<String> fromFile(Node node, Node file) {
        String pathText = file.nonBlank("a file path");
        Path path = baseDir.resolve(pathText).normalize();
        return () -> readFile(node, path);
    }

    private static String readFile(Node node, Path path) {
        if (Files.isDirectory(path)) {
            throw node.fail("cannot read secret file " + path + ": it is a directory");
        }
        try {
            String value = Files.readString(path);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            } else if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.isEmpty()) {
                throw node.fail("secret file " + path + " is empty");
            }
            return value;
        } catch (NoSuchFileException missing) {
            throw node.fail("cannot read secret file " + path + ": no such file");
        } catch (AccessDeniedException denied) {
            throw node.fail("cannot read secret file " + path + ": permission denied");
        } catch (IOException unreadable) {
            throw node.fail("cannot read secret file " + path + " (" + unreadable.getClass().getSimpleName() + ")");
        }
    }
}
