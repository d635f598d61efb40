package org.virtualvisits.analytics.teams;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.StartupTask;

/**
 * Unattended set-up: with {@code app.teams.tenant-id}, {@code client-id} and {@code client-secret}
 * set, the default organisation gets a connection and its first sync is due at once. Every
 * organisation with a saved connection keeps (or gets back) its scheduled sync.
 */
@Component
class TeamsStartup implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(TeamsStartup.class);

    private final TeamsProperties properties;
    private final TeamsConnections connections;
    private final TeamsScheduling scheduling;
    private final java.time.Clock clock;

    TeamsStartup(TeamsProperties properties, TeamsConnections connections, TeamsScheduling scheduling,
                 java.time.Clock clock) {
        this.properties = properties;
        this.connections = connections;
        this.scheduling = scheduling;
        this.clock = clock;
    }

    @Override
    public void run(Organisation defaultOrganisation, boolean demoEnabled) {
        if (properties.configured()) {
            connections.createIfMissing(defaultOrganisation.id(), properties.syncInterval());
            log.info("Microsoft Teams connector configured for the default organisation (tenant {}, client {})",
                    properties.tenantId(), properties.clientId());
        }
        for (long organisationId : connections.organisations()) {
            scheduling.ensureScheduled(organisationId, clock.instant());
        }
    }
}
