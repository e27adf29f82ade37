package io.followup.config;

import io.followup.inbound.text.IntentRules;
import io.followup.sequence.timing.BusinessCalendar;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The validated configuration file, loaded once at start-up by {@link ConfigLoader} (or built
 * in code by the demo and tests) and passed down by constructor. Cross-references (mailbox
 * owners) are checked by the loader, not here. The sequence files of {@code sequencesDir} are not
 * part of it: {@code sequence.SequenceLoader} reads them against it. Immutable and thread-safe.
 *
 * @param source       the file it was loaded from, or null for a configuration built in code
 * @param nodeId       identifies this daemon in a cluster
 * @param dataDir      embedded database and local state
 * @param templatesDir the Velocity templates
 * @param sequencesDir the sequence files
 * @param database     the database, or null for the embedded H2 database under {@code dataDir}
 * @param owners       at least one owner
 * @param mailboxes    at least one mailbox, names unique
 * @param scheduler    the Quartz scheduler settings
 * @param web          where the HTTP endpoint listens
 * @param unsubscribe  unsubscribe links and their signing secret
 * @param keepInTouch  keep-in-touch check-ins (defaults when null)
 * @param introductions thank-you drafts to introducers (defaults when null)
 * @param approval     the contact tiers whose drafts wait for approval
 * @param calendars    the business calendars by name; always includes {@code default}
 * @param intents      the phrases that decide a reply's intent (the built-in ones when null)
 * @param digest       when the weekly digest is sent (defaults when null)
 * @param metrics      the bearer token of {@code /metrics} (off when null)
 * @param retention    how long inbound bodies and events are kept (defaults when null)
 */
public record AppConfig(Path source, String nodeId, Path dataDir, Path templatesDir, Path sequencesDir,
        DatabaseConfig database, List<OwnerConfig> owners, List<MailboxConfig> mailboxes,
        SchedulerConfig scheduler, WebConfig web,
        UnsubscribeConfig unsubscribe, KeepInTouchConfig keepInTouch, IntroductionsConfig introductions,
        ApprovalConfig approval, Map<String, BusinessCalendar> calendars, IntentRules intents,
        DigestConfig digest, MetricsConfig metrics, RetentionConfig retention) {

    public AppConfig {
        metrics = metrics == null ? MetricsConfig.OFF : metrics;
        retention = retention == null ? RetentionConfig.DEFAULTS : retention;
        digest = digest == null ? DigestConfig.defaults() : digest;
        web = web == null ? WebConfig.defaults() : web;
        unsubscribe = unsubscribe == null ? UnsubscribeConfig.defaults() : unsubscribe;
        approval = approval == null ? ApprovalConfig.NONE : approval;
        owners = List.copyOf(owners);
        mailboxes = List.copyOf(mailboxes);
        scheduler = scheduler == null ? SchedulerConfig.defaults() : scheduler;
        keepInTouch = keepInTouch == null ? KeepInTouchConfig.defaults() : keepInTouch;
        introductions = introductions == null ? IntroductionsConfig.defaults() : introductions;
        Map<String, BusinessCalendar> all = new LinkedHashMap<>(calendars == null ? Map.of() : calendars);
        all.putIfAbsent(BusinessCalendar.DEFAULT_NAME, BusinessCalendar.weekendsOnly(BusinessCalendar.DEFAULT_NAME));
        calendars = Collections.unmodifiableMap(all);
        intents = intents == null ? IntentRules.builtIn() : intents;
    }

    /**
     * A configuration built in code (tests, the demo): the web endpoint listens on any free loopback port (see
     * {@code Daemon.webPort()}), unsubscribe links use the default base URL and a generated key, only the
     * {@code default} calendar (Saturday and Sunday off), and the other optional sections have their defaults.
     */
    public AppConfig(Path source, String nodeId, Path dataDir, Path templatesDir, Path sequencesDir,
                     DatabaseConfig database, List<OwnerConfig> owners, List<MailboxConfig> mailboxes,
                     SchedulerConfig scheduler) {
        this(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes, scheduler,
                new WebConfig("127.0.0.1", 0), null, null, null, null, Map.of(), null, null, null, null);
    }

    /** This configuration with other mailboxes (tests). */
    public AppConfig withMailboxes(List<MailboxConfig> newMailboxes) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, newMailboxes,
                scheduler, web, unsubscribe, keepInTouch, introductions, approval, calendars, intents, digest, metrics,
                retention);
    }

    /** This configuration as another node of a cluster: another node id and scheduler (tests). */
    public AppConfig withNode(String newNodeId, SchedulerConfig newScheduler) {
        return new AppConfig(source, newNodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                newScheduler, web, unsubscribe, keepInTouch, introductions, approval, calendars, intents, digest,
                metrics, retention);
    }

    /** This configuration with other web and unsubscribe settings (tests, the demo). */
    public AppConfig withWeb(WebConfig newWeb, UnsubscribeConfig newUnsubscribe) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, newWeb, newUnsubscribe, keepInTouch, introductions, approval, calendars, intents, digest,
                metrics, retention);
    }

    /** This configuration with other keep-in-touch and introductions settings (tests). */
    public AppConfig withFollowUps(KeepInTouchConfig newKeepInTouch, IntroductionsConfig newIntroductions) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, web, unsubscribe, newKeepInTouch, newIntroductions, approval, calendars, intents, digest,
                metrics, retention);
    }

    /** This configuration with other approval settings (tests). */
    public AppConfig withApproval(ApprovalConfig newApproval) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, web, unsubscribe, keepInTouch, introductions, newApproval, calendars, intents,
                digest, metrics, retention);
    }

    /** This configuration with other intent phrases (tests). */
    public AppConfig withIntents(IntentRules newIntents) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, web, unsubscribe, keepInTouch, introductions, approval, calendars, newIntents,
                digest, metrics, retention);
    }

    /** This configuration with other business calendars (tests). */
    public AppConfig withCalendars(Map<String, BusinessCalendar> newCalendars) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, web, unsubscribe, keepInTouch, introductions, approval, newCalendars, intents,
                digest, metrics, retention);
    }

    /** This configuration with another digest schedule. */
    public AppConfig withDigest(DigestConfig newDigest) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, web, unsubscribe, keepInTouch, introductions, approval, calendars, intents,
                newDigest, metrics, retention);
    }

    /** This configuration with other metrics and retention settings (tests). */
    public AppConfig withOperations(MetricsConfig newMetrics, RetentionConfig newRetention) {
        return new AppConfig(source, nodeId, dataDir, templatesDir, sequencesDir, database, owners, mailboxes,
                scheduler, web, unsubscribe, keepInTouch, introductions, approval, calendars, intents,
                digest, newMetrics, newRetention);
    }

    /**
     * Resolves every configured secret now (database, SMTP and IMAP passwords, the unsubscribe key), so that the
     * daemon stops at start-up naming a missing variable or file instead of failing at its first connection.
     * Commands that open no connection never call it: they need no secret set.
     *
     * @throws ConfigException naming the key and the variable or file of the first secret that cannot be read
     */
    public void resolveSecrets() {
        if (database != null) {
            database.password().reveal();
        }
        for (MailboxConfig mailbox : mailboxes) {
            mailbox.smtp().password().reveal();
            if (mailbox.imap() != null) {
                mailbox.imap().password().reveal();
            }
        }
        unsubscribe.secret().reveal();
        metrics.token().reveal();
    }

    /**
     * The mailbox called {@code name}.
     *
     * @throws ConfigException when no mailbox has that name
     */
    public MailboxConfig mailbox(String name) {
        return mailboxes.stream()
                .filter(mailbox -> mailbox.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ConfigException("unknown mailbox \"" + name + "\"; configured: "
                        + mailboxes.stream().map(MailboxConfig::name).collect(Collectors.joining(", "))));
    }

    /** The owner whose email is {@code email} (ignoring case), if configured. */
    public Optional<OwnerConfig> owner(String email) {
        return owners.stream().filter(owner -> owner.email().equalsIgnoreCase(email)).findFirst();
    }
}
