package io.followup.contact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of a contact when it is enrolled or imported; null means "not given" (an existing value is kept).
 * {@code introducedBy} is the e-mail address of an existing contact. {@code fields} keep the order they were given
 * in (the CSV's column order), so what is stored and shown reads as the file did.
 */
public record ContactSpec(String email, String name, String firstName, String lastName, String company,
                          Integer tier, String goal, String timeZone, List<String> tags, Map<String, String> fields,
                          String introducedBy) {

    public ContactSpec {
        tags = tags == null ? List.of() : List.copyOf(tags);
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A contact with just an address and a name. */
    public static ContactSpec of(String email, String name) {
        return new ContactSpec(email, name, null, null, null, null, null, null, List.of(), Map.of(), null);
    }

    public ContactSpec withFields(Map<String, String> newFields) {
        return new ContactSpec(email, name, firstName, lastName, company, tier, goal, timeZone, tags, newFields,
                introducedBy);
    }

    public ContactSpec withCompany(String newCompany) {
        return new ContactSpec(email, name, firstName, lastName, newCompany, tier, goal, timeZone, tags, fields,
                introducedBy);
    }

    public ContactSpec withTier(Integer newTier) {
        return new ContactSpec(email, name, firstName, lastName, company, newTier, goal, timeZone, tags, fields,
                introducedBy);
    }

    public ContactSpec withTimeZone(String zone) {
        return new ContactSpec(email, name, firstName, lastName, company, tier, goal, zone, tags, fields,
                introducedBy);
    }
}
