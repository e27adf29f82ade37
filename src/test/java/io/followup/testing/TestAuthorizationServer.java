package io.followup.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An OAuth2 authorization server on 127.0.0.1 for tests: {@code /authorize} (redirects straight back with a code, as
 * if the owner clicked "Allow"), {@code /token} (authorization_code with PKCE S256, refresh_token; checks the client
 * id and secret), and {@code /introspect} (RFC 7662, for Dovecot's oauth2 passdb: active only for the access token
 * issued last). Every issued access token is handed to {@code onIssue} (a test makes it the mail server's password).
 * Thread-safe.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    public static final String CLIENT_ID = "followup-test-client";
    public static final String CLIENT_SECRET = "client-secret-8f2c";

    private final HttpServer server;
    private final String user;
    private final Consumer<String> onIssue;
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private final AtomicLong lifetimeSeconds = new AtomicLong(3600);
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger introspections = new AtomicInteger();
    private volatile String currentAccessToken;

    /**
     * @param user    the mail user the tokens are for (introspection answers it as {@code email})
     * @param onIssue receives each new access token
     */
    public TestAuthorizationServer(String user, Consumer<String> onIssue) {
        this.user = user;
        this.onIssue = onIssue;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/introspect", this::introspect);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A refresh token the server accepts, as if a grant had been made earlier. */
    public String grant() {
        String token = "rt-" + UUID.randomUUID();
        refreshTokens.add(token);
        return token;
    }

    /** Revokes a refresh token (the owner removed the app's access): refreshing with it is {@code invalid_grant}. */
    public void revoke(String refreshToken) {
        refreshTokens.remove(refreshToken);
    }

    /** Whether {@code refreshToken} was issued and not revoked. */
    public boolean accepts(String refreshToken) {
        return refreshTokens.contains(refreshToken);
    }

    /** Access tokens issued from now on last this long. */
    public void lifetime(long seconds) {
        lifetimeSeconds.set(seconds);
    }

    /** How many access tokens were issued for a refresh token. */
    public int refreshes() {
        return refreshes.get();
    }

    public int introspections() {
        return introspections.get();
    }

    /** The provider invalidates every access token issued so far (as when it rotates keys or the session ends). */
    public void invalidateAccessTokens() {
        String replacement = "at-unissued-" + UUID.randomUUID();
        currentAccessToken = replacement;
        onIssue.accept(replacement);
    }

    public String currentAccessToken() {
        return currentAccessToken;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null || !"code".equals(query.get("response_type"))) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = "code-" + UUID.randomUUID();
        codes.put(code, query);
        String location = query.get("redirect_uri") + "?code=" + encode(code) + "&state=" + encode(query.get("state"));
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized client\"}");
            return;
        }
        String refreshToken;
        switch (String.valueOf(form.get("grant_type"))) {
            case "refresh_token" -> {
                if (!refreshTokens.contains(form.get("refresh_token"))) {
                    respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been "
                            + "expired or revoked.\"}");
                    return;
                }
                refreshes.incrementAndGet();
                refreshToken = null;
            }
            case "authorization_code" -> {
                Map<String, String> request = codes.remove(String.valueOf(form.get("code")));
                if (request == null || !request.get("redirect_uri").equals(form.get("redirect_uri"))
                        || form.get("code_verifier") == null
                        || !s256(form.get("code_verifier")).equals(request.get("code_challenge"))) {
                    respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
                    return;
                }
                refreshToken = grant();
            }
            default -> {
                respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
        }
        String accessToken = "at-" + UUID.randomUUID();
        currentAccessToken = accessToken;
        onIssue.accept(accessToken);
        respond(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + lifetimeSeconds.get() + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"")
                + "}");
    }

    private void introspect(HttpExchange exchange) throws IOException {
        introspections.incrementAndGet();
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String token = form.get("token");
        boolean active = token != null && token.equals(currentAccessToken);
        respond(exchange, 200, active ? "{\"active\":true,\"email\":\"" + user + "\"}" : "{\"active\":false}");
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
