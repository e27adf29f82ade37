package io.followup.config.internal;

import io.followup.config.CapsConfig;
import io.followup.config.ImapConfig;
import io.followup.config.JunkFolder;
import io.followup.config.MailboxConfig;
import io.followup.config.Node;
import io.followup.config.OwnerConfig;
import io.followup.config.ProofConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.config.SentFolder;
import io.followup.config.SmtpConfig;
import io.followup.config.Values;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Reads and cross-checks the {@code owners} and {@code mailboxes} sections. Thread-safe if the
 * {@link SecretReader} is.
 */
public final class MailboxReader {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
    private static final int MAX_CAP = 100_000;

    private final SecretReader secrets;
    private final OAuthReader oauth;

    public MailboxReader(SecretReader secrets) {
        this.secrets = secrets;
        this.oauth = new OAuthReader(secrets);
    }

    /** The owners; at least one, emails unique (ignoring case). */
    public List<OwnerConfig> owners(Node root) {
        List<Node> items = root.require("owners", "a list of owners (name, email, time_zone)")
                .items("a list of owners (name, email, time_zone)");
        if (items.isEmpty()) {
            throw root.require("owners", "").fail("expected at least one owner");
        }
        List<OwnerConfig> owners = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node item : items) {
            item.mapping("an owner (name, email, time_zone)", "name", "email", "time_zone");
            String name = item.require("name", "the owner's name").nonBlank("the owner's name");
            Node emailNode = item.require("email", "the owner's email address");
            String email = Values.email(emailNode);
            String earlier = seen.putIfAbsent(email.toLowerCase(Locale.ROOT), item.path());
            if (earlier != null) {
                throw emailNode.fail("duplicate owner email \"" + email + "\" (already used by " + earlier + ")");
            }
            ZoneId zone = item.get("time_zone").map(Values::zone).orElse(ZoneOffset.UTC);
            owners.add(new OwnerConfig(name, email, zone));
        }
        return owners;
    }

    /** The mailboxes; at least one, names unique, owners among {@code owners}. */
    public List<MailboxConfig> mailboxes(Node root, List<OwnerConfig> owners) {
        List<Node> items = root.require("mailboxes", "a list of mailboxes").items("a list of mailboxes");
        if (items.isEmpty()) {
            throw root.require("mailboxes", "").fail("expected at least one mailbox");
        }
        List<MailboxConfig> mailboxes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node item : items) {
            item.mapping("a mailbox (name, address, smtp, imap...)",
                    "name", "address", "display_name", "owner", "time_zone", "smtp", "imap", "caps", "verp",
                    "bounce_address", "trusted_authserv_ids", "auth", "oauth2");
            Node nameNode = item.require("name", "the mailbox name");
            String name = nameNode.nonBlank("a mailbox name");
            String earlier = seen.putIfAbsent(name, item.path());
            if (earlier != null) {
                throw nameNode.fail("duplicate mailbox name \"" + name + "\" (already used by " + earlier + ")");
            }
            String address = Values.email(item.require("address", "the sender's email address"));
            OwnerConfig owner = item.get("owner").map(node -> owner(node, owners)).orElse(owners.get(0));
            String displayName = item.get("display_name").map(node -> node.text("a display name").strip())
                    .orElse(owner.name());
            ZoneId zone = item.get("time_zone").map(Values::zone).orElse(owner.timeZone());
            SmtpConfig smtp = smtp(item.require("smtp", "the SMTP settings (host, port, security...)"));
            ImapConfig imap = imap(item.require("imap", "the IMAP settings (host, port, security...)"), name);
            CapsConfig caps = item.get("caps").map(MailboxReader::caps).orElse(CapsConfig.DEFAULTS);
            mailboxes.add(new MailboxConfig(name, address, displayName, owner.email(), zone, smtp, imap, caps,
                    proof(item), oauth.read(item)));
        }
        return mailboxes;
    }

    private static OwnerConfig owner(Node node, List<OwnerConfig> owners) {
        String email = node.text("an owner's email").strip();
        return owners.stream()
                .filter(owner -> owner.email().equalsIgnoreCase(email))
                .findFirst()
                .orElseThrow(() -> node.expected("one of the owners' emails ("
                        + owners.stream().map(OwnerConfig::email).collect(Collectors.joining(", ")) + ")"));
    }

    /** {@code verp}, {@code bounce_address}, {@code trusted_authserv_ids} of a mailbox; see {@link ProofConfig}. */
    private static ProofConfig proof(Node mailbox) {
        boolean verp = mailbox.get("verp").map(Node::bool).orElse(false);
        String bounceAddress = mailbox.get("bounce_address").map(Values::email).orElse(null);
        List<String> authservIds = new ArrayList<>();
        for (Node id : mailbox.get("trusted_authserv_ids")
                .map(list -> list.items("a list of authserv-ids such as [mx.example.com]")).orElse(List.of())) {
            String text = id.nonBlank("an authserv-id (the first word of the receiving server's "
                    + "Authentication-Results header)");
            if (!text.matches("[A-Za-z0-9._-]+")) {
                throw id.expected("an authserv-id: a host name such as mx.example.com");
            }
            authservIds.add(text);
        }
        return new ProofConfig(verp, bounceAddress, authservIds);
    }

    private static CapsConfig caps(Node node) {
        node.mapping("the sending caps (per_day, per_hour, min_spacing, max_spacing)",
                "per_day", "per_hour", "min_spacing", "max_spacing");
        CapsConfig defaults = CapsConfig.DEFAULTS;
        int perDay = node.get("per_day").map(value -> Values.integer(value, 1, MAX_CAP, "a whole number 1-" + MAX_CAP))
                .orElse(defaults.perDay());
        Optional<Node> perHourNode = node.get("per_hour");
        int perHour = perHourNode.map(value -> Values.integer(value, 1, MAX_CAP, "a whole number 1-" + MAX_CAP))
                .orElse(Math.min(defaults.perHour(), perDay));
        if (perHour > perDay) {
            throw perHourNode.orElseThrow().fail("per_hour (" + perHour + ") must not exceed per_day (" + perDay + ")");
        }
        Duration minSpacing = node.get("min_spacing").map(MailboxReader::spacing).orElse(defaults.minSpacing());
        Optional<Node> maxNode = node.get("max_spacing");
        Duration maxSpacing = maxNode.map(MailboxReader::spacing).orElse(max(minSpacing, defaults.maxSpacing()));
        if (maxSpacing.compareTo(minSpacing) < 0) {
            throw maxNode.orElseThrow().fail("must not be less than min_spacing (" + minSpacing.toSeconds() + "s)");
        }
        return new CapsConfig(perDay, perHour, minSpacing, maxSpacing);
    }

    /** A spacing: {@code 0} or a positive duration. */
    private static Duration spacing(Node node) {
        String text = node.text("0 or a duration such as 20s or 1m").strip();
        return text.equals("0") || text.equals("0s") ? Duration.ZERO : Values.duration(node);
    }

    private static Duration max(Duration first, Duration second) {
        return first.compareTo(second) >= 0 ? first : second;
    }

    private SmtpConfig smtp(Node node) {
        node.mapping("the SMTP settings (host, port, security...)",
                "host", "port", "security", "username", "password", "timeout", "trust");
        Server server = server(node, "SMTP", Security.STARTTLS, Security::defaultSmtpPort);
        return new SmtpConfig(server.host(), server.port(), server.security(), server.username(), server.password(),
                node.get("timeout").map(Values::duration).orElse(DEFAULT_TIMEOUT),
                trust(node));
    }

    private ImapConfig imap(Node node, String mailbox) {
        node.mapping("the IMAP settings (host, port, security...)", "host", "port", "security", "username",
                "password", "folder", "folders", "junk", "idle", "poll_interval", "timeout", "trust", "sent_folder");
        Server server = server(node, "IMAP", Security.SSL, Security::defaultImapPort);
        return new ImapConfig(server.host(), server.port(), server.security(), server.username(), server.password(),
                FolderNames.folders(node, mailbox),
                node.get("idle").map(Node::bool).orElse(true),
                node.get("poll_interval").map(Values::duration).orElse(DEFAULT_POLL_INTERVAL),
                node.get("timeout").map(Values::duration).orElse(DEFAULT_TIMEOUT),
                trust(node),
                node.get("sent_folder").map(choice -> SentFolder.parse(choice.nonBlank(
                        "auto, none or a folder name such as Sent"))).orElse(SentFolder.AUTO),
                node.get("junk").map(junk -> FolderNames.junk(junk, mailbox)).orElse(JunkFolder.AUTO));
    }

    /** What the SMTP and IMAP settings share: where the server is and how to log in. */
    private record Server(String host, int port, Security security, String username, Secret password) {
    }

    private Server server(Node node, String protocol, Security defaultSecurity,
                          ToIntFunction<Security> defaultPort) {
        Security security = node.get("security").map(Values::security).orElse(defaultSecurity);
        return new Server(node.require("host", "the " + protocol + " server host name").nonBlank("a host name"),
                node.get("port").map(Values::port).orElse(defaultPort.applyAsInt(security)), security,
                username(node), node.get("password").map(secrets::read).orElse(Secret.NONE));
    }

    private static String username(Node node) {
        return node.get("username").map(user -> user.text("a user name").strip())
                .filter(user -> !user.isEmpty()).orElse(null);
    }

    private static String trust(Node node) {
        return node.get("trust").map(trust -> trust.text("host names separated by spaces, or \"*\"").strip())
                .orElse("");
    }
}
