package org.virtualvisits.analytics.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;

/**
 * API tokens: created with a random secret shown once, stored as a SHA-256 hash, looked up
 * by that hash on every API call.
 */
@Repository
public class ApiTokens {

    /** Shortest secret accepted (also for app.bootstrap.token). */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new random secret: "vva_" and 43 URL-safe characters (256 bits). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "vva_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a token for the secret; returns its id. */
    public long create(long organisationId, String name, Set<ApiScope> scopes, String secret, String createdBy) {
        return jdbc.sql("""
                        insert into api_token (organisation_id, name, token_hash, scopes, created_by)
                        values (:org, :name, :hash, cast(:scopes as text[]), :createdBy) returning id""")
                .param("org", organisationId).param("name", name).param("hash", hash(secret))
                .param("scopes", PgArrays.textArray(scopes.stream().map(ApiScope::value).toList()))
                .param("createdBy", createdBy)
                .query(Long.class).single();
    }

    /** Registers the secret unless a token with it exists already (idempotent bootstrap). */
    public void registerIfMissing(long organisationId, String name, Set<ApiScope> scopes, String secret) {
        boolean exists = jdbc.sql("select exists(select 1 from api_token where token_hash = :hash)")
                .param("hash", hash(secret)).query(Boolean.class).single();
        if (!exists) {
            create(organisationId, name, scopes, secret, "bootstrap");
        }
    }

    /** The active token with this secret, if any; records its use (at most once a minute). */
    public Optional<ApiTokenPrincipal> authenticate(String secret) {
        Optional<ApiTokenPrincipal> principal = jdbc.sql("""
                        select id, organisation_id, name, scopes from api_token
                        where token_hash = :hash and revoked_at is null""")
                .param("hash", hash(secret))
                .query((rs, row) -> new ApiTokenPrincipal(rs.getLong("id"), rs.getLong("organisation_id"),
                        rs.getString("name"), scopes(rs)))
                .optional();
        principal.ifPresent(p -> jdbc.sql("""
                        update api_token set last_used_at = now()
                        where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
                .param("id", p.tokenId()).update());
        return principal;
    }

    public List<ApiToken> findByOrganisation(long organisationId) {
        return jdbc.sql("""
                        select id, organisation_id, name, scopes, created_at, created_by, last_used_at, revoked_at
                        from api_token where organisation_id = :org order by created_at desc, id desc""")
                .param("org", organisationId)
                .query((rs, row) -> new ApiToken(rs.getLong("id"), rs.getLong("organisation_id"),
                        rs.getString("name"), scopes(rs), instant(rs, "created_at"), rs.getString("created_by"),
                        instant(rs, "last_used_at"), instant(rs, "revoked_at")))
                .list();
    }

    /** Revokes a token of the organisation; false when there is no such active token there. */
    public boolean revoke(long organisationId, long tokenId) {
        return jdbc.sql("""
                        update api_token set revoked_at = now()
                        where id = :id and organisation_id = :org and revoked_at is null""")
                .param("id", tokenId).param("org", organisationId).update() == 1;
    }

    private static Set<ApiScope> scopes(ResultSet rs) throws SQLException {
        String[] values = (String[]) rs.getArray("scopes").getArray();
        return Arrays.stream(values).map(ApiScope::fromValue).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
