package io.followup.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loopback listener of the authorization redirect answers wherever a browser may resolve its host name. */
class AuthorizationFlowTest {

    @Test
    void aLocalhostRedirectIsHeardOnTheIpv4AndTheIpv6LoopbackAtTheSamePort() throws Exception {
        List<HttpServer> servers = AuthorizationFlow.listen("localhost");
        try {
            int port = servers.get(0).getAddress().getPort();
            assertThat(servers).allSatisfy(server -> assertThat(server.getAddress().getPort()).isEqualTo(port));
            servers.forEach(AuthorizationFlowTest::answerHello);
            assertThat(get("http://127.0.0.1:" + port + "/")).isEqualTo("hello");
            if (ipv6Loopback()) {
                assertThat(servers).hasSize(2);
                assertThat(get("http://[::1]:" + port + "/")).isEqualTo("hello");
            } else {
                assertThat(servers).hasSize(1);
            }
        } finally {
            servers.forEach(server -> server.stop(0));
        }
    }

    @Test
    void anIpLiteralRedirectListensOnThatAddressOnly() {
        List<HttpServer> servers = AuthorizationFlow.listen("127.0.0.1");
        try {
            assertThat(servers).singleElement().satisfies(server ->
                    assertThat(server.getAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
        } finally {
            servers.forEach(server -> server.stop(0));
        }
    }

    private static void answerHello(HttpServer server) {
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
