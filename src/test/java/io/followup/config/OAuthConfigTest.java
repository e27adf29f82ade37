package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A mailbox's {@code auth: oauth2} section: presets, custom endpoints, the token key, errors naming file and key. */
class OAuthConfigTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    private MailboxConfig load(String auth, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(ConfigFixture.ENVIRONMENT);
        environment.putAll(extra);
        return fixture.config(VALID + auth).load(environment).mailbox("main");
    }

    @Test
    void passwordsStayTheDefault() {
        MailboxConfig mailbox = load("", Map.of());
        assertThat(mailbox.usesOAuth()).isFalse();
        assertThat(mailbox.oauth()).isNull();
    }

    @Test
    void theGooglePresetFillsInEndpointsScopesAndOfflineAccessAndTheSecretIsReadLazily() {
        MailboxConfig mailbox = load("""
                    auth: oauth2
                    oauth2:
                      provider: google
                      client_id: abc.apps.googleusercontent.com
                      client_secret: {env: FOLLOWUP_OAUTH_CLIENT_SECRET}
                """, Map.of("FOLLOWUP_TOKEN_KEY", KEY));
        OAuthConfig oauth = mailbox.oauth();
        assertThat(oauth.authorizationEndpoint()).isEqualTo(URI.create("https://accounts.google.com/o/oauth2/v2/auth"));
        assertThat(oauth.tokenEndpoint()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        assertThat(oauth.scopes()).containsExactly("https://mail.google.com/");
        assertThat(oauth.extraAuthorizationParameters()).containsEntry("access_type", "offline");
        assertThat(oauth.clientSecret().isPresent()).isTrue();
        assertThatThrownBy(() -> oauth.clientSecret().reveal()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mailboxes[0].oauth2.client_secret")
                .hasMessageContaining("FOLLOWUP_OAUTH_CLIENT_SECRET is not set");
        assertThat(oauth.tokenKey().reveal()).isEqualTo(KEY);
        assertThat(mailbox.oauthUser(null)).isEqualTo("ada@example.com");
        assertThat(oauth.toString()).doesNotContain(KEY);
    }

    @Test
    void theMicrosoftPresetUsesTheTenantAndAsksForImapSmtpAndOfflineAccess() {
        OAuthConfig oauth = load("""
                    auth: oauth2
                    oauth2:
                      provider: microsoft
                      tenant: contoso.onmicrosoft.com
                      client_id: 00000000-1111-2222-3333-444444444444
                """, Map.of()).oauth();
        assertThat(oauth.tokenEndpoint()).isEqualTo(URI.create(
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
        assertThat(oauth.scopes()).isEqualTo(List.of("https://outlook.office.com/IMAP.AccessAsUser.All",
                "https://outlook.office.com/SMTP.Send", "offline_access"));
        assertThat(oauth.clientSecret().isPresent()).as("a public client").isFalse();
        assertThat(oauth.redirectHost()).isEqualTo("localhost");
    }

    @Test
    void aMissingTokenKeyIsReportedWhenNeededNamingTheVariable() {
        OAuthConfig oauth = load("""
                    auth: oauth2
                    oauth2:
                      provider: google
                      client_id: abc
                """, Map.of()).oauth();
        assertThatThrownBy(() -> oauth.tokenKey().reveal()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/followup.yaml:21: mailboxes[0].oauth2: token_key is not set and "
                        + "environment variable FOLLOWUP_TOKEN_KEY is not set or empty");
    }

    @Test
    void aTokenKeyOfTheWrongSizeIsRefusedWithoutShowingIt() {
        OAuthConfig oauth = load("""
                    auth: oauth2
                    oauth2:
                      provider: google
                      client_id: abc
                      token_key: {env: MY_KEY}
                """, Map.of("MY_KEY", "c2hvcnQta2V5")).oauth();
        assertThatThrownBy(() -> oauth.tokenKey().reveal()).isInstanceOf(ConfigException.class)
                .hasMessage("config/followup.yaml:24: mailboxes[0].oauth2.token_key: token key holds 9 bytes; "
                        + "expected 32 random bytes in base64 (openssl rand -base64 32)");
    }

    @Test
    void aCustomProviderNeedsItsEndpointsAndPlainHttpOnlyOnLoopback() {
        fixture.config(VALID + """
                    auth: oauth2
                    oauth2:
                      client_id: abc
                      authorization_endpoint: https://id.example.com/authorize
                """);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:21: mailboxes[0].oauth2.token_endpoint: missing; expected the token endpoint "
                        + "URL (or a provider: google, microsoft)");
        fixture.config(VALID + """
                    auth: oauth2
                    oauth2:
                      client_id: abc
                      authorization_endpoint: https://id.example.com/authorize
                      token_endpoint: http://id.example.com/token
                      scopes: [mail]
                """);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:24: mailboxes[0].oauth2.token_endpoint: expected an https URL (plain http only "
                        + "for a loopback host such as 127.0.0.1)");
    }

    @Test
    void anUnknownAuthOrProviderNamesTheKey() {
        fixture.config(VALID + "    auth: kerberos\n");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:20: mailboxes[0].auth: expected password or oauth2, got \"kerberos\"");
        fixture.config(VALID + "    auth: oauth2\n    oauth2:\n      provider: yahoo\n      client_id: abc\n");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:22: mailboxes[0].oauth2.provider: expected google, microsoft or custom, got "
                        + "\"yahoo\"");
    }
}
