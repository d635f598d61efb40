package org.virtualvisits.analytics.teams;

/**
 * Where and as which app registration to call Microsoft Graph (client-credentials flow).
 * {@link #toString()} never shows the secret.
 */
public record GraphConnection(String loginUrl, String graphUrl, String tenantId, String clientId,
                              String clientSecret) {

    @Override
    public String toString() {
        return "GraphConnection[" + graphUrl + ", tenant " + tenantId + ", client " + clientId + "]";
    }
}
