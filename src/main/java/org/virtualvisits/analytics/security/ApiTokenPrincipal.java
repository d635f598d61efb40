package org.virtualvisits.analytics.security;

import java.io.Serializable;
import java.util.Set;

/** A caller of the HTTP API, authenticated by a bearer token of one organisation. */
public record ApiTokenPrincipal(long tokenId, long organisationId, String name, Set<ApiScope> scopes)
        implements Serializable {

    public ApiTokenPrincipal {
        scopes = Set.copyOf(scopes);
    }
}
