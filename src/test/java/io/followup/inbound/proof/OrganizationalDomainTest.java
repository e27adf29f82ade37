package io.followup.inbound.proof;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrganizationalDomainTest {

    @Test
    void theOrganisationalDomainKeepsTwoLabelsOrThreeUnderAKnownTwoLabelSuffix() {
        assertThat(OrganizationalDomain.of("mail.eu.example.com")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("bounce@mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("Example.ORG.")).isEqualTo("example.org");
        assertThat(OrganizationalDomain.of(" ")).isNull();
        assertThat(OrganizationalDomain.of(null)).isNull();
    }

    @Test
    void subDomainsOfOneOrganisationAlignAndOthersDoNot() {
        assertThat(OrganizationalDomain.aligned("liam@example.org", "bounces@mail.example.org")).isTrue();
        assertThat(OrganizationalDomain.aligned("dave@example.org", "mallory@evil.example")).isFalse();
        assertThat(OrganizationalDomain.aligned("a@one.co.uk", "b@two.co.uk")).isFalse();
        assertThat(OrganizationalDomain.aligned("a@example.org", null)).isFalse();
    }
}
