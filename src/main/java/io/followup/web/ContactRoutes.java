package io.followup.web;

import io.followup.FollowupException;
import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.contact.ContactStory;
import io.followup.contact.SuppressionList;
import io.followup.sequence.timing.Cadence;
import io.followup.keepintouch.KeepInTouchService;
import io.followup.keepintouch.KeepInTouchStore;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Contacts: search by address, name or company; one contact with its tier, time zone, suppression, keep-in-touch
 * cadence, enrollments and history; changing tier and time zone, suppressing and unsuppressing, setting or
 * clearing the cadence. Each change writes its event row. Thread-safe.
 */
final class ContactRoutes implements RouteTable {

    /** One line of the contact list. */
    public record ContactLine(Contact contact, boolean suppressed) {
    }

    private final Jdbi jdbi;
    private final ContactStore contacts;
    private final SuppressionList suppressions;
    private final KeepInTouchService keepInTouch;
    private final KeepInTouchStore cadences = new KeepInTouchStore();
    private final EventLog events;
    private final Pages pages;
    private final History history = new History();

    ContactRoutes(Jdbi jdbi, ContactStore contacts, SuppressionList suppressions, KeepInTouchService keepInTouch,
                  EventLog events, Pages pages) {
        this.jdbi = jdbi;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.keepInTouch = keepInTouch;
        this.events = events;
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/contacts", this::list);
        app.get("/contacts/{id}", this::show);
        app.post("/contacts/{id}/details", this::details);
        app.post("/contacts/{id}/suppress", this::suppress);
        app.post("/contacts/{id}/unsuppress", this::unsuppress);
        app.post("/contacts/{id}/keep-in-touch", this::cadence);
    }

    private void list(Context context) {
        String query = context.queryParam("q") == null ? "" : context.queryParam("q").strip();
        Paging.Page<ContactLine> page = Paging.read(Paging.Request.of(context), (direction, key, limit) ->
                jdbi.withHandle(handle -> {
                    List<Contact> found = contacts.page(handle, query, position(key),
                            direction == Paging.Direction.BACKWARD, limit);
                    Map<String, ?> suppressed = suppressions.matchAll(handle,
                            found.stream().map(Contact::email).toList());
                    return found.stream().map(contact -> new ContactLine(contact,
                            suppressed.containsKey(contact.email()))).toList();
                }), line -> line.contact().tier() + "." + line.contact().email(),
                query.isEmpty() ? "/contacts" : "/contacts?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        pages.render(context, "contacts.vm", "Contacts", Map.of("section", "contacts", "query", query,
                "contacts", page.rows(), "paging", page.links()));
    }

    /** A page position {@code <tier>.<address>} (null for none). */
    private static ContactStore.ListPosition position(String key) {
        if (key == null) {
            return null;
        }
        int dot = key.indexOf('.');
        if (dot < 1) {
            throw FollowupException.badInput("page position (after/before): expected <tier>.<address>, got " + key);
        }
        return new ContactStore.ListPosition((int) Paging.number(key.substring(0, dot), "the tier"),
                key.substring(dot + 1));
    }

    private void show(Context context) {
        long id = id(context);
        Map<String, Object> model = jdbi.withHandle(handle -> {
            Contact contact = contacts.find(handle, id).orElseThrow(() -> notFound(id));
            Map<String, Object> found = new HashMap<>();
            found.put("contact", contact);
            found.put("suppression", suppressions.match(handle, contact.email()).orElse(null));
            found.put("cadence", cadences.find(handle, id).orElse(null));
            contacts.handedOffOwner(handle, id).ifPresent(owner -> found.put("owner", owner));
            found.put("enrollments", history.enrollmentsOfContact(handle, id));
            found.put("events", ContactStory.eventsOfContact(handle, id, 50));
            return found;
        });
        model.put("section", "contacts");
        pages.render(context, "contact.vm", ((Contact) model.get("contact")).email(), model);
    }

    private void details(Context context) {
        long id = id(context);
        int tier = tier(context.formParam("tier"));
        String zoneText = context.formParam("time_zone") == null ? "" : context.formParam("time_zone").strip();
        String zone = zoneText.isEmpty() ? null : ContactStore.validateZone(zoneText).getId();
        jdbi.useTransaction(handle -> {
            Contact contact = contacts.find(handle, id).orElseThrow(() -> notFound(id));
            Instant now = pages.clock().instant();
            contacts.setTierAndZone(handle, id, tier, zone, now);
            events.append(handle, now, EventLog.Event.of(EventKind.CONTACT_UPDATED, "web by " + user(context))
                    .contact(id).detail("tier " + contact.tier() + " -> " + tier + ", time zone "
                            + contact.timeZone() + " -> " + zone));
        });
        done(context, id, "Saved tier and time zone.");
    }

    private void suppress(Context context) {
        long id = id(context);
        String reason = context.formParam("reason") == null || context.formParam("reason").isBlank()
                ? "suppressed by hand" : context.formParam("reason").strip();
        jdbi.useTransaction(handle -> suppressions.add(handle, contacts.find(handle, id)
                .orElseThrow(() -> notFound(id)).email(), reason, "web by " + user(context), pages.clock().instant()));
        done(context, id, "Suppressed: nothing more goes to this address.");
    }

    private void unsuppress(Context context) {
        long id = id(context);
        jdbi.useTransaction(handle -> suppressions.remove(handle, contacts.find(handle, id)
                .orElseThrow(() -> notFound(id)).email(), "web by " + user(context), pages.clock().instant()));
        done(context, id, "No longer suppressed.");
    }

    private void cadence(Context context) {
        long id = id(context);
        String email = jdbi.withHandle(handle -> contacts.find(handle, id).orElseThrow(() -> notFound(id)).email());
        String text = context.formParam("cadence") == null ? "" : context.formParam("cadence").strip();
        if (text.isEmpty()) {
            keepInTouch.clear(email, "web by " + user(context));
            done(context, id, "Keep-in-touch cadence cleared.");
        } else {
            Cadence cadence;
            try {
                cadence = Cadence.parse(text);
            } catch (IllegalArgumentException invalid) {
                throw FollowupException.badInput("cadence: expected " + Cadence.EXPECTED);
            }
            keepInTouch.set(email, cadence, "web by " + user(context));
            done(context, id, "Keep-in-touch cadence set to " + text + ".");
        }
    }

    private static int tier(String text) {
        try {
            int tier = Integer.parseInt(text == null ? "" : text.strip());
            if (tier >= 1 && tier <= 5) {
                return tier;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw FollowupException.badInput("the tier must be a number from 1 (most important) to 5");
    }

    private static void done(Context context, long id, String message) {
        Requests.done(context, "/contacts/" + id, message);
    }

    private static String user(Context context) {
        return Requests.user(context);
    }

    private static long id(Context context) {
        return Requests.id(context, "contact");
    }

    private static FollowupException notFound(long id) {
        return FollowupException.notFound("no contact #" + id);
    }
}
