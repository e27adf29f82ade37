package io.followup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real mail system on loopback ports, configured from the test in a temporary folder (never the system's
 * {@code /etc/postfix} or {@code /etc/dovecot}): Postfix accepts SMTP from 127.0.0.1 and hands every message for
 * {@code followup.test} and {@code example.org} to Dovecot over LMTP; Dovecot runs Sieve (Pigeonhole) at delivery,
 * so a user's vacation script answers through Postfix, and serves IMAP with a {@code \Sent} folder named
 * "Sent Items" and a {@code \Junk} folder named "Spam". Every user has the password {@link #PASSWORD}.
 * <p>
 * Needs root (Dovecot runs mail as nobody, Postfix as postfix) and the packages postfix, dovecot-imapd,
 * dovecot-lmtpd and dovecot-sieve (installed by {@code .ci/run}); {@link #available()} says whether this machine
 * can run it.
 */
public final class TestPostfixDovecot implements AutoCloseable {

    public static final String PASSWORD = "mail-pw";
    public static final String SENT_FOLDER = "Sent Items";
    public static final String JUNK_FOLDER = "Spam";
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/dovecot"), Path.of("/usr/sbin/postfix"),
            Path.of("/usr/lib/dovecot/lmtp"), Path.of("/usr/lib/dovecot/modules/lib90_sieve_plugin.so"));

    private final Path dir;
    private final int smtpPort;
    private final int lmtpPort;
    private final int imapPort;
    private Process dovecot;
    private Process postfix;

    /** Starts Dovecot and Postfix with these users (full addresses at followup.test or example.org). */
    public TestPostfixDovecot(String... users) {
        this.dir = TestDovecot.traversableTempDir();
        this.smtpPort = TestDovecot.freePort();
        this.lmtpPort = TestDovecot.freePort();
        this.imapPort = TestDovecot.freePort();
        StringBuilder passwd = new StringBuilder();
        for (String user : users) {
            passwd.append(user).append(":{PLAIN}").append(PASSWORD).append('\n');
            TestDovecot.mkdirs(home(user));
        }
        TestDovecot.write(dir.resolve("dovecot/users"), passwd.toString());
        TestDovecot.write(dir.resolve("dovecot/dovecot.conf"), dovecotConfig());
        TestDovecot.chownToNobody(dir.resolve("home"));
        TestDovecot.write(dir.resolve("postfix/main.cf"), postfixMain());
        TestDovecot.write(dir.resolve("postfix/master.cf"), postfixMaster());
        TestDovecot.mkdirs(dir.resolve("postfix-queue"));
        TestDovecot.mkdirs(dir.resolve("postfix-data"));
        TestDovecot.chown("postfix", dir.resolve("postfix-data"));
        try {
            dovecot = new ProcessBuilder("/usr/sbin/dovecot", "-F", "-c", dir.resolve("dovecot/dovecot.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot-stdout.log").toFile()).start();
            TestDovecot.awaitListening(imapPort, "dovecot imap", dir);
            TestDovecot.awaitListening(lmtpPort, "dovecot lmtp", dir);
            postfix = new ProcessBuilder("/usr/sbin/postfix", "-c", dir.resolve("postfix").toString(), "start-fg")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("postfix-stdout.log").toFile()).start();
            TestDovecot.awaitListening(smtpPort, "postfix smtpd", dir);
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** True when Postfix, Dovecot (LMTP, Sieve) are installed and we are root; otherwise tests using it skip. */
    public static boolean available() {
        return BINARIES.stream().allMatch(Files::exists) && "root".equals(System.getProperty("user.name"));
    }

    /** The one-line reason {@link #available()} is false, for {@code Assumptions.assumeTrue}. */
    public static String unavailableReason() {
        return "Postfix + Dovecot test skipped: needs root and the packages postfix, dovecot-imapd, dovecot-lmtpd,"
                + " dovecot-sieve (missing: " + BINARIES.stream().filter(binary -> !Files.exists(binary)).toList()
                + ", user " + System.getProperty("user.name") + ")";
    }

    /** Postfix's SMTP port (no authentication; mail from 127.0.0.1 is relayed). */
    public int smtpPort() {
        return smtpPort;
    }

    /** Dovecot's IMAP port (plain login, no TLS). */
    public int imapPort() {
        return imapPort;
    }

    /** Gives {@code user} a Sieve vacation (out-of-office) script that answers with {@code text}. */
    public void vacation(String user, String subject, String text) {
        Path script = home(user).resolve(".dovecot.sieve");
        TestDovecot.write(script, """
                require ["vacation"];
                vacation :days 1 :subject "%s" "%s";
                """.formatted(subject.replace("\"", "\\\""), text.replace("\"", "\\\"")));
        TestDovecot.chownToNobody(home(user));
    }

    /** Dovecot's log so far (LMTP deliveries and Sieve's decisions: "sent vacation response", "discarding..."). */
    public String dovecotLog() {
        return read(dir.resolve("dovecot/dovecot.log"));
    }

    /** How many messages Dovecot has delivered into {@code user}'s INBOX. */
    public long inboxCount(String user) {
        Path maildir = home(user).resolve("Maildir");
        long count = 0;
        for (String sub : List.of("new", "cur")) {
            Path folder = maildir.resolve(sub);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    count += files.count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return count;
    }

    @Override
    public void close() {
        if (postfix != null) {
            try {
                new ProcessBuilder("/usr/sbin/postfix", "-c", dir.resolve("postfix").toString(), "stop")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(20, TimeUnit.SECONDS);
            } catch (IOException e) {
                postfix.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop(postfix);
        }
        if (dovecot != null) {
            stop(dovecot);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(TestDovecot::delete);
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: what is left is harmless
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path home(String user) {
        return dir.resolve("home").resolve(user);
    }

    private String dovecotConfig() {
        return """
                base_dir = %1$s/dovecot/run
                state_dir = %1$s/dovecot/state
                log_path = %1$s/dovecot/dovecot.log
                listen = 127.0.0.1
                protocols = imap lmtp
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                default_internal_user = dovecot
                default_login_user = dovenull
                recipient_delimiter = +
                hostname = mail.followup.test
                postmaster_address = postmaster@followup.test
                submission_host = 127.0.0.1:%2$d
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/dovecot/users
                }
                %7$s                namespace inbox {
                  inbox = yes
                  separator = /
                  mailbox "%5$s" {
                    special_use = \\Sent
                    auto = subscribe
                  }
                  mailbox "%6$s" {
                    special_use = \\Junk
                    auto = subscribe
                  }
                }
                %8$s                service lmtp {
                  inet_listener lmtp {
                    address = 127.0.0.1
                    port = %4$d
                  }
                  unix_listener lmtp {
                    mode = 0
                  }
                }
                protocol lmtp {
                  mail_plugins = sieve
                }
                plugin {
                  sieve = file:~/sieve;active=~/.dovecot.sieve
                }
                """.formatted(dir.toAbsolutePath(), smtpPort, imapPort, lmtpPort, SENT_FOLDER, JUNK_FOLDER,
                TestDovecot.maildirUsers(dir.resolve("home")), TestDovecot.imapListener(imapPort));
    }

    private String postfixMain() {
        return """
                compatibility_level = 3.6
                queue_directory = %1$s/postfix-queue
                data_directory = %1$s/postfix-data
                mail_owner = postfix
                setgid_group = postdrop
                myhostname = mail.followup.test
                mydomain = followup.test
                myorigin = followup.test
                mydestination =
                local_recipient_maps =
                local_transport = error:local delivery is disabled
                alias_maps =
                alias_database =
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                relay_domains = followup.test example.org
                relay_transport = lmtp:inet:127.0.0.1:%2$d
                smtpd_relay_restrictions = permit_mynetworks, reject
                smtp_dns_support_level = disabled
                lmtp_host_lookup = native
                recipient_delimiter = +
                biff = no
                maillog_file_prefixes = %1$s
                maillog_file = %1$s/postfix.log
                """.formatted(dir.toAbsolutePath(), lmtpPort);
    }

    private String postfixMaster() {
        return """
                127.0.0.1:%d inet n - n - - smtpd
                pickup    unix  n - n 60 1 pickup
                cleanup   unix  n - n - 0 cleanup
                qmgr      unix  n - n 300 1 qmgr
                rewrite   unix  - - n - - trivial-rewrite
                bounce    unix  - - n - 0 bounce
                defer     unix  - - n - 0 bounce
                trace     unix  - - n - 0 bounce
                verify    unix  - - n - 1 verify
                flush     unix  n - n 1000? 0 flush
                proxymap  unix  - - n - - proxymap
                proxywrite unix - - n - 1 proxymap
                smtp      unix  - - n - - smtp
                relay     unix  - - n - - smtp
                showq     unix  n - n - - showq
                error     unix  - - n - - error
                retry     unix  - - n - - error
                discard   unix  - - n - - discard
                lmtp      unix  - - n - - lmtp
                anvil     unix  - - n - 1 anvil
                scache    unix  - - n - 1 scache
                postlog   unix-dgram n - n - 1 postlogd
                """.formatted(smtpPort);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
