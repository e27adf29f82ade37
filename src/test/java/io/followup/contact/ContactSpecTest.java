package io.followup.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactSpecTest {

    @Test
    void fieldsKeepTheOrderTheyWereGivenIn() {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : List.of("zeta", "alpha", "mid", "beta", "omega", "gamma", "delta", "kappa")) {
            given.put(name, name.toUpperCase());
        }

        ContactSpec spec = ContactSpec.of("ada@example.org", "Ada").withFields(given);

        assertEquals(List.copyOf(given.keySet()), List.copyOf(spec.fields().keySet()));
    }

    @Test
    void fieldsCannotBeChangedAfterwardsNorThroughTheMapTheyCameFrom() {
        Map<String, String> given = new LinkedHashMap<>(Map.of("role", "CTO"));
        ContactSpec spec = ContactSpec.of("ada@example.org", "Ada").withFields(given);

        given.put("role", "CEO");

        assertEquals("CTO", spec.fields().get("role"));
        assertThrows(UnsupportedOperationException.class, () -> spec.fields().put("x", "y"));
    }
}
