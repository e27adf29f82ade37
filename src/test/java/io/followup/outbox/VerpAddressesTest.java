package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerpAddressesTest {

    private final VerpAddresses verp = new VerpAddresses("a key of at least sixteen bytes".getBytes(
            StandardCharsets.UTF_8));

    @Test
    void aSignedReturnAddressNamesItsOutboundMessageAndVerifies() {
        String address = verp.envelopeSender("Owner@Example.org", 123_456);
        assertThat(address).matches("owner\\+b-2n9c-[0-9a-f]{16}@example\\.org");
        assertThat(verp.outboundId("owner@example.org", address)).hasValue(123_456);
        assertThat(verp.outboundId("owner@example.org", address.toUpperCase())).as("case folded by a server")
                .hasValue(123_456);
        assertThat(VerpAddresses.looksLikeOne("owner@example.org", address)).isTrue();
    }

    @Test
    void aForgedChangedOrForeignAddressDoesNotVerify() {
        String address = verp.envelopeSender("owner@example.org", 42);
        assertThat(verp.outboundId("owner@example.org", address.replace("b-16-", "b-17-"))).isEmpty();
        assertThat(verp.outboundId("owner@example.org", address.replaceAll("-[0-9a-f]{16}@", "-0000000000000000@")))
                .isEmpty();
        assertThat(verp.outboundId("other@example.org", address)).isEmpty();
        assertThat(new VerpAddresses("another key, sixteen bytes+".getBytes(StandardCharsets.UTF_8))
                .outboundId("owner@example.org", address)).isEmpty();
        assertThat(verp.outboundId("owner@example.org", "owner@example.org")).isEmpty();
    }
}
