package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactStoreTest {

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertThat(ContactStore.normalizeAddress("  Maya.Patel@Example.ORG ")).isEqualTo("maya.patel@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maya", "maya@@example.org", "Maya <maya@example.org>", "maya@example.org, x@y.z",
            "maya @example.org", "@example.org"})
    void anythingButABareAddressIsRejectedNamingTheValue(String address) {
        assertThatThrownBy(() -> ContactStore.normalizeAddress(address))
                .isInstanceOf(ContactException.class)
                .hasMessage("email: not a valid address: \"" + address.trim() + "\"");
    }

    @Test
    void timeZonesMustBeIanaNames() {
        assertThat(ContactStore.validateZone("Europe/Berlin").getId()).isEqualTo("Europe/Berlin");
        assertThatThrownBy(() -> ContactStore.validateZone("Europe/Berln"))
                .hasMessage("time_zone: not an IANA time zone: \"Europe/Berln\" (e.g. Europe/Berlin)");
    }
}
