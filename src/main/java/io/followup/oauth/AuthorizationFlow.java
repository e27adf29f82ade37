package io.followup.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.followup.config.MailboxConfig;
import io.followup.config.OAuthConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization-code flow with PKCE (S256) on a loopback redirect, as RFC 8252 asks of native apps: listens on
 * 127.0.0.1 (an ephemeral port), hands the authorization URL to the caller to show, waits for the browser's
 * redirect, checks its {@code state}, and exchanges the code (with the verifier) at the token endpoint. Only the
 * configured endpoints are contacted. One flow per instance at a time; the listener is closed when it returns.
 */
public final class AuthorizationFlow {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationFlow.class);

    private final TokenEndpoint endpoint;
    private final Clock clock;

    public AuthorizationFlow(TokenEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /**
     * Runs the flow for {@code mailbox}.
     *
     * @param show    receives the URL the owner must open in a browser
     * @param timeout how long to wait for the redirect
     * @return the tokens issued (with a refresh token)
     * @throws OAuthException when the owner denied access, the state did not match, the wait timed out or the
     *                        exchange failed
     */
    public TokenEndpoint.Issued authorize(MailboxConfig mailbox, Consumer<URI> show, Duration timeout) {
        OAuthConfig oauth = mailbox.oauth();
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        CompletableFuture<String> code = new CompletableFuture<>();
        List<HttpServer> servers = listen(oauth.redirectHost());
        try {
            URI redirect = URI.create("http://" + oauth.redirectHost() + ":" + servers.get(0).getAddress().getPort()
                    + "/");
            for (HttpServer server : servers) {
                server.createContext("/", exchange -> answer(exchange, redirect, mailbox.name(), state, code));
                server.start();
            }
            AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
                    new ResponseType(ResponseType.Value.CODE), new ClientID(oauth.clientId()))
                    .endpointURI(oauth.authorizationEndpoint())
                    .redirectionURI(redirect)
                    .scope(new Scope(oauth.scopes().toArray(String[]::new)))
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256);
            oauth.extraAuthorizationParameters().forEach(request::customParameter);
            if (!oauth.provider().equals("microsoft")) {
                request.customParameter("login_hint", mailbox.address());
            }
            show.accept(request.build().toURI());
            String received = await(mailbox, code, timeout);
            return endpoint.exchange(mailbox.name(), oauth, received, verifier, redirect, clock.instant());
        } finally {
            servers.forEach(server -> server.stop(0));
        }
    }

    /**
     * Listens for the redirect on 127.0.0.1 (a free port) and, when the redirect names {@code localhost}, on ::1 with
     * the same port too where the machine has IPv6: a browser may resolve localhost to either.
     */
    static List<HttpServer> listen(String redirectHost) {
        List<HttpServer> servers = new ArrayList<>();
        try {
            servers.add(HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    0), 4));
        } catch (IOException e) {
            throw new OAuthException(OAuthException.Reason.UNAVAILABLE, "cannot listen on 127.0.0.1 for the "
                    + "authorization redirect: " + e.getMessage());
        }
        if ("localhost".equals(redirectHost)) {
            int port = servers.get(0).getAddress().getPort();
            try {
                servers.add(HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), port), 4));
            } catch (IOException e) {
                log.debug("no IPv6 loopback for the authorization redirect ({}); 127.0.0.1 only", e.getMessage());
            }
        }
        return servers;
    }

    private static String await(MailboxConfig mailbox, CompletableFuture<String> code, Duration timeout) {
        try {
            return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthException(OAuthException.Reason.REFUSED, "mailbox " + mailbox.name() + ": no authorization "
                    + "came back within " + timeout.toSeconds() + " s; run the command again and open the URL");
        } catch (ExecutionException e) {
            throw (OAuthException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException(OAuthException.Reason.REFUSED, "mailbox " + mailbox.name() + ": interrupted");
        }
    }

    /** The redirect: the code when the state matches; the browser is told how it went. */
    private static void answer(HttpExchange exchange, URI redirect, String mailbox, State state,
                               CompletableFuture<String> code) throws IOException {
        URI uri = exchange.getRequestURI();
        if (!"/".equals(uri.getPath()) || uri.getRawQuery() == null) {
            respond(exchange, 404, "Not found.");
            return;
        }
        String outcome;
        Runnable finish;
        try {
            AuthorizationResponse response = AuthorizationResponse.parse(redirect,
                    URLUtils.parseParameters(uri.getRawQuery()));
            if (!state.equals(response.getState())) {
                outcome = "The answer does not belong to this request (state mismatch); run the command again.";
                finish = () -> code.completeExceptionally(new OAuthException(OAuthException.Reason.REFUSED, "mailbox "
                        + mailbox + ": the redirect's state does not match the request; nothing stored"));
            } else if (response.indicatesSuccess()) {
                outcome = "followup: access for mailbox " + mailbox + " granted. You can close this window.";
                String received = response.toSuccessResponse().getAuthorizationCode().getValue();
                finish = () -> code.complete(received);
            } else {
                var error = response.toErrorResponse().getErrorObject();
                outcome = "followup: access for mailbox " + mailbox + " was not granted (" + error.getCode() + ").";
                finish = () -> code.completeExceptionally(new OAuthException(OAuthException.Reason.REFUSED, "mailbox "
                        + mailbox + ": the authorization server answered " + error.getCode()
                        + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")")));
            }
        } catch (ParseException | RuntimeException e) {
            respond(exchange, 400, "Not an authorization response.");
            return;
        }
        try {
            respond(exchange, 200, outcome);
        } finally {
            finish.run();
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><meta charset=utf-8><title>followup</title><p>"
                + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
