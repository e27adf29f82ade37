package io.followup.contact;

import java.util.List;
import java.util.Map;

/**
 * A person followup writes to. {@code fields} holds the custom fields templates may use (for example
 * {@code met_at}, {@code topic}); {@code tier} 1 is the most important.
 */
public record Contact(long id, String email, String name, String firstName, String lastName, String company,
                      int tier, String goal, String timeZone, List<String> tags, Map<String, String> fields,
                      Long introducedBy) {

    public Contact {
        tags = tags == null ? List.of() : List.copyOf(tags);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
