package io.followup.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * How a mailbox logs in with OAuth2 (YAML {@code auth: oauth2} with an {@code oauth2:} section): SMTP and IMAP use
 * SASL XOAUTH2 with an access token obtained from the refresh token that {@code followup mailboxes connect NAME}
 * stored (encrypted with {@link #tokenKey()}). Immutable and thread-safe; {@code toString()} masks the secrets.
 *
 * @param provider              {@code google}, {@code microsoft} or {@code custom} (endpoints given)
 * @param clientId              the app registration's client id
 * @param clientSecret          the client secret, {@link Secret#NONE} for a public client (PKCE only)
 * @param authorizationEndpoint where the owner's browser is sent to allow access
 * @param tokenEndpoint         where codes and refresh tokens are exchanged for access tokens
 * @param scopes                the scopes asked for
 * @param extraAuthorizationParameters parameters added to the authorization URL (Google: offline access, consent)
 * @param redirectHost          the host of the loopback redirect URI ({@code 127.0.0.1} or {@code localhost})
 * @param tokenKey              the AES-256 key (base64 of 32 bytes) the refresh token is encrypted with
 */
public record OAuthConfig(String provider, String clientId, Secret clientSecret, URI authorizationEndpoint,
        URI tokenEndpoint, List<String> scopes, Map<String, String> extraAuthorizationParameters,
        String redirectHost, Secret tokenKey) {

    public OAuthConfig {
        clientSecret = clientSecret == null ? Secret.NONE : clientSecret;
        scopes = List.copyOf(scopes);
        extraAuthorizationParameters = Map.copyOf(extraAuthorizationParameters);
        redirectHost = redirectHost == null ? "127.0.0.1" : redirectHost;
    }
}
