package io.followup.cli;

import io.followup.config.MailboxConfig;
import io.followup.oauth.AuthorizationFlow;
import io.followup.oauth.GrantStore;
import io.followup.oauth.MailboxConnector;
import io.followup.oauth.TokenEndpoint;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code followup mailboxes connect NAME}: the OAuth2 authorization of a mailbox with {@code auth: oauth2}. */
@Command(name = "mailboxes", mixinStandardHelpOptions = true, description = "Mailbox logins.",
        subcommands = {MailboxesCommand.Connect.class})
public final class MailboxesCommand extends CommandGroup {

    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = "Authorize followup to use an OAuth2 mailbox (Gmail, Microsoft 365...): prints a URL to "
                    + "open in a browser, waits for the redirect to 127.0.0.1, stores the refresh token encrypted.")
    static final class Connect extends DaemonCommand {
        @Parameters(paramLabel = "NAME", description = "The mailbox name (mailboxes[].name).")
        String name;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "How long to wait for the browser (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                long mailboxId = daemon.catalog().mailboxId(name);
                MailboxConfig mailbox = daemon.catalog().mailbox(mailboxId);
                if (!mailbox.usesOAuth()) {
                    spec.commandLine().getErr().println("followup: mailbox " + name + " logs in with a password; set "
                            + "auth: oauth2 and an oauth2 section to connect it with OAuth2");
                    return 1;
                }
                mailbox.oauth().tokenKey().reveal();
                TokenEndpoint.Issued issued = new AuthorizationFlow(new TokenEndpoint(), Clock.systemUTC())
                        .authorize(mailbox, url -> {
                            out.println("Open this URL in a browser and allow access for " + mailbox.address() + ":");
                            out.println(url);
                            out.println("Waiting for the redirect to this machine...");
                            out.flush();
                        }, Duration.ofSeconds(timeoutSeconds));
                new MailboxConnector(daemon.database().jdbi(), Clock.systemUTC(), new GrantStore(), new EventLog())
                        .store(mailboxId, mailbox, issued.refreshToken());
                out.println("mailbox " + name + " connected; sending and watching use OAuth2 (XOAUTH2) from now on");
                return 0;
            });
        }
    }
}
