package org.virtualvisits.analytics.teams.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.teams.TeamsAdministration;
import org.virtualvisits.analytics.teams.GraphStandIn;
import org.virtualvisits.analytics.teams.TeamsTestAccess;

/** The connection page: write-only secret stored encrypted, connection test in words, runs, access. */
class TeamsConnectionViewTest extends KaribuTest {

    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    static final GraphStandIn graph = new GraphStandIn();
    @Autowired TeamsAdministration administration;
    @Autowired JdbcClient jdbc;

    Organisation org;

    @BeforeEach
    void signInAsGlobalAdmin() {
        graph.reset();
        TeamsTestAccess.useStandIn(applicationContext, graph);
        org = fixture.newOrganisation();
        login(fixture.newUser(org, Role.GLOBAL_ADMIN).username());
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        graph.close();
    }

    @AfterEach
    void stopStandIn() {
        TeamsTestAccess.release(applicationContext, org.id());
    }

    @Test
    void savesTheConnectionWithTheSecretEncryptedAndNeverShowsItAgain() {
        UI.getCurrent().navigate(TeamsConnectionView.class);
        TeamsConnectionView view = _get(TeamsConnectionView.class);
        _setValue(view.tenantId, TENANT);
        _setValue(view.clientId, CLIENT);
        _setValue(view.clientSecret, "s3cr3t~value");
        _setValue(view.businesses, "clinic@contoso.com\n\n  other@contoso.com ");
        _setValue(view.intervalMinutes, 30);
        _click(view.save);

        NotificationsKt.expectNotifications("Teams connection saved. The first sync starts shortly.");
        String stored = jdbc.sql("select client_secret_cipher from teams_connection where organisation_id = :org")
                .param("org", org.id()).query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain("s3cr3t");
        assertThat(TeamsTestAccess.decrypt(applicationContext, stored)).isEqualTo("s3cr3t~value");
        assertThat(view.clientSecret.getValue()).isEmpty();
        assertThat(view.clientSecret.getPlaceholder()).contains("saved");
        assertThat(view.businesses.getValue()).isEqualTo("clinic@contoso.com\nother@contoso.com");
        assertThat(administration.form().toString()).doesNotContain("s3cr3t");
        assertThat(jdbc.sql("select detail from audit_log where organisation_id = :org and action = 'teams.settings'")
                .param("org", org.id()).query(String.class).single())
                .contains("client secret replaced").contains("sync every 30 min").doesNotContain("s3cr3t");

        // Saving again with the secret field left empty keeps the secret.
        _setValue(view.intervalMinutes, 20);
        _click(view.save);
        assertThat(TeamsTestAccess.decrypt(applicationContext, jdbc.sql("select client_secret_cipher from teams_connection where organisation_id = :org")
                .param("org", org.id()).query(String.class).single())).isEqualTo("s3cr3t~value");
    }

    /** A secret saved under another app.teams.secret-key: Sync now says so instead of failing. */
    @Test
    void syncNowWithASecretThatCannotBeReadSaysSo() {
        jdbc.sql("""
                insert into teams_connection (organisation_id, tenant_id, client_id, client_secret_cipher)
                values (:org, :tenant, :client, 'bm90IGEgY2lwaGVyIHRleHQgb2YgdGhpcyBrZXk=')""")
                .param("org", org.id()).param("tenant", TENANT).param("client", CLIENT).update();
        UI.getCurrent().navigate(TeamsConnectionView.class);
        TeamsConnectionView view = _get(TeamsConnectionView.class);
        _click(view.syncNow);
        NotificationsKt.expectNotifications("The saved client secret cannot be read with this server's"
                + " app.teams.secret-key (missing or changed). Enter the client secret again and save.");
        assertThat(jdbc.sql("select count(*) from teams_sync_run where organisation_id = :org")
                .param("org", org.id()).query(Long.class).single()).isZero();
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingIsSaved() {
        UI.getCurrent().navigate(TeamsConnectionView.class);
        TeamsConnectionView view = _get(TeamsConnectionView.class);
        _setValue(view.tenantId, TENANT);
        _setValue(view.clientId, "not-a-guid");
        _setValue(view.clientSecret, "x");
        _click(view.save);
        NotificationsKt.expectNotifications(
                "Enter the application (client) ID: a GUID such as 00000000-0000-0000-0000-000000000000.");
        _setValue(view.clientId, CLIENT);
        _setValue(view.clientSecret, "");
        _click(view.save);
        NotificationsKt.expectNotifications("Enter the client secret.");
        assertThat(jdbc.sql("select count(*) from teams_connection where organisation_id = :org")
                .param("org", org.id()).query(Long.class).single()).isZero();
    }

    @Test
    void testConnectionSaysInWordsWhatGraphAnswered() {
        graph.list("solutions/bookingBusinesses", List.of(
                GraphStandIn.business("clinic@contoso.com", "Cardiology Clinic")));
        UI.getCurrent().navigate(TeamsConnectionView.class);
        TeamsConnectionView view = _get(TeamsConnectionView.class);
        _setValue(view.tenantId, TENANT);
        _setValue(view.clientId, CLIENT);
        _setValue(view.clientSecret, "s3cr3t~value");
        _click(view.test);
        assertThat(view.testResult.getText())
                .isEqualTo("Connected. Booking businesses visible to this app: Cardiology Clinic (clinic@contoso.com).");

        graph.error("solutions/bookingBusinesses", 403, "Forbidden", "Missing role Bookings.Read.All");
        _click(view.test);
        assertThat(view.testResult.getText()).startsWith("Connection failed: Microsoft Graph refused access (HTTP 403)")
                .contains("Bookings.Read.All");
    }

    @Test
    void syncNowRunsTheSyncAndTheRunAppearsInTheTable() throws Exception {
        graph.list("solutions/bookingBusinesses", List.of());
        UI.getCurrent().navigate(TeamsConnectionView.class);
        TeamsConnectionView view = _get(TeamsConnectionView.class);
        _setValue(view.tenantId, TENANT);
        _setValue(view.clientId, CLIENT);
        _setValue(view.clientSecret, "s3cr3t~value");
        _click(view.save);
        NotificationsKt.clearNotifications();
        _click(view.syncNow);

        // db-scheduler runs it on its own thread.
        long deadline = System.currentTimeMillis() + 30_000;
        while (administration.lastRuns(5).stream().noneMatch(r -> r.outcome() != null)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        _click(view.syncNow); // harmless when the run is over: it just runs again
        view.refreshRuns();
        assertThat(GridKt._size(view.runs)).isGreaterThanOrEqualTo(1);
        assertThat(GridKt._getFormatted(view.runs, GridKt._size(view.runs) - 1, "outcome")).isEqualTo("OK");
        assertThat(GridKt._getFormatted(view.runs, GridKt._size(view.runs) - 1, "appointments")).isEqualTo("0");
    }

    @Test
    void otherRolesCannotUseTheConnectionService() {
        login(fixture.newUser(org, Role.TEAMS_ADMIN).username());
        assertThatThrownBy(() -> administration.form()).isInstanceOf(AccessDeniedException.class);
        login(fixture.newUser(org, Role.REPORT_VIEWER).username());
        assertThatThrownBy(() -> administration.syncNow()).isInstanceOf(AccessDeniedException.class);
    }
}
