package org.virtualvisits.analytics.teams;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.Organisations;

/**
 * Which Graph connection an organisation syncs with. The default organisation takes its credentials
 * from {@code app.teams.*} when the three are set (the page then shows them as set by configuration);
 * every other case uses the connection saved on the page, whose secret is decrypted with
 * {@code app.teams.secret-key}.
 */
@Component
class TeamsSettings {

    private final TeamsProperties properties;
    private final TeamsConnections connections;
    private final Organisations organisations;
    private final SecretCipher cipher;
    /** Tests: a Graph stand-in on a random port instead of app.teams.login-url/graph-url. */
    private volatile String[] urlOverride;

    TeamsSettings(TeamsProperties properties, TeamsConnections connections, Organisations organisations) {
        this.properties = properties;
        this.connections = connections;
        this.organisations = organisations;
        // A wrong key stops the start-up: better than finding out at the first save.
        this.cipher = TeamsProperties.blank(properties.secretKey()) ? null : new SecretCipher(properties.secretKey());
    }

    TeamsProperties properties() {
        return properties;
    }

    /** Tests only: Graph and its token endpoint at other URLs (null: back to the configured ones). */
    void overrideUrls(String loginUrl, String graphUrl) {
        urlOverride = loginUrl == null ? null : new String[] {loginUrl, graphUrl};
    }

    String loginUrl() {
        String[] override = urlOverride;
        return override != null ? override[0] : properties.loginUrl();
    }

    String graphUrl() {
        String[] override = urlOverride;
        return override != null ? override[1] : properties.graphUrl();
    }

    /** A connection with the effective URLs. */
    GraphConnection connection(String tenantId, String clientId, String clientSecret) {
        return new GraphConnection(loginUrl(), graphUrl(), tenantId, clientId, clientSecret);
    }

    Optional<SecretCipher> cipher() {
        return Optional.ofNullable(cipher);
    }

    /** Whether the organisation's credentials come from configuration rather than from the page. */
    boolean fromConfiguration(long organisationId) {
        return properties.configured() && organisations.findById(organisationId)
                .map(o -> DefaultOrganisation.SLUG.equals(o.slug())).orElse(false);
    }

    /**
     * The connection to use, or empty when the organisation has none (or an incomplete one).
     *
     * @throws IllegalStateException when a saved secret cannot be decrypted (no key, or another key)
     */
    Optional<GraphConnection> connection(long organisationId) {
        if (fromConfiguration(organisationId)) {
            return Optional.of(connection(properties.tenantId().trim(), properties.clientId().trim(),
                    properties.clientSecret()));
        }
        return connections.find(organisationId)
                .filter(c -> !TeamsProperties.blank(c.tenantId()) && !TeamsProperties.blank(c.clientId())
                        && c.secretCipher() != null)
                .map(c -> connection(c.tenantId(), c.clientId(), cipher().orElseThrow(() -> new IllegalStateException(
                                "app.teams.secret-key is not set: the saved client secret cannot be read"))
                                .decrypt(c.secretCipher())));
    }
}
