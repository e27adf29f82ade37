package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceLoader;
import io.followup.oauth.GrantStore;
import io.followup.oauth.TokenCipher;
import io.followup.testing.Closing;
import io.followup.testing.TestAuthorizationServer;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code followup mailboxes connect NAME} against a test authorization server: the command prints the authorization
 * URL (PKCE S256, a state, the loopback redirect) and waits; the "browser" (an HTTP client following redirects) opens
 * it and lands on the command's listener on 127.0.0.1; the command exchanges the code with its verifier and stores
 * the refresh token encrypted with the key from {@code FOLLOWUP_TOKEN_KEY}. No secret is printed.
 */
class MailboxesConnectIT {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');

    @TempDir
    Path base;

    private TestAuthorizationServer server;
    private TestDatabase database;

    @AfterEach
    void tearDown() {
        Closing.all(server, database);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void connectRunsTheAuthorizationCodeFlowWithPkceAndStoresTheRefreshTokenEncrypted(TestDatabase.Kind kind)
            throws Exception {
        server = new TestAuthorizationServer("ada@example.com", token -> { });
        database = TestDatabase.create(kind, base);
        TestConfigs.writeTemplates(base.resolve("templates"));
        java.nio.file.Files.createDirectories(base.resolve("sequences"));
        TestConfigs.write(base.resolve("config/followup.yaml"), "templates_dir: " + base.resolve("templates")
                + "\nsequences_dir: " + base.resolve("sequences") + "\n"
                + CliRun.CONFIG_HEAD.replace("data_dir: data", "data_dir: " + base.resolve("data")) + """
                    auth: oauth2
                    oauth2:
                      client_id: %s
                      client_secret: {env: TEST_CLIENT_SECRET}
                      authorization_endpoint: %s
                      token_endpoint: %s
                      scopes: [mail, offline_access]
                """.formatted(TestAuthorizationServer.CLIENT_ID, server.uri("/authorize"), server.uri("/token"))
                + (kind == TestDatabase.Kind.MARIADB ? "database:\n  url: " + database.url() + "\n" : ""));
        Map<String, String> environment = Map.of("FOLLOWUP_TOKEN_KEY", KEY,
                "TEST_CLIENT_SECRET", TestAuthorizationServer.CLIENT_SECRET);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> command = CompletableFuture.supplyAsync(() -> Main.run(new String[] {
            "mailboxes", "connect", "main", "--timeout", "120", "--config",
            base.resolve("config/followup.yaml").toString()}, new PrintWriter(out, true), new PrintWriter(err, true),
                environment));

        Pattern urlLine = Pattern.compile("^(http://127\\.0\\.0\\.1:\\d+/authorize\\?\\S+)$", Pattern.MULTILINE);
        await().atMost(Duration.ofSeconds(90)).until(() -> urlLine.matcher(out.toString()).find()
                || command.isDone());
        Matcher found = urlLine.matcher(out.toString());
        assertThat(found.find()).as("the URL to open; stderr: %s", err).isTrue();
        URI url = URI.create(found.group(1));
        assertThat(url.getRawQuery()).contains("code_challenge_method=S256", "code_challenge=", "state=",
                "redirect_uri=http%3A%2F%2F127.0.0.1%3A", "client_id=" + TestAuthorizationServer.CLIENT_ID)
                .doesNotContain("code_verifier", TestAuthorizationServer.CLIENT_SECRET);

        HttpResponse<String> landing = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(landing.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("access for mailbox main granted");

        assertThat(command.get(90, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).contains("mailbox main connected");

        AppConfig config = new ConfigLoader(base, environment).load(base.resolve("config/followup.yaml"));
        try (Daemon daemon = Daemon.open(config, SequenceLoader.load(config, base), Clock.systemUTC())) {
            long mailboxId = daemon.catalog().mailboxId("main");
            GrantStore.Grant grant = daemon.database().jdbi().withHandle(handle -> new GrantStore().find(handle,
                    mailboxId)).orElseThrow();
            assertThat(grant.revoked()).isFalse();
            assertThat(grant.refreshToken()).startsWith("v1:").doesNotContain("rt-");
            String refreshToken = TokenCipher.forKey(KEY).decrypt(grant.refreshToken(), "main");
            assertThat(server.accepts(refreshToken)).as("the stored token is the one the server issued").isTrue();
            assertThat(out.toString() + err).doesNotContain(refreshToken, TestAuthorizationServer.CLIENT_SECRET, KEY);
        }
    }
}
