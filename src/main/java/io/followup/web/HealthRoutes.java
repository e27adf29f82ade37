package io.followup.web;

import io.followup.config.MailboxConfig;
import io.followup.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health} (liveness: the process serves HTTP) and {@code GET /ready} (readiness: the database answers and
 * every mailbox's SMTP and IMAP server accepts a TCP connection), both without a login, for load balancers and
 * monitoring. {@code /ready} answers 200 or 503 with a small JSON object naming what failed; it never shows a
 * credential. Thread-safe.
 */
public final class HealthRoutes implements RouteTable {

    /** How long {@code /ready} waits for each server's TCP connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Database database;
    private final List<MailboxConfig> mailboxes;

    public HealthRoutes(Database database, List<MailboxConfig> mailboxes) {
        this.database = database;
        this.mailboxes = List.copyOf(mailboxes);
    }

    /** The paths served here, open without a login. */
    static boolean isHealthPath(String path) {
        return path.equals("/health") || path.equals("/ready");
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/health", context -> context.json(Map.of("status", "up")));
        app.get("/ready", this::ready);
    }

    private void ready(Context context) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean ready = true;
        String database = database();
        checks.put("database", database);
        ready &= database.equals("ok");
        Map<String, Object> mailboxChecks = new LinkedHashMap<>();
        for (MailboxConfig mailbox : mailboxes) {
            Map<String, String> servers = new LinkedHashMap<>();
            servers.put("smtp", reach(mailbox.smtp().host(), mailbox.smtp().port()));
            if (mailbox.imap() != null) {
                servers.put("imap", reach(mailbox.imap().host(), mailbox.imap().port()));
            }
            ready &= servers.values().stream().allMatch("ok"::equals);
            mailboxChecks.put(mailbox.name(), servers);
        }
        checks.put("mailboxes", mailboxChecks);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not ready");
        body.putAll(checks);
        context.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }

    private String database() {
        try {
            return database.isReachable() ? "ok" : "unreachable";
        } catch (RuntimeException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        }
    }

    private static String reach(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            return "ok";
        } catch (IOException e) {
            return "unreachable: " + host + ":" + port + " (" + e.getClass().getSimpleName() + ")";
        }
    }
}
