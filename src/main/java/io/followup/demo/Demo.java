package io.followup.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.followup.FollowupException;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.DatabaseConfig;
import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.config.SchedulerConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.config.SmtpConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.SequenceLoader;
import io.followup.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Comparator;
import io.followup.config.ApprovalConfig;
import io.followup.config.WebConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code followup demo}: everything in one process with no setup. An embedded GreenMail SMTP+IMAP server on
 * loopback, an embedded database in a temporary folder, the sample sequences from {@code templates/} and
 * {@code config/sequences/}, sample contacts played by a {@link RecipientSimulator}, and a clock running
 * {@value #SPEED}x faster than real time so that weeks of follow-up play out in well under a minute.
 */
public final class Demo implements AutoCloseable {

    /** Simulated seconds per real second: one real second is twelve simulated hours. */
    static final double SPEED = 43_200;
    static final String OWNER = "you@followup.demo";
    static final String SEQUENCE = "met-at-event";
    /** The shipped sequence with A/B variants and a task step. */
    static final String CONNECT_SEQUENCE = "met-and-connect";
    /** The shipped sequence for introduced contacts, with the introducer's loop. */
    static final String INTRODUCED_SEQUENCE = "introduced";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private final PrintWriter out;
    private final AcceleratedClock clock;
    private final GreenMail greenMail;
    private final Path dataDir;
    private final Daemon daemon;
    private final RecipientSimulator recipients;
    private final Narrator narrator;
    private final TaskDoer taskDoer;
    private final String webPassword;
    private boolean closed;

    private Demo(Path home, PrintWriter out, int port) throws IOException {
        this.out = out;
        Path templates = home.resolve("templates");
        Path sequencesDir = home.resolve("config/sequences");
        if (!Files.isDirectory(templates) || !Files.isDirectory(sequencesDir)) {
            throw FollowupException.badInput("demo: cannot find templates/ and config/sequences/ under " + home
                    + " (run it from the followup folder, or set FOLLOWUP_HOME)");
        }
        String password = UUID.randomUUID().toString();
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(3143, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}));
        greenMail.start();
        greenMail.setUser(OWNER, OWNER, password);
        dataDir = Files.createTempDirectory("followup-demo-");
        webPassword = WebLogin.randomPassword();
        AppConfig config = config(templates, sequencesDir, password)
                .withWeb(new WebConfig("127.0.0.1", port < 0 ? WebLogin.port8080OrFree() : port,
                        List.of(new WebConfig.WebUser(WebLogin.USER, WebLogin.hash(webPassword))), null, null), null)
                .withApproval(new ApprovalConfig(java.util.Set.of(1)));
        clock = new AcceleratedClock(nextWorkdayMorning(), SPEED);
        daemon = Daemon.open(config, SequenceLoader.load(config, home), clock);
        List<DemoContact> everyone = new java.util.ArrayList<>(contacts());
        everyone.addAll(connectContacts());
        everyone.add(introduced());
        recipients = new RecipientSimulator(greenMail, greenMail.getSmtp().getPort(), OWNER, clock, everyone);
        taskDoer = new TaskDoer(daemon.tasks(), clock);
        narrator = new Narrator(daemon.database().jdbi(), out, ZONE);
    }

    /** 09:00 in London on the next working day: the morning after the events where these contacts were met. */
    private static Instant nextWorkdayMorning() {
        LocalDate day = LocalDate.now(ZONE).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(9, 0).atZone(ZONE).toInstant();
    }

    /** Starts the demo from the followup folder {@code home}; progress goes to {@code out}. */
    public static Demo start(Path home, PrintWriter out) {
        return start(home, out, -1);
    }

    /**
     * Starts the demo with its web UI on {@code port} (0: any free port; negative: 8080 when free, else any free
     * port).
     */
    public static Demo start(Path home, PrintWriter out, int port) {
        try {
            Demo demo = new Demo(home, out, port);
            demo.begin();
            return demo;
        } catch (IOException e) {
            throw FollowupException.failure("demo: cannot create its temporary folder: " + e.getMessage(), e);
        }
    }

    private AppConfig config(Path templates, Path sequencesDir, String password) {
        MailboxConfig mailbox = new MailboxConfig("main", OWNER, "Sam Sender", OWNER, ZONE,
                new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), Security.PLAIN, OWNER,
                        Secret.of(password), Duration.ofSeconds(10), ""),
                new ImapConfig("127.0.0.1", greenMail.getImap().getPort(), Security.PLAIN, OWNER,
                        Secret.of(password), "INBOX", true, Duration.ofMillis(300), Duration.ofSeconds(10), ""));
        return new AppConfig(null, "demo", dataDir, templates, sequencesDir,
                new DatabaseConfig(Database.embeddedUrl(dataDir), "sa", Secret.NONE, 5),
                List.of(new OwnerConfig("Sam Sender", OWNER, ZONE)), List.of(mailbox),
                new SchedulerConfig("followup-demo", false, Duration.ofMillis(200), Duration.ofMillis(200)));
    }

    private static List<DemoContact> contacts() {
        return List.of(
                contact("maya.patel@northwind.example", "Maya Patel", "the Lisbon Product Summit",
                        "pricing experiments", DemoContact.Behaviour.REPLIES, 1, Duration.ofHours(5),
                        "Great to hear from you! Yes, let's talk next week - Tuesday afternoon works for me."),
                contact("jonas.weber@fabrikam.example", "Jonas Weber", "the Berlin founders' breakfast",
                        "hiring your first salespeople", DemoContact.Behaviour.SILENT, 0, Duration.ZERO, null),
                contact("sofia.rossi@contoso.example", "Sofia Rossi", "the Milan design week panel",
                        "design systems", DemoContact.Behaviour.REPLIES, 2, Duration.ofHours(20),
                        "Sorry for the slow answer, it has been a busy month. Happy to chat - how about Friday?"),
                contact("liam.obrien@tailspin.example", "Liam O'Brien", "the Dublin SaaS meetup",
                        "churn dashboards", DemoContact.Behaviour.OUT_OF_OFFICE, 1, Duration.ofMinutes(5), null),
                contact("ana.souza@litware.example", "Ana Souza", "the São Paulo growth dinner",
                        "referral programs", DemoContact.Behaviour.BOUNCES, 1, Duration.ofMinutes(2), null),
                contact("noah.kim@adatum.example", "Noah Kim", "the Seoul AI night",
                        "evaluating LLM features", DemoContact.Behaviour.SILENT, 0, Duration.ZERO, null),
                contact("emma.dubois@wingtip.example", "Emma Dubois", "the Paris fintech forum",
                        "open banking APIs", DemoContact.Behaviour.REPLIES, 3, Duration.ofHours(3),
                        "Ha, not stalking at all - thanks for persisting. Let's find a time."),
                new DemoContact(ContactSpec.of("kenji.sato@proseware.example", "Kenji Sato"),
                        DemoContact.Behaviour.SILENT, 0, Duration.ZERO, null),
                new DemoContact(ContactSpec.of("grace.hopper@contoso-navy.example", "Grace Hopper")
                        .withFields(Map.of("met_at", "the Annapolis compilers workshop", "topic", "COBOL at scale"))
                        .withTier(1), DemoContact.Behaviour.SILENT, 0, Duration.ZERO, null));
    }

    /**
     * Contacts of the A/B sequence with a LinkedIn task step: enough of them that both thank-you versions are sent;
     * two reply.
     */
    private static List<DemoContact> connectContacts() {
        String[][] people = {
                {"olga.ivanova@fourthcoffee.example", "Olga Ivanova", "the Vienna data conference", "data contracts"},
                {"tom.baker@margie.example", "Tom Baker", "the London retail breakfast", "store analytics"},
                {"lea.martin@blueyonder.example", "Léa Martin", "the Lyon logistics day", "route planning"},
                {"raj.mehta@cpandl.example", "Raj Mehta", "the Bangalore SaaS summit", "usage-based pricing"},
                {"ines.garcia@alpineski.example", "Inés García", "the Madrid mobility forum", "fleet electrification"},
                {"mark.jensen@relecloud.example", "Mark Jensen", "the Copenhagen design night", "service design"}};
        List<DemoContact> contacts = new java.util.ArrayList<>();
        for (int i = 0; i < people.length; i++) {
            boolean replies = i == 1 || i == 4;
            contacts.add(contact(people[i][0], people[i][1], people[i][2], people[i][3],
                    replies ? DemoContact.Behaviour.REPLIES : DemoContact.Behaviour.SILENT, replies ? i == 1 ? 1 : 2 : 0,
                    Duration.ofHours(6), replies ? "Thanks - yes, a call next week would be good." : null));
        }
        return contacts;
    }

    /**
     * Priya, introduced by Maya: Maya is acknowledged at once; when Priya answers, a "we have connected" note to Maya,
     * then your report-back task (done by the simulated you) and the thank-you.
     */
    private static DemoContact introduced() {
        ContactSpec spec = ContactSpec.of("priya.nair@northwind.example", "Priya Nair");
        return new DemoContact(new ContactSpec(spec.email(), spec.name(), null, null, "Northwind", null, null, null,
                List.of(), Map.of("met_at", "an introduction by Maya", "topic", "pricing experiments"),
                "maya.patel@northwind.example"), DemoContact.Behaviour.REPLIES, 1, Duration.ofHours(4),
                "Hi! Maya told me about you - happy to talk. Thursday morning?");
    }

    private static DemoContact contact(String email, String name, String metAt, String topic,
                                       DemoContact.Behaviour behaviour, int answersStep, Duration delay,
                                       String replyText) {
        return new DemoContact(ContactSpec.of(email, name).withFields(Map.of("met_at", metAt, "topic", topic)),
                behaviour, answersStep, delay, replyText);
    }

    private void begin() {
        out.println("followup demo: an embedded mail server (GreenMail) on 127.0.0.1, SMTP port "
                + greenMail.getSmtp().getPort() + ", IMAP port " + greenMail.getImap().getPort() + ";");
        out.println("an embedded database in " + dataDir + "; the sample sequence '" + SEQUENCE
                + "' from templates/ and config/sequences/;");
        out.println("a clock running " + (long) SPEED + "x faster than real time (one second is twelve hours).");
        out.println("Eight contacts you met at events: some reply, one is out of office, one address bounces, "
                + "some stay silent, and one has no 'met_at' (its draft is held, never sent as \"at ,\").");
        out.println("A ninth is a tier-1 contact: their drafts wait for your approval in the web UI (the queue).");
        out.println("Six more are in '" + CONNECT_SEQUENCE + "': two versions of the thank-you (A/B, compared on the "
                + "Sequences page) and a LinkedIn task step that you (simulated) do; two of them reply.");
        out.println("Priya was introduced by Maya ('" + INTRODUCED_SEQUENCE + "'): a thank-you for the introduction, "
                + "a 'we have connected' note when Priya replies, a report-back task for you and the final thank-you;");
        out.println("the notes to Maya wait for your approval in the queue.");
        out.println();
        daemon.start();
        out.println("web UI: http://127.0.0.1:" + daemon.webPort() + "  (login: " + WebLogin.USER + " / "
                + webPassword + ")");
        out.println();
        out.flush();
        clock.run();
        for (DemoContact contact : contacts()) {
            daemon.enrollments().enroll(contact.contact(), SEQUENCE, "demo");
        }
        for (DemoContact contact : connectContacts()) {
            daemon.enrollments().enroll(contact.contact(), CONNECT_SEQUENCE, "demo");
        }
        daemon.enrollments().enroll(introduced().contact(), INTRODUCED_SEQUENCE, "demo: introduced by Maya");
        narrator.start();
        recipients.start();
        taskDoer.start();
    }

    /** Stops everything and returns the summary JSON (counted before the database closes). */
    public synchronized String finish() {
        if (closed) {
            return null;
        }
        closed = true;
        try {
            recipients.stop();
            taskDoer.stop();
            narrator.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String summary = DemoSummary.of(daemon.database().jdbi());
        close();
        return summary;
    }

    @Override
    public void close() {
        daemon.close();
        greenMail.stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            out.println("demo: could not remove " + dataDir + ": " + e.getMessage());
        }
    }
}
