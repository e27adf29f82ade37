package io.followup.testing;

import io.followup.app.Daemon;
import io.followup.cli.Main;
import io.followup.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A folder to run followup's command line against in the test's thread, as {@code followup COMMAND --config FILE}
 * would: {@code config/followup.yaml} (node "cli-test", owner and mailbox owner@example.org, the embedded database
 * under {@code data/}, mail servers on ports nothing listens on), the "intro" templates of {@link TestConfigs} and a
 * sequence file {@code config/sequences/intro.yaml}. Immutable.
 */
public final class CliFolder {

    /** What a command did: its exit code and what it printed. */
    public record Result(int code, String out, String err) {
    }

    /** The sequence "intro" with its first step only, at once. */
    public static final String ONE_STEP = """
            name: intro
            steps:
              - template: intro/first
                wait: 0
            """;

    private final Path base;
    private final Path config;

    private CliFolder(Path base, Path config) {
        this.base = base;
        this.config = config;
    }

    /**
     * Writes the folder under {@code base}: the sequence "intro" from {@code sequenceYaml}, the owner in
     * {@code ownerTimeZone} (null: none given), and {@code moreYaml} appended to the configuration.
     */
    public static CliFolder write(Path base, String sequenceYaml, String ownerTimeZone, String moreYaml) {
        TestConfigs.writeTemplates(base.resolve("templates"));
        TestConfigs.write(base.resolve("config/sequences/intro.yaml"), sequenceYaml);
        Path config = base.resolve("config/followup.yaml");
        TestConfigs.write(config, """
                node_id: cli-test
                data_dir: %s
                templates_dir: %s
                sequences_dir: %s
                owners:
                  - name: Olivia Owner
                    email: owner@example.org
                %smailboxes:
                  - name: main
                    address: owner@example.org
                    smtp:
                      host: 127.0.0.1
                      port: 2525
                      security: plain
                    imap:
                      host: 127.0.0.1
                      port: 2143
                      security: plain
                """.formatted(base.resolve("data"), base.resolve("templates"), base.resolve("config/sequences"),
                ownerTimeZone == null ? "" : "    time_zone: " + ownerTimeZone + "\n") + moreYaml);
        return new CliFolder(base, config);
    }

    public Path config() {
        return config;
    }

    /** Runs {@code followup ARGS --config config/followup.yaml} with HOSTNAME=test in the environment. */
    public Result run(String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(withConfig, new PrintWriter(out), new PrintWriter(err), Map.of("HOSTNAME", "test"));
        return new Result(code, out.toString(), err.toString());
    }

    /** A daemon opened on this configuration and the system clock (not started); the caller closes it. */
    public Daemon openDaemon() {
        return Daemon.open(new ConfigLoader(base, Map.of()).load(config), Clock.systemUTC());
    }
}
