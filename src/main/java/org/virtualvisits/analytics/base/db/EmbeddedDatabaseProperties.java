package org.virtualvisits.analytics.base.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param directory where the database cluster lives; kept across restarts
 * @param temporary a throw-away cluster in a fresh temporary folder (tests); durability settings relaxed
 * @param port      fixed port, or 0 for a free one
 */
@ConfigurationProperties("app.embedded-db")
public record EmbeddedDatabaseProperties(String directory, boolean temporary, int port) {

    public EmbeddedDatabaseProperties {
        if (directory == null || directory.isBlank()) {
            directory = "./data";
        }
    }
}
