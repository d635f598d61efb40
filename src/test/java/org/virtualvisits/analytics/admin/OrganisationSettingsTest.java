package org.virtualvisits.analytics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.admin.OrganisationSettings.Settings;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;

@IntegrationTest
class OrganisationSettingsTest extends AdminTestSupport {

    @Autowired
    OrganisationSettings settings;

    Organisation org;
    Organisation other;
    AppUserPrincipal admin;

    @BeforeEach
    void organisations() {
        org = newOrganisation();
        other = newOrganisation();
        admin = newUser(org, Role.GLOBAL_ADMIN);
        signIn(admin);
    }

    @Test
    void defaultsAreTheSchemaDefaults() {
        assertThat(settings.organisation().id()).isEqualTo(org.id());
        assertThat(settings.settings()).isEqualTo(new Settings(true, true, 365, 10));
    }

    @Test
    void changesLicencesRetentionAndThresholdOfTheOwnOrganisationOnlyAndAuditsEachChange() {
        settings.update(new Settings(false, true, 180, 15));

        Organisation changed = organisations.findById(org.id()).orElseThrow();
        assertThat(changed.bookingsLicence()).isFalse();
        assertThat(changed.ehrLicence()).isTrue();
        assertThat(changed.retentionDays()).isEqualTo(180);
        assertThat(changed.lobbyWaitThresholdSeconds()).isEqualTo(900);
        assertThat(organisations.findById(other.id()).orElseThrow()).isEqualTo(other);
        assertThat(auditOf(org)).containsExactly(
                "settings.licence|" + admin.username() + "|Bookings licence switched off",
                "settings.retention|" + admin.username() + "|Data retention 365 → 180 days",
                "settings.lobbyWaitThreshold|" + admin.username() + "|Lobby-wait threshold 10 → 15 min");
        assertThat(auditOf(other)).isEmpty();
    }

    @Test
    void savingUnchangedSettingsWritesNothingToTheAuditLog() {
        settings.update(settings.settings());
        assertThat(auditOf(org)).isEmpty();
    }

    @Test
    void refusesRetentionAndThresholdOutOfRange() {
        assertThatThrownBy(() -> settings.update(new Settings(true, true, 6, 10)))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.retention");
        assertThatThrownBy(() -> settings.update(new Settings(true, true, 3651, 10)))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.retention");
        assertThatThrownBy(() -> settings.update(new Settings(true, true, 365, 0)))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.threshold");
        assertThat(organisations.findById(org.id()).orElseThrow()).isEqualTo(org);
    }
}
