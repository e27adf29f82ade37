package io.followup.digest;

import io.followup.config.DigestConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.ErasureParticipant;
import io.followup.outbox.InlinePart;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.store.MultiRow;
import io.followup.store.UniqueKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds, previews and sends the weekly outcome digest of each owner, for an ISO week in the owner's time zone.
 * {@link #sendDue()} is the chore: once the owner's local time has passed the configured weekday and time of the
 * current week (decided with the injected clock, never Quartz's), the digest of the week before is claimed with a
 * unique {@code digest_run (owner, week)} row and queued in the outbox in the same transaction, so a restart or a
 * second daemon on the same database never queues a second one. Weeks that ended before followup was first used
 * (no event at all) get no digest. Thread-safe.
 */
public final class DigestService {

    private static final Logger log = LoggerFactory.getLogger(DigestService.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final List<OwnerConfig> owners;
    private final Map<Long, MailboxConfig> mailboxes;
    private final DigestConfig config;
    private final Outcomes outcomes;
    private final NeedsYou needsYou;
    private final DigestRenderer renderer;
    private final DigestMail mail;
    private final EventLog events;
    private final String webUrl;

    /**
     * @param mailboxes the configured mailboxes by database id (an owner's digest covers the mailboxes it owns)
     * @param webUrl    the web UI's address without a trailing slash, or null when none is configured
     */
    public DigestService(Jdbi jdbi, Clock clock, List<OwnerConfig> owners, Map<Long, MailboxConfig> mailboxes,
                         DigestConfig config, Outcomes outcomes, NeedsYou needsYou, DigestRenderer renderer,
                         DigestMail mail, EventLog events, String webUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.owners = List.copyOf(owners);
        this.mailboxes = Map.copyOf(mailboxes);
        this.config = config;
        this.outcomes = outcomes;
        this.needsYou = needsYou;
        this.renderer = renderer;
        this.mail = mail;
        this.events = events;
        this.webUrl = webUrl == null || webUrl.isBlank() ? null : webUrl.replaceAll("/+$", "");
    }

    /** The owner with this address (ignoring case), or the first owner when {@code email} is null. */
    public OwnerConfig owner(String email) {
        return owners.stream().filter(owner -> email == null || owner.email().equalsIgnoreCase(email)).findFirst()
                .orElseThrow(() -> new DigestException("no owner " + email + " is configured"));
    }

    /** The owner's time zone (UTC when none is configured). */
    public static ZoneId zone(OwnerConfig owner) {
        return owner.timeZone() == null ? ZoneOffset.UTC : owner.timeZone();
    }

    /** The last complete ISO week in the owner's time zone (the one a digest sent now would cover). */
    public IsoWeek lastCompleteWeek(OwnerConfig owner) {
        return IsoWeek.containing(clock.instant(), zone(owner)).previous();
    }

    /** The digest of {@code week} for {@code owner}, with what needs the owner as of now. */
    public Digest build(OwnerConfig owner, IsoWeek week) {
        ZoneId zone = zone(owner);
        List<Long> ids = mailboxIdsOf(owner);
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> new Digest(owner, outcomes.read(handle, ids, week, zone),
                outcomes.read(handle, ids, week.previous(), zone), needsYou.read(handle, ids, now), now, webUrl,
                FirstTouches.read(handle, ids, week.start(zone), week.end(zone), now, zone)));
    }

    /** Renders the digest of {@code week} for {@code owner} (the preview; nothing is stored). */
    public DigestRenderer.Rendered render(OwnerConfig owner, IsoWeek week) {
        return renderer.render(build(owner, week));
    }

    /**
     * Sends (queues) every owner's digest of the last complete week whose time has come; returns how many were
     * queued. Does nothing when digests are disabled.
     */
    public int sendDue() {
        if (!config.enabled()) {
            return 0;
        }
        int queued = 0;
        for (OwnerConfig owner : owners) {
            ZoneId zone = zone(owner);
            Instant now = clock.instant();
            IsoWeek current = IsoWeek.containing(now, zone);
            Instant sendAt = current.monday().plusDays(config.day().getValue() - 1L).atTime(config.time())
                    .atZone(zone).toInstant();
            if (now.isBefore(sendAt)) {
                continue;
            }
            if (send(owner, current.previous())) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Claims and queues {@code owner}'s digest of {@code week}; false when it was claimed before (by this or another
     * daemon) or when followup was not yet in use that week.
     */
    public boolean send(OwnerConfig owner, IsoWeek week) {
        String email = owner.email().toLowerCase(java.util.Locale.ROOT);
        ZoneId zone = zone(owner);
        boolean skip = jdbi.withHandle(handle -> claimed(handle, email, week)
                || !events.anyBefore(handle, week.end(zone)));
        if (skip) {
            return false;
        }
        DigestRenderer.Rendered rendered = render(owner, week);
        long mailboxId = mailboxOf(owner);
        MailboxConfig mailbox = mailboxes.get(mailboxId);
        Optional<Long> outboundId = jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            if (!claim(handle, email, week, now)) {
                return Optional.empty();
            }
            Optional<Long> id = mail.queue(handle, owner, mailboxId, mailbox, week, rendered, now);
            id.ifPresent(outbound -> {
                handle.createUpdate("UPDATE digest_run SET outbound_id = :outbound WHERE owner_email = :owner "
                                + "AND week = :week")
                        .bind("outbound", outbound).bind("owner", email).bind("week", week.toString()).execute();
                events.append(handle, now, EventLog.Event.of(EventKind.DIGEST_QUEUED, "digest schedule")
                        .outbound(outbound)
                        .detail(week + " for " + email + ": " + rendered.subject()));
            });
            return id;
        });
        outboundId.ifPresent(id -> log.info("digest {} for {} queued (outbound #{})", week, email, id));
        return outboundId.isPresent();
    }

    /**
     * The HTML of the most recent digest sent to this owner, with its charts inlined as {@code data:} URIs so a
     * browser shows it as mailed; empty when none was sent yet.
     */
    public Optional<String> latestHtml(String ownerEmail) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT o.body_html, o.inline_parts FROM digest_run d
                        JOIN outbound_message o ON o.id = d.outbound_id
                        WHERE d.owner_email = :owner AND o.state = 'sent'
                        ORDER BY d.week DESC LIMIT 1""")
                .bind("owner", ownerEmail.toLowerCase(java.util.Locale.ROOT))
                .map((rs, ctx) -> new DigestRenderer.Rendered("", "", rs.getString("body_html"),
                        InlinePart.decode(rs.getString("inline_parts"))).htmlWithDataUris())
                .findOne());
    }

    private static boolean claimed(Handle handle, String email, IsoWeek week) {
        return handle.createQuery("SELECT COUNT(*) FROM digest_run WHERE owner_email = :owner AND week = :week")
                .bind("owner", email).bind("week", week.toString()).mapTo(Integer.class).one() > 0;
    }

    /**
     * Inserts the {@code digest_run} row. A second daemon's insert waits on the unique key until the first commits
     * and then fails: that, or an existing row, means the digest is someone else's to send.
     */
    private static boolean claim(Handle handle, String email, IsoWeek week, Instant now) {
        if (claimed(handle, email, week)) {
            return false;
        }
        handle.savepoint("digest_claim");
        boolean inserted = UniqueKey.inserted(() -> handle.createUpdate(
                        "INSERT INTO digest_run (owner_email, week, created_at) VALUES (:owner, :week, :now)")
                .bind("owner", email).bind("week", week.toString()).bind("now", now).execute() == 1);
        if (!inserted) {
            handle.rollbackToSavepoint("digest_claim");
            log.debug("digest {} for {} claimed by another daemon", week, email);
        }
        return inserted;
    }

    private List<Long> mailboxIdsOf(OwnerConfig owner) {
        List<Long> ids = new ArrayList<>();
        mailboxes.forEach((id, mailbox) -> {
            if (owner.email().equalsIgnoreCase(String.valueOf(mailbox.owner()))) {
                ids.add(id);
            }
        });
        if (ids.isEmpty() && owners.size() == 1) {
            ids.addAll(mailboxes.keySet());
        }
        ids.sort(null);
        return ids;
    }

    private long mailboxOf(OwnerConfig owner) {
        List<Long> own = mailboxIdsOf(owner);
        if (!own.isEmpty()) {
            return own.get(0);
        }
        return mailboxes.keySet().stream().sorted().findFirst()
                .orElseThrow(() -> new DigestException("no mailbox to send the digest to " + owner.email() + " from"));
    }

    /** Digest runs keep no link to a forgotten contact's messages ({@code ContactEraser}'s participant). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        MultiRow.updateIn(handle, "UPDATE digest_run SET outbound_id = NULL WHERE outbound_id IN (<ids>)",
                forgotten.outbound());
    }
}
