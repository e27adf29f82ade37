package io.followup.config.internal;

import io.followup.config.Node;
import io.followup.config.Secret;
import io.followup.config.UnsubscribeConfig;
import io.followup.config.UnsubscribeMode;
import io.followup.config.Values;
import io.followup.config.WebConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code web} and {@code unsubscribe} sections. Thread-safe. */
public final class WebReader {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern LISTEN = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");
    private static final String LISTEN_EXPECTATION = "HOST:PORT such as 127.0.0.1:8080 (port 0 = any free port)";
    private static final String URL_EXPECTATION = "an http:// or https:// URL such as https://followup.example.com";

    private final SecretReader secrets;

    public WebReader(SecretReader secrets) {
        this.secrets = secrets;
    }

    /**
     * {@code web: {listen: "127.0.0.1:8080", users: [{name: ada, password_hash: "$2a$..."}], session_timeout: 8h,
     * base_url: URL}}.
     */
    public WebConfig web(Node node) {
        node.mapping("the web settings (listen, users, session_timeout, base_url)", "listen", "users",
                "session_timeout", "base_url");
        WebConfig listen = node.get("listen").map(WebReader::listen).orElse(WebConfig.defaults());
        List<WebConfig.WebUser> users = new ArrayList<>();
        node.get("users").ifPresent(list -> list.items("a list of users (name, password_hash)")
                .forEach(item -> users.add(user(item, users))));
        return new WebConfig(listen.host(), listen.port(), users,
                node.get("session_timeout").map(Values::duration).orElse(null),
                node.get("base_url").map(WebReader::baseUrl).orElse(null));
    }

    private static WebConfig.WebUser user(Node node, List<WebConfig.WebUser> earlier) {
        node.mapping("a user (name, password_hash)", "name", "password_hash");
        Node nameNode = node.require("name", "a login name");
        String name = nameNode.nonBlank("a login name");
        if (!USER_NAME.matcher(name).matches()) {
            throw nameNode.expected("a login name of letters, digits, '.', '_' or '-'");
        }
        if (earlier.stream().anyMatch(user -> user.name().equals(name))) {
            throw nameNode.fail("the user " + name + " is listed twice");
        }
        Node hashNode = node.require("password_hash", "a bcrypt hash made by 'followup users add'");
        String hash = hashNode.nonBlank("a bcrypt hash made by 'followup users add'");
        if (!BCRYPT.matcher(hash).matches()) {
            throw hashNode.expectedHidden("a bcrypt hash ($2a$...) made by 'followup users add'");
        }
        return new WebConfig.WebUser(name, hash);
    }

    private static WebConfig listen(Node node) {
        Matcher matcher = LISTEN.matcher(node.nonBlank(LISTEN_EXPECTATION));
        if (!matcher.matches()) {
            throw node.expected(LISTEN_EXPECTATION);
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port > 65535) {
            throw node.expected(LISTEN_EXPECTATION);
        }
        String host = matcher.group(1);
        return new WebConfig(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
    }

    /** {@code unsubscribe: {secret: {env: NAME}, base_url: URL, mailto: ADDRESS, default: header|link|none}}. */
    public UnsubscribeConfig unsubscribe(Node node) {
        node.mapping("the unsubscribe settings (secret, base_url, mailto, default)", "secret", "base_url", "mailto",
                "default");
        UnsubscribeConfig defaults = UnsubscribeConfig.defaults();
        Secret secret = node.get("secret").map(secretNode -> secrets.read(secretNode, value -> {
            if (value.length() < 16) {
                throw secretNode.fail("the secret must be at least 16 characters long");
            }
        })).orElse(Secret.NONE);
        return new UnsubscribeConfig(secret,
                node.get("base_url").map(WebReader::baseUrl).orElse(defaults.baseUrl()),
                node.get("mailto").map(Values::email).orElse(null),
                node.get("default").map(mode -> Values.constant(mode, UnsubscribeMode.class, "header, link or none"))
                        .orElse(UnsubscribeMode.DEFAULT));
    }

    private static String baseUrl(Node node) {
        String text = node.nonBlank(URL_EXPECTATION);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw node.expected(URL_EXPECTATION);
            }
        } catch (URISyntaxException invalid) {
            throw node.expected(URL_EXPECTATION);
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
