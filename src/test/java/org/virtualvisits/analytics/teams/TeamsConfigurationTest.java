package org.virtualvisits.analytics.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;

/** app.teams.*: defaults, the default organisation's unattended connection, and its first sync scheduled. */
@IntegrationTest
class TeamsConfigurationTest {

    @Autowired Organisations organisations;
    @Autowired TeamsConnections connections;
    @Autowired TeamsScheduling scheduling;
    @Autowired Scheduler scheduler;
    @Autowired TestFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    static TeamsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("app.teams", TeamsProperties.class);
    }

    static TeamsProperties configured() {
        return bind(Map.of("app.teams.tenant-id", GraphStandIn.TENANT, "app.teams.client-id", GraphStandIn.CLIENT,
                "app.teams.client-secret", GraphStandIn.SECRET, "app.teams.graph-url", "http://graph-proxy:8080/",
                "app.teams.secret-key", Base64.getEncoder().encodeToString(new byte[32])));
    }

    @Test
    void theDefaultsAreMicrosoftsUrlsAQuarterHourAndThirtyDays() {
        TeamsProperties defaults = bind(Map.of());
        assertThat(defaults.graphUrl()).isEqualTo("https://graph.microsoft.com");
        assertThat(defaults.loginUrl()).isEqualTo("https://login.microsoftonline.com");
        assertThat(defaults.syncInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.lookback()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.configured()).isFalse();
        assertThat(configured().graphUrl()).as("plain http allowed, trailing slash dropped")
                .isEqualTo("http://graph-proxy:8080");
        assertThatThrownBy(() -> bind(Map.of("app.teams.login-url", "ftp://login"))).hasRootCauseMessage(
                "app.teams.login-url must be an http(s) URL: ftp://login");
    }

    @Test
    void theThreeCredentialsConnectTheDefaultOrganisationAndNoOther() {
        TeamsSettings settings = new TeamsSettings(configured(), connections, organisations);
        Organisation defaultOrganisation = organisations.findBySlug(DefaultOrganisation.SLUG).orElseThrow();
        Organisation other = fixture.newOrganisation();

        assertThat(settings.fromConfiguration(defaultOrganisation.id())).isTrue();
        GraphConnection connection = settings.connection(defaultOrganisation.id()).orElseThrow();
        assertThat(connection).isEqualTo(new GraphConnection("https://login.microsoftonline.com",
                "http://graph-proxy:8080", GraphStandIn.TENANT, GraphStandIn.CLIENT, GraphStandIn.SECRET));
        assertThat(connection.toString()).doesNotContain(GraphStandIn.SECRET);
        assertThat(settings.fromConfiguration(other.id())).isFalse();
        assertThat(settings.connection(other.id())).isEmpty();
    }

    @Test
    void atStartUpTheConfiguredOrganisationGetsAConnectionAndItsFirstSyncIsDue() throws InterruptedException {
        Organisation org = fixture.newOrganisation(); // stands for the default organisation
        new TeamsStartup(configured(), connections, scheduling, clock).run(org, false);

        assertThat(connections.find(org.id())).get().extracting(TeamsConnections.Stored::syncInterval)
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of(TeamsSyncTasks.SYNC.getTaskName(),
                Long.toString(org.id())))).as("the organisation's sync execution").isPresent();

        // Without credentials (the context's settings have none for this organisation) the execution ends itself.
        long deadline = System.currentTimeMillis() + 30_000;
        scheduler.triggerCheckForDueExecutions();
        while (scheduler.getScheduledExecution(TaskInstanceId.of(TeamsSyncTasks.SYNC.getTaskName(),
                Long.toString(org.id()))).isPresent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of(TeamsSyncTasks.SYNC.getTaskName(),
                Long.toString(org.id())))).isEmpty();
        jdbc.sql("delete from teams_connection where organisation_id = :org").param("org", org.id()).update();
    }
}
