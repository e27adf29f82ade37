package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Three daemons on one database share 30 mailboxes: each ends up watching an even part (10, give or take one); a
 * fourth node that joins gets its share, and when it dies (renews and releases nothing) the other three take its
 * mailboxes over within 30 s and split them evenly again; a reply to one of them is read after the takeover.
 */
class LeaseBalanceIT {

    private static final int MAILBOXES = 30;

    @DaemonTest
    void nodesSplitTheMailboxesEvenlyAndTakeOverADeadOnesWithinThirtySeconds(TestDaemon followup)
            throws InterruptedException {
        followup.configure(config -> withMailboxes(config, followup.mail()));
        List<Daemon> nodes = new ArrayList<>();
        for (String node : List.of("node-a", "node-b", "node-c")) {
            Daemon daemon = followup.node(node, Clock.systemUTC());
            nodes.add(daemon);
            daemon.start();
        }
        MailboxLease observer = new MailboxLease(nodes.get(1).database().jdbi(), Clock.systemUTC(), "observer");
        await().atMost(Duration.ofSeconds(60)).until(() -> evenlySplit(observer, 3));
        assertThat(heldPerNode(observer).keySet()).containsExactlyInAnyOrder("node-a", "node-b", "node-c");

        // a fourth node joins (a lease holder of the test's, without IMAP watchers), takes its share, and dies: it
        // stops renewing and releases nothing, as a killed process does
        MailboxLease fourth = new MailboxLease(nodes.get(1).database().jdbi(), Clock.systemUTC(), "node-d");
        fourth.expect(MAILBOXES);
        Instant patience = Instant.now().plus(Duration.ofSeconds(60));
        while (heldPerNode(observer).getOrDefault("node-d", 0) < 6 && Instant.now().isBefore(patience)) {
            fourth.beatOnce();
            for (long mailbox = 1; mailbox <= MAILBOXES; mailbox++) {
                fourth.acquire(mailbox, "INBOX", MailboxLease.TTL);
            }
            Thread.sleep(300); // a node's retry period, shortened
        }
        fourth.beatOnce();
        List<Long> deadOnes = nodes.get(1).database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT mailbox_id FROM mailbox_folder_lease WHERE node_id = 'node-d'")
                .mapTo(Long.class).list());
        assertThat(deadOnes).isNotEmpty();
        Instant died = Instant.now();
        await().atMost(Duration.ofSeconds(30)).until(() -> evenlySplit(observer, 3)
                && !heldPerNode(observer).containsKey("node-d"));
        assertThat(Duration.between(died, Instant.now())).isLessThanOrEqualTo(Duration.ofSeconds(30));

        long mailboxId = deadOnes.get(0);
        String address = nodes.get(1).database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT address FROM mailbox WHERE id = :id").bind("id", mailboxId).mapTo(String.class).one());
        GreenMailUtil.sendTextEmail(address, "someone@example.org", "after the takeover", "still read",
                followup.mail().greenMail().getSmtp().getServerSetup());
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.get(1).database().jdbi().withHandle(handle ->
                handle.createQuery("SELECT COUNT(*) FROM inbound_message WHERE mailbox_id = :id")
                        .bind("id", mailboxId).mapTo(Integer.class).one()) == 1);
    }

    /** Every folder held, by {@code live} nodes, each within 10% of an even part. */
    private static boolean evenlySplit(MailboxLease observer, int live) {
        Map<String, Integer> held = heldPerNode(observer);
        double even = (double) MAILBOXES / live;
        return held.size() == live && held.values().stream().mapToInt(Integer::intValue).sum() == MAILBOXES
                && held.values().stream().allMatch(count -> Math.abs(count - even) <= even * 0.1 + 0.5);
    }

    private static Map<String, Integer> heldPerNode(MailboxLease observer) {
        return observer.perNode().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The test mailbox and 29 more, each its own GreenMail user, watched over IMAP. */
    private static AppConfig withMailboxes(AppConfig config, TestMail mail) {
        MailboxConfig main = config.mailboxes().get(0);
        List<MailboxConfig> mailboxes = new ArrayList<>(List.of(main));
        for (int i = 1; i < MAILBOXES; i++) {
            String address = "box" + i + "@followup.test";
            mail.greenMail().setUser(address, address, "box-pw");
            ImapConfig imap = main.imap();
            mailboxes.add(new MailboxConfig("box" + i, address, "Box " + i, TestMail.OWNER, main.timeZone(),
                    main.smtp(), new ImapConfig(imap.host(), imap.port(), Security.PLAIN, address,
                    Secret.of("box-pw"), "INBOX", true, imap.pollInterval(), imap.timeout(), "")));
        }
        return config.withMailboxes(mailboxes);
    }
}
