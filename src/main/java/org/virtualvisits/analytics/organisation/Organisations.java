package org.virtualvisits.analytics.organisation;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organisations table. */
@Repository
public class Organisations {

    private static final String COLUMNS = """
            id, slug, name, analytics_enabled, bookings_licence, ehr_licence,
            lobby_wait_threshold_seconds, retention_days""";

    private final JdbcClient jdbc;

    Organisations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Organisation> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from organisation where id = :id")
                .param("id", id).query(Organisation.class).optional();
    }

    public Optional<Organisation> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from organisation where slug = :slug")
                .param("slug", slug).query(Organisation.class).optional();
    }

    public List<Organisation> findAll() {
        return jdbc.sql("select " + COLUMNS + " from organisation order by id").query(Organisation.class).list();
    }

    /** Creates the organisation unless one with that slug exists; either way returns it. */
    public Organisation createIfMissing(String slug, String name, boolean bookingsLicence, boolean ehrLicence) {
        jdbc.sql("""
                        insert into organisation (slug, name, bookings_licence, ehr_licence)
                        values (:slug, :name, :bookings, :ehr) on conflict (slug) do nothing""")
                .param("slug", slug).param("name", name)
                .param("bookings", bookingsLicence).param("ehr", ehrLicence)
                .update();
        return findBySlug(slug).orElseThrow();
    }

    public void setAnalyticsEnabled(long id, boolean enabled) {
        jdbc.sql("update organisation set analytics_enabled = :enabled where id = :id")
                .param("enabled", enabled).param("id", id).update();
    }

    /** Licences, retention and lobby-wait threshold of the organisation (global admin settings). */
    public void updateSettings(long id, boolean bookingsLicence, boolean ehrLicence, int retentionDays,
            int lobbyWaitThresholdSeconds) {
        jdbc.sql("""
                        update organisation set bookings_licence = :bookings, ehr_licence = :ehr,
                               retention_days = :retention, lobby_wait_threshold_seconds = :threshold
                        where id = :id""")
                .param("bookings", bookingsLicence).param("ehr", ehrLicence)
                .param("retention", retentionDays).param("threshold", lobbyWaitThresholdSeconds)
                .param("id", id).update();
    }

    /** The organisation whose Entra tenant id is this one (compared case-insensitively: it is a GUID). */
    public Optional<Organisation> findByEntraTenantId(String tenantId) {
        return jdbc.sql("select " + COLUMNS + " from organisation where lower(entra_tenant_id) = lower(:tid)")
                .param("tid", tenantId).query(Organisation.class).optional();
    }

    /** The organisation's Entra tenant id, if set (directory sign-in, decision 0021). */
    public Optional<String> entraTenantId(long id) {
        return jdbc.sql("select entra_tenant_id from organisation where id = :id and entra_tenant_id is not null")
                .param("id", id).query(String.class).optional();
    }

    /** Sets (or, with null, clears) the organisation's Entra tenant id; false if another organisation has it. */
    public boolean setEntraTenantId(long id, String tenantId) {
        return jdbc.sql("""
                        update organisation set entra_tenant_id = :tid
                        where id = :id and not exists (select 1 from organisation other
                              where other.id <> :id and lower(other.entra_tenant_id) = lower(:tid))""")
                .param("tid", tenantId).param("id", id).update() == 1;
    }

    /** Reads the organisation and locks its row until the end of the transaction. */
    public Optional<Organisation> lockById(long id) {
        return jdbc.sql("select " + COLUMNS + " from organisation where id = :id for update")
                .param("id", id).query(Organisation.class).optional();
    }
}
