package org.virtualvisits.analytics.teams;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;

/** The teams_connection table: one Graph connection per organisation (secret stored encrypted). */
@Repository
public class TeamsConnections {

    /**
     * A stored connection.
     *
     * @param secretCipher the AES-GCM sealed client secret (never the secret itself), or null
     * @param businessIds  booking businesses to read; empty = all
     * @param syncedUntil  end of the last sync's window (null before the first sync)
     */
    public record Stored(long organisationId, String tenantId, String clientId, String secretCipher,
                         List<String> businessIds, Duration syncInterval, Instant syncedUntil) {
    }

    private final JdbcClient jdbc;

    TeamsConnections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Stored> find(long organisationId) {
        return jdbc.sql("""
                        select organisation_id, tenant_id, client_id, client_secret_cipher, business_ids,
                               sync_interval_seconds, synced_until
                        from teams_connection where organisation_id = :org""")
                .param("org", organisationId).query(TeamsConnections::row).optional();
    }

    /** Organisations with a stored connection row. */
    public List<Long> organisations() {
        return jdbc.sql("select organisation_id from teams_connection order by organisation_id")
                .query(Long.class).list();
    }

    /**
     * Creates or updates the connection; a null {@code secretCipher} keeps the stored secret. The
     * synced-until mark survives: changing businesses does not re-read the lookback.
     */
    public void save(long organisationId, String tenantId, String clientId, String secretCipher,
                     List<String> businessIds, Duration syncInterval) {
        jdbc.sql("""
                        insert into teams_connection (organisation_id, tenant_id, client_id, client_secret_cipher,
                                                      business_ids, sync_interval_seconds)
                        values (:org, :tenant, :client, :secret, cast(:businesses as text[]), :interval)
                        on conflict (organisation_id) do update set tenant_id = excluded.tenant_id,
                            client_id = excluded.client_id,
                            client_secret_cipher = coalesce(excluded.client_secret_cipher,
                                                            teams_connection.client_secret_cipher),
                            business_ids = excluded.business_ids,
                            sync_interval_seconds = excluded.sync_interval_seconds, updated_at = now()""")
                .param("org", organisationId).param("tenant", tenantId).param("client", clientId)
                .param("secret", secretCipher).param("businesses", PgArrays.textArray(businessIds))
                .param("interval", (int) syncInterval.toSeconds()).update();
    }

    /** Inserts a row with defaults unless one exists (the default organisation's configured connection). */
    public void createIfMissing(long organisationId, Duration syncInterval) {
        jdbc.sql("""
                        insert into teams_connection (organisation_id, sync_interval_seconds) values (:org, :interval)
                        on conflict (organisation_id) do nothing""")
                .param("org", organisationId).param("interval", (int) syncInterval.toSeconds()).update();
    }

    public void markSynced(long organisationId, Instant until) {
        jdbc.sql("update teams_connection set synced_until = :until where organisation_id = :org")
                .param("until", Timestamp.from(until)).param("org", organisationId).update();
    }

    private static Stored row(ResultSet rs, int rowNum) throws SQLException {
        Array businesses = rs.getArray("business_ids");
        Timestamp synced = rs.getTimestamp("synced_until");
        return new Stored(rs.getLong("organisation_id"), rs.getString("tenant_id"), rs.getString("client_id"),
                rs.getString("client_secret_cipher"),
                businesses == null ? List.of() : Arrays.asList((String[]) businesses.getArray()),
                Duration.ofSeconds(rs.getInt("sync_interval_seconds")), synced == null ? null : synced.toInstant());
    }
}
