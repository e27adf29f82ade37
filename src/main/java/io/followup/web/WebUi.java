package io.followup.web;

import io.followup.approval.DraftQueue;
import io.followup.config.OwnerConfig;
import io.followup.config.WebConfig;
import io.followup.contact.ContactStore;
import io.followup.contact.SuppressionList;
import io.followup.inbound.UnverifiedInbox;
import io.followup.keepintouch.KeepInTouchService;
import io.followup.outbox.StopSwitch;
import io.followup.sequence.DraftPreview;
import io.followup.sequence.EnrollmentControl;
import io.followup.sequence.SequenceCatalog;
import io.followup.store.EventLog;
import io.followup.task.TaskService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The web UI: its sessions and its route tables, one per area, wired here from the daemon's components.
 * Thread-safe.
 */
public final class WebUi {

    private final Sessions sessions;
    private final Pages pages;
    private final List<RouteTable> routes;

    /** What the web UI works with: the daemon's components. */
    public record Parts(Jdbi jdbi, Clock clock, DraftQueue drafts, ContactStore contacts,
                        SuppressionList suppressions, KeepInTouchService keepInTouch, EnrollmentControl control,
                        SequenceCatalog catalog, TaskService tasks, DraftPreview preview, EventLog events,
                        List<OwnerConfig> owners, DigestView digest, UnverifiedInbox unverified) {

        /** Parts without the unverified-mail page. */
        public Parts(Jdbi jdbi, Clock clock, DraftQueue drafts, ContactStore contacts, SuppressionList suppressions,
                     KeepInTouchService keepInTouch, EnrollmentControl control, SequenceCatalog catalog,
                     TaskService tasks, DraftPreview preview, EventLog events, List<OwnerConfig> owners,
                     DigestView digest) {
            this(jdbi, clock, drafts, contacts, suppressions, keepInTouch, control, catalog, tasks, preview, events,
                    owners, digest, null);
        }
    }

    public WebUi(WebConfig config, Parts parts) {
        ZoneId zone = parts.owners().isEmpty() ? ZoneId.of("UTC") : parts.owners().get(0).timeZone();
        // sessions expire in wall-clock time, whatever the business clock does (the demo runs one 43,200x faster)
        this.sessions = new Sessions(java.time.Clock.systemUTC(), config.sessionTimeout());
        StopSwitch stopSwitch = new StopSwitch(parts.jdbi(), mailboxId -> parts.catalog().hasMailbox(mailboxId)
                ? parts.catalog().mailbox(mailboxId).name() : "");
        List<String> mailboxNames = parts.catalog().mailboxes().values().stream()
                .map(io.followup.config.MailboxConfig::name).toList();
        this.pages = new Pages(new Views(), parts.clock(), zone, stopSwitch::active, mailboxNames,
                () -> parts.jdbi().withHandle(handle -> SequenceCatalog.storedMailboxNames(handle,
                        new io.followup.oauth.GrantStore().revoked(handle))));
        List<RouteTable> tables = new java.util.ArrayList<>(List.of(
                new LoginRoutes(config, sessions, new Passwords(), pages, loginKey(parts), java.time.Clock.systemUTC()),
                new QueueRoutes(parts.drafts(), pages),
                new ContactRoutes(parts.jdbi(), parts.contacts(), parts.suppressions(), parts.keepInTouch(),
                        parts.events(), pages),
                new EnrollmentRoutes(parts.jdbi(), parts.control(), pages),
                new SequenceRoutes(parts.jdbi(), parts.catalog(), parts.preview(), pages, parts.clock(), zone),
                new TaskRoutes(parts.tasks(), pages),
                new StopSwitchRoutes(stopSwitch, parts.clock(), mailboxNames),
                new DigestRoutes(parts.digest(), parts.owners(), pages)));
        if (parts.unverified() != null) {
            tables.add(new InboundRoutes(parts.unverified(), pages));
        }
        this.routes = List.copyOf(tables);
    }

    /** The key login CSRF tokens are signed with: kept in the database, so every node of a cluster shares it. */
    private static byte[] loginKey(Parts parts) {
        return java.util.Base64.getUrlDecoder().decode(new io.followup.store.AppSecrets().getOrCreate(parts.jdbi(),
                "login_csrf", java.time.Clock.systemUTC().instant()));
    }

    Sessions sessions() {
        return sessions;
    }

    List<RouteTable> routes() {
        return routes;
    }

    void error(Context context, HttpStatus status, String message) {
        context.status(status);
        pages.render(context, "error.vm", "That did not work", Map.of("message", message == null ? "" : message));
    }
}
