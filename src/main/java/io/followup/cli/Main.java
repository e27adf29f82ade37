package io.followup.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the command line. Errors are one clear line on standard error and a non-zero exit: 2 for a usage error,
 * 1 for anything that failed.
 */
public final class Main {

    private Main() {
    }

    /** The jar's entry point: {@code java -jar followup.jar <command>}. */
    public static void main(String[] args) {
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // exit explicitly: pool and server threads must not keep a finished command alive. (During a shutdown
        // started by a signal this call waits for the shutdown hooks, which is what we want.)
        System.exit(run(args, out, err, System.getenv()));
    }

    /**
     * Runs {@code followup args...} and returns the exit code. A command that needs the embedded database while a
     * daemon holds it is run by that daemon (through its {@link CommandSocket}), its output copied to {@code out}
     * and {@code err}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        if (!environment.containsKey("FOLLOWUP_LOG_LEVEL") && !(args.length > 0 && args[0].equals("run"))) {
            Logging.quiet();
        }
        return execute(new CommandLine(FollowupCommand.class, factory(environment, null)), args, out, err,
                environment, true);
    }

    /**
     * Runs a command inside a running daemon for a client of its command socket: relative paths resolve against
     * the client's working directory and the database is the daemon's own. {@code run} and {@code demo} are
     * refused. Thread-safe.
     */
    static int runHosted(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
            ConfigOption.Host host) {
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("demo"))) {
            err.println("followup: a daemon is already running on " + host.dataDir());
            err.flush();
            return 1;
        }
        CommandLine commandLine = new CommandLine(FollowupCommand.class, factory(environment, host));
        commandLine.registerConverter(Path.class, value -> host.workingDirectory().resolve(value));
        commandLine.registerConverter(java.io.File.class,
                value -> host.workingDirectory().resolve(value).toFile());
        return execute(commandLine, args, out, err, environment, false);
    }

    private static int execute(CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err,
            Map<String, String> environment, boolean mayHandOver) {
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            List<String> unmatched = failed.getUnmatchedArguments();
            String message = unmatched.isEmpty() ? exception.getMessage()
                    : "Unknown option or argument: " + String.join(", ", unmatched.stream().map(a -> "'" + a + "'").toList());
            err.println("followup: " + message + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof DaemonRunning running) {
                if (mayHandOver) {
                    out.flush();
                    return CommandSocket.forward(running.channel(), args, Path.of("").toAbsolutePath(), out, err);
                }
                running.channel().close();
            }
            err.println("followup: " + oneLine(exception));
            err.flush();
            if (environment.containsKey("FOLLOWUP_DEBUG")) {
                exception.printStackTrace(err);
            }
            return 1;
        });
        commandLine.setExecutionStrategy(Main::refuseUnmatched);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * An unknown command or argument is a usage error even with {@code --help} (picocli skips that check when help is
     * requested and would print the parent's usage with exit 0).
     */
    private static int refuseUnmatched(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    static String oneLine(Throwable exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            message = exception.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** Hands the environment to the commands and the configuration host to the {@code --config} option. */
    private static CommandLine.IFactory factory(Map<String, String> environment, ConfigOption.Host host) {
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K created = fallback.create(type);
                if (created instanceof CliCommand command) {
                    command.environment = environment;
                }
                if (created instanceof ConfigOption option) {
                    option.host = host;
                }
                return created;
            }
        };
    }
}
