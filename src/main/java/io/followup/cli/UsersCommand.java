package io.followup.cli;

import io.followup.web.Passwords;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code followup users add NAME}: hashes a web UI password (bcrypt) and prints the YAML line to paste. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Web UI users.",
        subcommands = UsersCommand.Add.class)
public final class UsersCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Read a password (typed twice on a terminal, else one line from standard input), hash it "
                    + "with bcrypt and print the line to paste under web: users: in the configuration. Nothing is "
                    + "written anywhere.")
    static final class Add implements Callable<Integer> {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
        private static final int MIN_LENGTH = 10;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The login name (letters, digits, '.', '_', '-').")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from standard input (one line), "
                + "even on a terminal.")
        boolean passwordStdin;

        private final InputStream input;

        Add() {
            this(System.in);
        }

        Add(InputStream input) {
            this.input = input;
        }

        @Override
        public Integer call() throws IOException {
            if (!NAME.matcher(name).matches()) {
                throw new ParameterException(spec.commandLine(),
                        "NAME: expected letters, digits, '.', '_' or '-' (at most 64), got \"" + name + "\"");
            }
            char[] password = read();
            try {
                if (password.length < MIN_LENGTH) {
                    throw new ParameterException(spec.commandLine(),
                            "the password must be at least " + MIN_LENGTH + " characters long");
                }
                if (Passwords.tooLong(password)) {
                    throw new ParameterException(spec.commandLine(),
                            "the password must be at most " + Passwords.MAX_BYTES + " bytes long (UTF-8; bcrypt's limit)");
                }
                String hash = new Passwords().hash(password);
                PrintWriter out = spec.commandLine().getOut();
                out.println("# paste under web: users: in followup.yaml");
                out.println("    - {name: " + name + ", password_hash: \"" + hash + "\"}");
                out.flush();
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] read() throws IOException {
            Console console = System.console();
            if (!passwordStdin && console != null && input == System.in) {
                char[] first = console.readPassword("Password for %s: ", name);
                char[] second = console.readPassword("Again: ");
                if (first == null || second == null || !Arrays.equals(first, second)) {
                    throw new ParameterException(spec.commandLine(), "the passwords differ");
                }
                Arrays.fill(second, '\0');
                return first;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null) {
                throw new ParameterException(spec.commandLine(), "no password on standard input");
            }
            return line.toCharArray();
        }
    }
}
