package org.virtualvisits.analytics.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;

/** The users table. */
@Repository
public class UserAccounts {

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AppUserPrincipal> findByUsername(String username) {
        return jdbc.sql("""
                        select id, organisation_id, username, display_name, password_hash, role, departments, enabled
                        from app_user where lower(username) = lower(:username)""")
                .param("username", username)
                .query(UserAccounts::map)
                .optional();
    }

    public boolean exists(String username) {
        return findByUsername(username).isPresent();
    }

    public long create(long organisationId, String username, String displayName, String passwordHash, Role role,
            Collection<String> departments) {
        return jdbc.sql("""
                        insert into app_user (organisation_id, username, display_name, password_hash, role, departments)
                        values (:org, :username, :displayName, :hash, :role, cast(:departments as text[])) returning id""")
                .param("org", organisationId)
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", passwordHash)
                .param("role", role.name())
                .param("departments", PgArrays.textArray(departments))
                .query(Long.class)
                .single();
    }

    static AppUserPrincipal map(ResultSet rs, int row) throws SQLException {
        return new AppUserPrincipal(
                rs.getLong("id"),
                rs.getLong("organisation_id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")),
                toSet(rs.getArray("departments")),
                rs.getBoolean("enabled"));
    }

    private static Set<String> toSet(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return new HashSet<>(Arrays.asList((String[]) array.getArray()));
    }
}
