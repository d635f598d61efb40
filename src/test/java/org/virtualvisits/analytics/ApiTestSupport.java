package org.virtualvisits.analytics;

import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.ApiTokens;
import org.virtualvisits.analytics.visits.DerivationRounds;

/** Each API test gets an organisation of its own (isolated from demo data) and tokens for it. */
public abstract class ApiTestSupport {

    @Autowired
    protected Organisations organisations;
    @Autowired
    protected ApiTokens apiTokens;
    @Autowired
    protected TestFixture fixture;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected DerivationRounds derivation;

    /**
     * Derives every queued meeting now. A {@code 202} means the events are stored; their visits are
     * derived in the background (decision 0011), so a test that reads visits right after storing
     * events waits for that first.
     */
    protected void deriveQueuedVisits() {
        derivation.deriveQueued(Duration.ofSeconds(60));
    }

    protected Organisation newOrganisation() {
        return fixture.newOrganisation();
    }

    protected String tokenFor(Organisation organisation, Set<ApiScope> scopes) {
        return fixture.tokenFor(organisation, scopes);
    }

    protected String fullToken(Organisation organisation) {
        return fixture.fullToken(organisation);
    }

    protected long storedEvents(Organisation organisation) {
        return jdbc.sql("select count(*) from meeting_event where organisation_id = :org")
                .param("org", organisation.id()).query(Long.class).single();
    }

    protected long storedVisits(Organisation organisation) {
        return jdbc.sql("select count(*) from visit where organisation_id = :org")
                .param("org", organisation.id()).query(Long.class).single();
    }
}
