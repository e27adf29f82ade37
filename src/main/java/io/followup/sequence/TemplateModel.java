package io.followup.sequence;

import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.contact.Contact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a template sees: {@code contact}, {@code introducer} (when there is one), {@code sender}, {@code owner} and
 * {@code step}. Keys are snake_case; values that are not known are left out, so that strict rendering reports
 * them instead of writing "Hi ,". A contact's {@code tags} are a list, present only when it has tags
 * ({@code #if($contact.tags && $contact.tags.contains("vip"))}).
 */
public final class TemplateModel {

    private TemplateModel() {
    }

    public static Map<String, Object> of(Contact contact, Contact introducer, MailboxConfig mailbox,
                                         OwnerConfig owner, int stepNumber, int stepTotal) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("contact", person(contact));
        if (introducer != null) {
            model.put("introducer", person(introducer));
        }
        Map<String, Object> sender = new LinkedHashMap<>();
        putIfPresent(sender, "name", mailbox.displayName());
        sender.put("email", mailbox.address());
        model.put("sender", sender);
        if (owner != null) {
            Map<String, Object> ownerMap = new LinkedHashMap<>();
            putIfPresent(ownerMap, "name", owner.name());
            ownerMap.put("email", owner.email());
            model.put("owner", ownerMap);
        }
        model.put("step", Map.of("number", stepNumber, "total", stepTotal));
        return model;
    }

    /** A contact as a template map: standard fields plus custom fields (custom fields never hide standard ones). */
    public static Map<String, Object> person(Contact contact) {
        Map<String, Object> person = new LinkedHashMap<>();
        contact.fields().forEach((key, value) -> putIfPresent(person, key, value));
        person.put("email", contact.email());
        putIfPresent(person, "name", contact.name());
        putIfPresent(person, "first_name", contact.firstName());
        putIfPresent(person, "last_name", contact.lastName());
        putIfPresent(person, "company", contact.company());
        person.put("tier", contact.tier());
        putIfPresent(person, "goal", contact.goal());
        if (!contact.tags().isEmpty()) {
            person.put("tags", contact.tags());
        }
        return person;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
