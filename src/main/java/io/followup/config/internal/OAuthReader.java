package io.followup.config.internal;

import io.followup.config.Node;
import io.followup.config.OAuthConfig;
import io.followup.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a mailbox's {@code auth} and {@code oauth2} keys. {@code auth: password} (the default) means no OAuth2;
 * {@code auth: oauth2} requires an {@code oauth2} section whose {@code provider} ({@code google}, {@code microsoft})
 * fills in the endpoints and scopes, or {@code custom} with both endpoints given. Endpoints must be https; plain
 * http is accepted for a loopback host only (a test authorization server). Thread-safe if the {@link SecretReader}
 * is.
 */
final class OAuthReader {

    static final String DEFAULT_KEY_VARIABLE = "FOLLOWUP_TOKEN_KEY";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private static final java.util.regex.Pattern TENANT = java.util.regex.Pattern.compile("[A-Za-z0-9.-]{1,100}");

    private final SecretReader secrets;

    OAuthReader(SecretReader secrets) {
        this.secrets = secrets;
    }

    /** The OAuth2 settings of {@code mailbox}, or null when it logs in with passwords. */
    OAuthConfig read(Node mailbox) {
        String auth = mailbox.get("auth").map(node -> node.nonBlank("password or oauth2").toLowerCase(Locale.ROOT))
                .orElse("password");
        if (auth.equals("password")) {
            mailbox.get("oauth2").ifPresent(section -> {
                throw section.fail("is set but auth is password; set auth: oauth2 to use it");
            });
            return null;
        }
        if (!auth.equals("oauth2")) {
            throw mailbox.require("auth", "").expected("password or oauth2");
        }
        Node node = mailbox.require("oauth2", "the OAuth2 settings (provider, client_id, client_secret...)")
                .mapping("the OAuth2 settings (provider, client_id, client_secret...)", "provider", "tenant",
                        "client_id", "client_secret", "authorization_endpoint", "token_endpoint", "scopes",
                        "redirect_host", "token_key");
        String provider = node.get("provider").map(value -> value.nonBlank("google, microsoft or custom")
                .toLowerCase(Locale.ROOT)).orElse("custom");
        Preset preset = switch (provider) {
            case "google" -> Preset.GOOGLE;
            case "microsoft" -> Preset.microsoft(node.get("tenant").map(OAuthReader::tenant).orElse("common"));
            case "custom" -> Preset.NONE;
            default -> throw node.require("provider", "").expected("google, microsoft or custom");
        };
        if (!provider.equals("microsoft")) {
            node.get("tenant").ifPresent(tenant -> {
                throw tenant.fail("is only used with provider: microsoft");
            });
        }
        URI authorization = node.get("authorization_endpoint").map(OAuthReader::endpoint)
                .orElseGet(() -> preset.authorization(node, "authorization_endpoint"));
        URI token = node.get("token_endpoint").map(OAuthReader::endpoint)
                .orElseGet(() -> preset.token(node, "token_endpoint"));
        List<String> scopes = node.get("scopes").map(OAuthReader::scopes).orElse(preset.scopes());
        if (scopes.isEmpty()) {
            throw node.require("scopes", "the scopes to ask for, e.g. [https://mail.google.com/]")
                    .fail("expected at least one scope");
        }
        String redirectHost = node.get("redirect_host").map(host -> host.nonBlank("127.0.0.1 or localhost"))
                .orElse(preset.redirectHost());
        if (!redirectHost.equals("127.0.0.1") && !redirectHost.equals("localhost")) {
            throw node.require("redirect_host", "").expected("127.0.0.1 or localhost");
        }
        Secret tokenKey = node.get("token_key").map(key -> secrets.read(key, value -> checkKey(key, value)))
                .orElseGet(() -> Secret.lazy(() -> defaultKey(node)));
        return new OAuthConfig(provider,
                node.require("client_id", "the client id of the app registration").nonBlank("a client id"),
                node.get("client_secret").map(secrets::read).orElse(Secret.NONE),
                authorization, token, scopes, preset.extraParameters(), redirectHost, tokenKey);
    }

    private String defaultKey(Node node) {
        String value = secrets.environment().get(DEFAULT_KEY_VARIABLE);
        if (value == null || value.isEmpty()) {
            throw node.fail("token_key is not set and environment variable " + DEFAULT_KEY_VARIABLE
                    + " is not set or empty (the key that encrypts the stored refresh token: "
                    + "openssl rand -base64 32)");
        }
        checkKey(node, value);
        return value;
    }

    /** A key is base64 (standard or URL-safe) of exactly 32 bytes; the message never shows it. */
    static void checkKey(Node node, String value) {
        byte[] bytes;
        try {
            bytes = decodeKey(value);
        } catch (IllegalArgumentException notBase64) {
            throw node.fail("token key is not base64; expected 32 random bytes in base64 (openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw node.fail("token key holds " + bytes.length + " bytes; expected 32 random bytes in base64 "
                    + "(openssl rand -base64 32)");
        }
    }

    /** The bytes of a key written in standard or URL-safe base64 (as TokenCipher.forKey reads it). */
    private static byte[] decodeKey(String value) {
        String text = value.strip();
        return text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                : Base64.getDecoder().decode(text);
    }

    private static URI endpoint(Node node) {
        String text = node.nonBlank("an https URL");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw node.expectedHidden("an https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https")
                || scheme.equals("http") && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT)))) {
            throw node.fail("expected an https URL (plain http only for a loopback host such as 127.0.0.1)");
        }
        return uri;
    }

    private static String tenant(Node node) {
        String tenant = node.nonBlank("a tenant: common, organizations or a directory id");
        if (!TENANT.matcher(tenant).matches()) {
            throw node.expected("a tenant: common, organizations or a directory id");
        }
        return tenant;
    }

    private static List<String> scopes(Node node) {
        List<String> scopes = new ArrayList<>();
        for (Node scope : node.items("a list of scopes")) {
            String text = scope.nonBlank("a scope");
            if (text.chars().anyMatch(Character::isWhitespace)) {
                throw scope.expected("one scope without spaces");
            }
            scopes.add(text);
        }
        return scopes;
    }

    /** What a provider fills in. */
    private record Preset(URI authorization, URI token, List<String> scopes, Map<String, String> extraParameters,
                          String redirectHost) {

        static final Preset NONE = new Preset(null, null, List.of(), Map.of(), "127.0.0.1");
        /** Google: a refresh token is only returned with offline access, and again only on consent. */
        static final Preset GOOGLE = new Preset(URI.create("https://accounts.google.com/o/oauth2/v2/auth"),
                URI.create("https://oauth2.googleapis.com/token"), List.of("https://mail.google.com/"),
                Map.of("access_type", "offline", "prompt", "consent"), "127.0.0.1");

        static Preset microsoft(String tenant) {
            String base = "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/";
            return new Preset(URI.create(base + "authorize"), URI.create(base + "token"),
                    List.of("https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send",
                            "offline_access"), Map.of(), "localhost");
        }

        URI authorization(Node node, String key) {
            if (authorization == null) {
                throw node.require(key, "the authorization endpoint URL (or a provider: google, microsoft)")
                        .fail("unreachable");
            }
            return authorization;
        }

        URI token(Node node, String key) {
            if (token == null) {
                throw node.require(key, "the token endpoint URL (or a provider: google, microsoft)")
                        .fail("unreachable");
            }
            return token;
        }
    }
}
