package org.virtualvisits.analytics.security;

import java.time.Instant;
import java.util.Set;

/** A stored API token as administrators see it (never the secret itself). */
public record ApiToken(long id, long organisationId, String name, Set<ApiScope> scopes, Instant createdAt,
        String createdBy, Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
