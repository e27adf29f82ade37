package io.followup.web;

import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.contact.SuppressionList;
import io.followup.contact.UnsubscribeLinks;
import io.followup.sequence.SuppressionEnforcer;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /u/{token}}: a confirmation page with one button; {@code POST /u/{token}}: the RFC 8058 one-click
 * unsubscribe (body {@code List-Unsubscribe=One-Click}), which suppresses the address, stops the contact's live
 * enrollments and cancels their unsent drafts, in one transaction with its event log rows. An invalid or altered
 * token gets 400 and a page that tells nothing more. Thread-safe.
 */
public final class UnsubscribeHandler {

    static final String REASON = "unsubscribed";
    private static final String CAUSE = "one-click unsubscribe";
    private static final Logger log = LoggerFactory.getLogger(UnsubscribeHandler.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final UnsubscribeLinks links;
    private final ContactStore contacts;
    private final SuppressionList suppressions;
    private final SuppressionEnforcer enforcer;
    private final EventLog events;

    public UnsubscribeHandler(Jdbi jdbi, Clock clock, UnsubscribeLinks links, ContactStore contacts,
                              SuppressionList suppressions, SuppressionEnforcer enforcer, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.links = links;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.enforcer = enforcer;
        this.events = events;
    }

    void confirm(Context context) {
        Optional<Contact> contact = contact(context.pathParam("token"));
        if (contact.isEmpty()) {
            invalid(context);
            return;
        }
        context.header("Cache-Control", "no-store").html(Html.page("Unsubscribe",
                "<p>Stop all follow-up emails to <strong>" + Html.escape(contact.get().email()) + "</strong>?</p>"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>"));
    }

    void unsubscribe(Context context) {
        Optional<UnsubscribeLinks.Target> target = links.verify(context.pathParam("token"));
        if (target.isEmpty() || !"One-Click".equals(context.formParam("List-Unsubscribe"))) {
            invalid(context);
            return;
        }
        long contactId = target.get().contactId();
        long enrollmentId = target.get().enrollmentId();
        boolean done = jdbi.inTransaction(handle -> {
            Optional<Contact> contact = contacts.find(handle, contactId);
            if (contact.isEmpty()) {
                return false;
            }
            Instant now = clock.instant();
            suppressions.add(handle, contact.get().email(), REASON, CAUSE, now);
            int stopped = enforcer.stopContact(handle, contactId, CAUSE, now);
            events.append(handle, now, EventLog.Event.of(EventKind.UNSUBSCRIBED, CAUSE).contact(contactId)
                    .enrollment(enrollmentId).detail(stopped + " live enrollment(s) stopped"));
            return true;
        });
        if (!done) {
            invalid(context);
            return;
        }
        log.info("contact #{} unsubscribed (one-click, from enrollment #{})", contactId, enrollmentId);
        context.header("Cache-Control", "no-store").html(Html.page("Unsubscribed",
                "<p>You will not receive any more follow-up emails from us.</p>"));
    }

    private Optional<Contact> contact(String token) {
        return links.verify(token).flatMap(target ->
                jdbi.withHandle(handle -> contacts.find(handle, target.contactId())));
    }

    private static void invalid(Context context) {
        context.status(HttpStatus.BAD_REQUEST).html(Html.page("Invalid link",
                "<p>This unsubscribe link is not valid.</p>"));
    }
}
