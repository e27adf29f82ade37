package io.followup.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.followup.config.OAuthConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Talks to a mailbox's token endpoint (only the one configured) with the Nimbus OAuth 2.0 SDK: exchanges an
 * authorization code (with its PKCE verifier) or a refresh token for an access token. The client authenticates with
 * {@code client_secret_post} when a secret is configured, as a public client otherwise. Errors become
 * {@link OAuthException}s whose messages name the mailbox, the endpoint and the provider's error code, never a token
 * or the secret. Thread-safe.
 */
public final class TokenEndpoint {

    /** What the endpoint issued. {@code refreshToken} is null when it kept the old one. */
    public record Issued(String accessToken, Instant expiresAt, String refreshToken) {

        @Override
        public String toString() {
            return "Issued[expires " + expiresAt + (refreshToken == null ? "" : ", new refresh token") + "]";
        }
    }

    /** The lifetime assumed when the endpoint does not say ({@code expires_in} absent). */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);
    private static final int TIMEOUT_MILLIS = 30_000;

    /** A refresh token for a new access token (and perhaps a rotated refresh token). */
    public Issued refresh(String mailbox, OAuthConfig oauth, String refreshToken, Instant now) {
        return request(mailbox, oauth, new RefreshTokenGrant(new RefreshToken(refreshToken)), now,
                new String[] {refreshToken});
    }

    /** An authorization code (from the loopback redirect) for the first tokens; a refresh token is required. */
    public Issued exchange(String mailbox, OAuthConfig oauth, String code, CodeVerifier verifier, URI redirect,
                           Instant now) {
        Issued issued = request(mailbox, oauth, new AuthorizationCodeGrant(new AuthorizationCode(code), redirect,
                verifier), now, new String[] {code});
        if (issued.refreshToken() == null) {
            throw new OAuthException(OAuthException.Reason.REFUSED, "mailbox " + mailbox + ": " + oauth.tokenEndpoint()
                    + " issued no refresh token (ask for offline access: Google needs access_type=offline, "
                    + "Microsoft the offline_access scope)");
        }
        return issued;
    }

    private Issued request(String mailbox, OAuthConfig oauth, AuthorizationGrant grant, Instant now,
                           String[] sensitive) {
        ClientID client = new ClientID(oauth.clientId());
        String secret = oauth.clientSecret().isPresent() ? oauth.clientSecret().reveal() : null;
        TokenRequest request = secret == null
                ? new TokenRequest(oauth.tokenEndpoint(), client, grant)
                : new TokenRequest(oauth.tokenEndpoint(),
                        new ClientSecretPost(client, new com.nimbusds.oauth2.sdk.auth.Secret(secret)), grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MILLIS);
        http.setReadTimeout(TIMEOUT_MILLIS);
        http.setFollowRedirects(false);
        String where = "mailbox " + mailbox + ": token endpoint " + oauth.tokenEndpoint();
        HTTPResponse response;
        try {
            response = http.send();
        } catch (IOException e) {
            throw new OAuthException(OAuthException.Reason.UNAVAILABLE, where + " cannot be reached ("
                    + e.getClass().getSimpleName() + scrub(e.getMessage() == null ? "" : ": " + e.getMessage(),
                    secret, sensitive) + ")");
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw new OAuthException(response.getStatusCode() >= 500 ? OAuthException.Reason.UNAVAILABLE
                    : OAuthException.Reason.REFUSED, where + " answered HTTP " + response.getStatusCode()
                    + " with no token response we understand");
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            String code = error.getCode() == null ? "HTTP " + response.getStatusCode() : error.getCode();
            String description = error.getDescription() == null ? "" : " (" + scrub(error.getDescription(), secret,
                    sensitive) + ")";
            if (OAuth2Error.INVALID_GRANT.getCode().equals(code)) {
                throw new OAuthException(OAuthException.Reason.REVOKED, where + " refused the grant: invalid_grant"
                        + description + "; reconnect the mailbox: followup mailboxes connect " + mailbox);
            }
            if (OAuth2Error.INVALID_CLIENT.getCode().equals(code)) {
                throw new OAuthException(OAuthException.Reason.REFUSED, where + " refused the client: invalid_client"
                        + description + "; check oauth2.client_id and oauth2.client_secret of mailbox " + mailbox);
            }
            OAuthException.Reason kind = response.getStatusCode() >= 500 || "temporarily_unavailable".equals(code)
                    || "server_error".equals(code) ? OAuthException.Reason.UNAVAILABLE : OAuthException.Reason.REFUSED;
            throw new OAuthException(kind, where + " refused the request: " + scrub(code, secret, sensitive)
                    + description);
        }
        AccessTokenResponse success = parsed.toSuccessResponse();
        Tokens tokens = success.getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Instant expiresAt = now.plus(lifetime > 0 ? Duration.ofSeconds(lifetime) : DEFAULT_LIFETIME);
        RefreshToken refresh = tokens.getRefreshToken();
        return new Issued(tokens.getAccessToken().getValue(), expiresAt, refresh == null ? null : refresh.getValue());
    }

    /** {@code text} with any secret or token it might echo masked. */
    static String scrub(String text, String secret, String[] sensitive) {
        String result = text;
        if (secret != null && !secret.isEmpty()) {
            result = result.replace(secret, "******");
        }
        for (String value : sensitive) {
            if (value != null && !value.isEmpty()) {
                result = result.replace(value, "******");
            }
        }
        return result.replaceAll("\\s+", " ").strip();
    }
}
