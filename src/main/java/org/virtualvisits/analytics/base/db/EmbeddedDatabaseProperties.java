package org.virtualvisits.analytics.base.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param directory where the database cluster lives; kept across restarts
 * @param temporary a throw-away cluster in a fresh temporary folder (tests); durability settings relaxed
 * @param port      fixed port, or 0 for a free one
 * @param sharedBuffers PostgreSQL's {@code shared_buffers} for a kept cluster (a temporary one keeps
 *                  PostgreSQL's 128MB): with PostgreSQL's default, a million visits and their
 *                  events no longer fit and every batch reads and evicts index pages
 */
@ConfigurationProperties("app.embedded-db")
public record EmbeddedDatabaseProperties(String directory, boolean temporary, int port, String sharedBuffers) {

    public EmbeddedDatabaseProperties {
        if (directory == null || directory.isBlank()) {
            directory = "./data";
        }
        if (sharedBuffers == null || sharedBuffers.isBlank()) {
            sharedBuffers = "512MB";
        }
        if (!sharedBuffers.matches("\\d+(kB|MB|GB)")) {
            throw new IllegalArgumentException(
                    "app.embedded-db.shared-buffers must be a size such as 512MB (got '" + sharedBuffers + "')");
        }
    }
}
