package org.virtualvisits.analytics.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.IntegrationTest;

/** Repository test on the real (embedded) PostgreSQL. */
@IntegrationTest
@Transactional
class OrganisationsTest {

    @Autowired
    Organisations organisations;

    @Test
    void bootstrapCreatedTheDefaultAndTheSecondDemoOrganisation() {
        assertThat(organisations.findAll()).extracting(Organisation::slug)
                .contains(DefaultOrganisation.SLUG, DefaultOrganisation.SECOND_DEMO_SLUG);
    }

    @Test
    void createIfMissingIsIdempotent() {
        Organisation first = organisations.createIfMissing("acme", "Acme", true, false);
        Organisation again = organisations.createIfMissing("acme", "Another name", false, true);
        assertThat(again).isEqualTo(first);
        assertThat(again.bookingsLicence()).isTrue();
        assertThat(again.ehrLicence()).isFalse();
        assertThat(again.analyticsEnabled()).isTrue();
    }

    @Test
    void analyticsCanBeSwitchedOff() {
        Organisation org = organisations.createIfMissing("switch", "Switch", true, true);
        organisations.setAnalyticsEnabled(org.id(), false);
        assertThat(organisations.findById(org.id())).get().extracting(Organisation::analyticsEnabled).isEqualTo(false);
    }
}
