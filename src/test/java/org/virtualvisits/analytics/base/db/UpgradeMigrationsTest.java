package org.virtualvisits.analytics.base.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.report.rollup.RollupRebuild;
import org.virtualvisits.analytics.report.rollup.RollupRebuild;

/**
 * Upgrading a database that already holds visits: migrate a new database up to V13 (before the
 * status, type and meeting-id rollups), store visits, then migrate to the latest version. The
 * backfills of V14 and V15 must give the rollups a rebuild from the visits gives, and the triggers
 * must keep them so afterwards. (Every other test migrates an empty database.)
 */
@IntegrationTest
class UpgradeMigrationsTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void v14AndV15BackfillTheRollupsOfExistingVisits() throws Exception {
        String database = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("create database " + database).update();
        try (HikariDataSource upgraded = new HikariDataSource()) {
            HikariDataSource application = dataSource.unwrap(HikariDataSource.class);
            upgraded.setJdbcUrl(application.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
            upgraded.setUsername(application.getUsername());
            upgraded.setPassword(application.getPassword());
            upgraded.setMaximumPoolSize(2);
            JdbcClient db = JdbcClient.create(upgraded);

            migrate(upgraded, "13");
            db.sql("insert into organisation (slug, name) values ('upgrade', 'Upgrade')").update();
            long org = db.sql("select id from organisation where slug = 'upgrade'").query(Long.class).single();
            db.sql("""
                    insert into visit (organisation_id, meeting_id, meeting_type, start_time, lobby_wait_seconds,
                                       duration_seconds, status, participants, sms_sent, department, appointment_kind)
                    select :org, 'UP-' || g, case when g % 3 = 0 then 'EHR' else 'BOOKINGS' end,
                           timestamptz '2026-10-01 00:00Z' + make_interval(mins => g * 37),
                           case when g % 4 = 0 then null else g % 700 end, (g * 13) % 3000,
                           (array['COMPLETED', 'NO_SHOW', 'ABANDONED', 'IN_PROGRESS'])[1 + g % 4],
                           1 + g % 3, g % 2 = 0, 'Cardiology', 'SCHEDULED'
                    from generate_series(1, 2000) g""").param("org", org).update();
            assertThat(db.sql("select count(*) from visit_sort_daily where sort_key in ('status', 'type')")
                    .query(Long.class).single()).as("nothing of V14 before it").isZero();

            migrate(upgraded, "latest");
            assertRollupsEqualARebuild(db, org);
            // And the triggers take over from the backfills.
            db.sql("update visit set status = 'COMPLETED', start_time = start_time + interval '1 day' "
                    + "where organisation_id = :org and meeting_id like 'UP-1%'").param("org", org).update();
            db.sql("delete from visit where organisation_id = :org and meeting_id like 'UP-2%'")
                    .param("org", org).update();
            assertRollupsEqualARebuild(db, org);
        } finally {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
        }
    }

    private static void migrate(HikariDataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }

    /** Every rollup equals a rebuild from the visits, and V14's status rows exist at all. */
    private static void assertRollupsEqualARebuild(JdbcClient db, long org) {
        RollupRebuild.assertRollupsEqualARebuild(db, org);
        assertThat(db.sql("select count(*) from visit_sort_daily where organisation_id = :org and sort_key = 'status'")
                .param("org", org).query(Long.class).single()).isPositive();
    }
}
