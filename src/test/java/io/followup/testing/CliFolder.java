package io.followup.testing;

import io.followup.app.Daemon;
import io.followup.cli.Main;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A folder to run followup's command line against in the test's thread, as {@code followup COMMAND --config FILE}
 * would: {@code config/followup.yaml} (node "cli-test", one owner and mailbox, by default owner@example.org, the
 * embedded database under {@code data/} or a {@link TestDatabase}, mail servers on ports nothing listens on or a
 * {@link TestMail}), the "intro" templates of {@link TestConfigs} and a sequence file
 * {@code config/sequences/intro.yaml}. Written by {@link #at(Path)}'s builder or {@link #write}. Immutable.
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

    /** The sequence "intro": its first step at once, the second two days later, any day and hour, no jitter. */
    public static final String TWO_STEPS = """
            name: intro
            send_window: {days: mon-sun, start: "00:00", end: "24:00"}
            jitter: false
            steps:
              - template: intro/first
                wait: 0
              - template: intro/second
                wait: 2 days
            """;

    /** The sequence "intro" with the three steps of {@link TestConfigs#introSequence()}: at once, then two days apart. */
    public static final String THREE_STEPS = """
            name: intro
            steps:
              - template: intro/first
                wait: 0
              - template: intro/second
                wait: 2 days
              - template: intro/third
                wait: 2 days
            """;

    /** The environment variable that holds the mailbox's password when the folder is written for a {@link TestMail}. */
    public static final String PASSWORD_VARIABLE = "FOLLOWUP_TEST_MAIL_PASSWORD";

    private final Path base;
    private final Path config;
    private final Map<String, String> environment;

    private CliFolder(Path base, Path config, Map<String, String> environment) {
        this.base = base;
        this.config = config;
        this.environment = environment;
    }

    /**
     * Writes the folder under {@code base}: the sequence "intro" from {@code sequenceYaml}, the owner in
     * {@code ownerTimeZone} (null: none given), and {@code moreYaml} appended to the configuration.
     */
    public static CliFolder write(Path base, String sequenceYaml, String ownerTimeZone, String moreYaml) {
        return at(base).sequence(sequenceYaml).ownerTimeZone(ownerTimeZone).more(moreYaml).write();
    }

    /** A builder of the folder under {@code base}: the sequence {@link #ONE_STEP}, the defaults above. */
    public static Builder at(Path base) {
        return new Builder(base);
    }

    /** What the folder is written with; each setter replaces the default. Not thread-safe. */
    public static final class Builder {

        private final Path base;
        private String sequenceYaml = ONE_STEP;
        private boolean approval;
        private String ownerTimeZone;
        private String owner = "owner@example.org";
        private TestDatabase database;
        private TestMail mail;
        private String moreYaml = "";
        private final Map<String, String> environment = new HashMap<>(Map.of("HOSTNAME", "test"));

        private Builder(Path base) {
            this.base = base;
        }

        /** The sequence file "intro". */
        public Builder sequence(String yaml) {
            this.sequenceYaml = yaml;
            return this;
        }

        /** The sequence's drafts wait for the owner's approval. */
        public Builder approval() {
            this.approval = true;
            return this;
        }

        /** The owner's time zone (null: none given). */
        public Builder ownerTimeZone(String zone) {
            this.ownerTimeZone = zone;
            return this;
        }

        /** The address of the owner and of the mailbox. */
        public Builder owner(String address) {
            this.owner = address;
            return this;
        }

        /** The database instead of the embedded one; the caller closes it. */
        public Builder database(TestDatabase testDatabase) {
            this.database = testDatabase;
            return this;
        }

        /**
         * The mail servers: the mailbox is {@link TestMail#OWNER} on its SMTP and IMAP ports, its password read from
         * {@link #PASSWORD_VARIABLE}, which the folder's environment holds.
         */
        public Builder mail(TestMail testMail) {
            this.mail = testMail;
            this.owner = TestMail.OWNER;
            this.environment.put(PASSWORD_VARIABLE, TestMail.OWNER_PASSWORD);
            return this;
        }

        /** An environment variable that commands and the configuration see (HOSTNAME is "test" by default). */
        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /** YAML appended to the configuration. */
        public Builder more(String yaml) {
            this.moreYaml = yaml;
            return this;
        }

        /** Writes the templates, the sequence and the configuration. */
        public CliFolder write() {
            TestConfigs.writeTemplates(base.resolve("templates"));
            TestConfigs.write(base.resolve("config/sequences/intro.yaml"),
                    sequenceYaml + (approval ? "approval: true\n" : ""));
            String login = mail == null ? "" : ", username: " + TestMail.OWNER + ", password: {env: "
                    + PASSWORD_VARIABLE + "}";
            Path config = base.resolve("config/followup.yaml");
            TestConfigs.write(config, """
                    node_id: cli-test
                    data_dir: %s
                    templates_dir: %s
                    sequences_dir: %s
                    %sowners:
                      - name: Olivia Owner
                        email: %s
                    %smailboxes:
                      - name: main
                        address: %s
                        smtp: {host: 127.0.0.1, port: %d, security: plain%s}
                        imap: {host: 127.0.0.1, port: %d, security: plain%s}
                    """.formatted(base.resolve("data"), base.resolve("templates"), base.resolve("config/sequences"),
                    database == null ? "" : TestConfigs.databaseYaml(database.url()), owner,
                    ownerTimeZone == null ? "" : "    time_zone: " + ownerTimeZone + "\n", owner,
                    mail == null ? 2525 : mail.smtpPort(), login, mail == null ? 2143 : mail.imapPort(), login)
                    + moreYaml);
            return new CliFolder(base, config, Map.copyOf(environment));
        }
    }

    public Path config() {
        return config;
    }

    /** The environment commands run with and the configuration is read with. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Runs {@code followup ARGS --config config/followup.yaml} with the folder's environment. */
    public Result run(String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(withConfig, new PrintWriter(out), new PrintWriter(err), environment);
        return new Result(code, out.toString(), err.toString());
    }

    /** The configuration, loaded as the daemon loads it. */
    public AppConfig load() {
        return new ConfigLoader(base, environment).load(config);
    }

    /** A daemon opened on this configuration and the system clock (not started); the caller closes it. */
    public Daemon openDaemon() {
        return openDaemon(Clock.systemUTC());
    }

    /** A daemon opened on this configuration and {@code clock} (not started); the caller closes it. */
    public Daemon openDaemon(Clock clock) {
        AppConfig loaded = load();
        return Daemon.open(loaded, SequenceLoader.load(loaded, base), clock);
    }
}
