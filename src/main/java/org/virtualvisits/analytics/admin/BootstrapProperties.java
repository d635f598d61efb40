package org.virtualvisits.analytics.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Start-up configuration (PRODUCT.md §6).
 *
 * @param admin the first global admin of the default organisation, created once
 * @param token an API token with every scope for the default organisation, registered idempotently
 * @param organisationName name given to the default organisation when it is created
 */
@ConfigurationProperties("app.bootstrap")
public record BootstrapProperties(Admin admin, String token, String organisationName) {

    public BootstrapProperties {
        admin = admin == null ? new Admin(null, null) : admin;
        organisationName = organisationName == null || organisationName.isBlank()
                ? "Default organisation" : organisationName;
    }

    public record Admin(String username, String password) {
        public Admin {
            username = username == null || username.isBlank() ? "admin" : username.trim();
        }
    }
}
