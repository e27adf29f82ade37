package io.followup.config;

import io.followup.config.internal.IntentsReader;
import io.followup.config.internal.CalendarReader;
import io.followup.config.internal.MailboxReader;
import io.followup.config.internal.SecretReader;
import io.followup.config.internal.WebReader;
import io.followup.sequence.timing.BusinessCalendar;
import java.net.InetAddress;
import java.net.UnknownHostException;
import io.followup.inbound.text.IntentRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code config/followup.yaml}, validates it and returns an {@link AppConfig}; the sequence
 * files of its {@code sequences_dir} (which must exist) are read against it by {@code sequence.SequenceLoader}.
 * Any problem is a {@link ConfigException} with one line naming the file, line, key path and what
 * was expected; secrets never appear in messages or logs. Thread-safe: each {@link #load} call is independent.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String[] ROOT_KEYS = {"node_id", "data_dir", "templates_dir", "sequences_dir", "database",
        "owners", "mailboxes", "scheduler", "web", "unsubscribe", "keep_in_touch", "introductions", "approval",
        "calendars", "intents", "digest", "metrics", "retention"};

    private final Path baseDir;
    private final Map<String, String> environment;
    private final YamlReader yaml = new YamlReader();

    /**
     * @param baseDir     relative paths in the file ({@code data_dir}, secret files...) resolve
     *                    against it: the working directory for {@code run}
     * @param environment the environment variables secrets may name ({@code System.getenv()})
     */
    public ConfigLoader(Path baseDir, Map<String, String> environment) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
    }

    /**
     * Loads and validates {@code file} (relative to the base directory when relative).
     *
     * @throws ConfigException with a one-line message on the first problem found
     */
    public AppConfig load(Path file) {
        Path path = baseDir.resolve(file).normalize();
        Source source = Source.of(path, baseDir);
        Node root = Node.root(source, yaml.read(path, source));
        root.mapping("a mapping of settings (owners, mailboxes...)", ROOT_KEYS);

        String nodeId = root.get("node_id").map(node -> node.nonBlank("a node id")).orElseGet(this::hostName);
        Path dataDir = directory(root, "data_dir", "./data");
        Path templatesDir = directory(root, "templates_dir", "templates");
        Path sequencesDir = directory(root, "sequences_dir", "config/sequences");
        SecretReader secrets = new SecretReader(environment, baseDir);
        DatabaseConfig database = root.get("database").map(node -> database(node, secrets)).orElse(null);
        MailboxReader mailboxReader = new MailboxReader(secrets);
        List<OwnerConfig> owners = mailboxReader.owners(root);
        List<MailboxConfig> mailboxes = mailboxReader.mailboxes(root, owners);
        SchedulerConfig scheduler = root.get("scheduler").map(node -> scheduler(node, database))
                .orElse(SchedulerConfig.defaults());
        WebReader webReader = new WebReader(secrets);
        WebConfig web = root.get("web").map(webReader::web).orElse(WebConfig.defaults());
        UnsubscribeConfig unsubscribe = root.get("unsubscribe").map(webReader::unsubscribe)
                .orElse(UnsubscribeConfig.defaults());
        ApprovalConfig approval = root.get("approval").map(ConfigLoader::approval).orElse(ApprovalConfig.NONE);
        Map<String, BusinessCalendar> calendars = new CalendarReader().calendars(root);
        IntentRules intents = root.get("intents").map(new IntentsReader()::intents).orElse(IntentRules.builtIn());

        if (!Files.isDirectory(sequencesDir)) {
            Optional<Node> key = root.get("sequences_dir");
            throw source.error(key.map(Node::line).orElse(0), "sequences_dir",
                    "directory not found: " + sequencesDir);
        }
        LOG.info("Loaded configuration {}: node {}, {} owner(s), {} mailbox(es), {} database",
                source.displayName(), nodeId, owners.size(), mailboxes.size(),
                database == null ? "embedded" : "external");
        FollowUpDraftsReader drafts = new FollowUpDraftsReader(templatesDir, baseDir);
        KeepInTouchConfig keepInTouch = root.get("keep_in_touch").map(drafts::keepInTouch)
                .orElse(KeepInTouchConfig.defaults());
        IntroductionsConfig introductions = root.get("introductions").map(drafts::introductions)
                .orElse(IntroductionsConfig.defaults());
        return new AppConfig(path, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, web, unsubscribe, keepInTouch, introductions, approval, calendars, intents,
                root.get("digest").map(ConfigLoader::digest).orElse(DigestConfig.defaults()),
                root.get("metrics").map(node -> metrics(node, secrets)).orElse(MetricsConfig.OFF),
                root.get("retention").map(ConfigLoader::retention).orElse(RetentionConfig.DEFAULTS));
    }

    /** {@code metrics: {token: {env: FOLLOWUP_METRICS_TOKEN}}}. */
    private static MetricsConfig metrics(Node node, SecretReader secrets) {
        node.mapping("the metrics settings (token)", "token");
        Node token = node.require("token", "the bearer token a scraper sends");
        return new MetricsConfig(secrets.read(token, value -> {
            if (value.length() < 16) {
                throw token.fail("the token must be at least 16 characters long");
            }
        }));
    }

    /** {@code retention: {inbound_bodies: 90d, events: 2y}}. */
    private static RetentionConfig retention(Node node) {
        node.mapping("the retention settings (inbound_bodies, events)", "inbound_bodies", "events");
        return new RetentionConfig(node.get("inbound_bodies").map(Values::duration).orElse(null),
                node.get("events").map(Values::duration).orElse(null));
    }

    private static DigestConfig digest(Node node) {
        node.mapping("the digest settings (day, time, enabled)", "day", "time", "enabled");
        DigestConfig defaults = DigestConfig.defaults();
        java.time.DayOfWeek day = node.get("day").map(dayNode -> {
            String text = dayNode.nonBlank("a weekday such as monday").toUpperCase(java.util.Locale.ROOT);
            try {
                return java.time.DayOfWeek.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw dayNode.expected("a weekday such as monday");
            }
        }).orElse(defaults.day());
        java.time.LocalTime time = node.get("time").map(timeNode -> {
            String text = timeNode.nonBlank("a time such as \"08:00\"");
            try {
                return java.time.LocalTime.parse(text.length() == 4 ? "0" + text : text);
            } catch (java.time.format.DateTimeParseException e) {
                throw timeNode.expected("a time such as \"08:00\"");
            }
        }).orElse(defaults.time());
        boolean enabled = node.get("enabled").map(Node::bool).orElse(defaults.enabled());
        return new DigestConfig(day, time, enabled);
    }

    private static ApprovalConfig approval(Node node) {
        node.mapping("the approval settings (tiers)", "tiers");
        Set<Integer> tiers = new java.util.TreeSet<>();
        for (Node tier : node.get("tiers").map(list -> list.items("a list of contact tiers such as [1, 2]"))
                .orElse(List.of())) {
            tiers.add(Values.integer(tier, 1, 5, "a contact tier 1-5"));
        }
        return new ApprovalConfig(tiers);
    }

    private Path directory(Node root, String key, String fallback) {
        String text = root.get(key).map(node -> node.nonBlank("a directory path")).orElse(fallback);
        return baseDir.resolve(text).normalize();
    }

    private static DatabaseConfig database(Node node, SecretReader secrets) {
        node.mapping("the database settings (url, user, password, pool_size)", "url", "user", "password",
                "pool_size");
        Node urlNode = node.require("url", "a JDBC URL starting with jdbc:mariadb: or jdbc:h2:");
        String url = urlNode.text("a JDBC URL starting with jdbc:mariadb: or jdbc:h2:").strip();
        if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:h2:")) {
            throw urlNode.expectedHidden("a JDBC URL starting with jdbc:mariadb: or jdbc:h2:");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw urlNode.fail("the URL must not contain the password; use database.password");
        }
        return new DatabaseConfig(url,
                node.get("user").map(user -> user.text("a database user name").strip()).orElse(null),
                node.get("password").map(secrets::read).orElse(Secret.NONE),
                node.get("pool_size").map(size -> Values.integer(size, 1, 100, "a pool size 1-100"))
                        .orElse(DatabaseConfig.DEFAULT_POOL_SIZE));
    }

    private static SchedulerConfig scheduler(Node node, DatabaseConfig database) {
        node.mapping("the scheduler settings (name, clustered, dispatch_interval, outbox_interval)",
                "name", "clustered", "dispatch_interval", "outbox_interval");
        SchedulerConfig defaults = SchedulerConfig.defaults();
        Optional<Node> clusteredNode = node.get("clustered");
        boolean clustered = clusteredNode.map(Node::bool).orElse(false);
        if (clustered && (database == null || !database.url().startsWith("jdbc:mariadb:"))) {
            throw clusteredNode.get().fail("a clustered scheduler needs a shared MariaDB database (database.url jdbc:mariadb:...)");
        }
        return new SchedulerConfig(
                node.get("name").map(name -> name.nonBlank("a scheduler name")).orElse(defaults.name()),
                clustered,
                node.get("dispatch_interval").map(Values::duration).orElse(defaults.dispatchInterval()),
                node.get("outbox_interval").map(Values::duration).orElse(defaults.outboxInterval()));
    }

    private String hostName() {
        for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
            String name = environment.get(variable);
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            LOG.warn("Cannot determine the host name; node_id defaults to \"localhost\"");
            return "localhost";
        }
    }
}
