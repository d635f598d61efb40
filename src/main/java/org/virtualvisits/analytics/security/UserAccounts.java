package org.virtualvisits.analytics.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;

/**
 * The users table. Every method that reads or changes a user on behalf of an administrator
 * takes the organisation and matches it in SQL, so an id of another organisation's user is
 * simply not found.
 */
@Repository
public class UserAccounts {

    private static final String ACCOUNT_COLUMNS =
            "id, organisation_id, username, display_name, role, departments, enabled, created_at,"
                    + " directory_subject is not null as directory_user";

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

    /** The user with this id as a principal (for re-checking a signed-in session). */
    public Optional<AppUserPrincipal> findById(long userId) {
        return jdbc.sql("""
                        select id, organisation_id, username, display_name, password_hash, role, departments, enabled
                        from app_user where id = :id""")
                .param("id", userId)
                .query(UserAccounts::map)
                .optional();
    }

    /** The directory user with this issuer and subject (the provider's stable id of the person). */
    public Optional<AppUserPrincipal> findByDirectoryIdentity(String issuer, String subject) {
        return jdbc.sql("""
                        select id, organisation_id, username, display_name, password_hash, role, departments, enabled
                        from app_user where directory_issuer = :issuer and directory_subject = :subject""")
                .param("issuer", issuer).param("subject", subject)
                .query(UserAccounts::map)
                .optional();
    }

    /** A directory user: no password; the directory keeps name, e-mail, role and departments up to date. */
    public long createDirectoryUser(long organisationId, String username, String issuer, String subject,
            DirectoryProfile profile) {
        return jdbc.sql("""
                        insert into app_user (organisation_id, username, display_name, email, password_hash, role,
                                              departments, directory_issuer, directory_subject)
                        values (:org, :username, :displayName, :email, null, :role, cast(:departments as text[]),
                                :issuer, :subject) returning id""")
                .param("org", organisationId).param("username", username)
                .param("displayName", profile.displayName()).param("email", profile.email())
                .param("role", profile.role().name())
                .param("departments", PgArrays.textArray(profile.departments()))
                .param("issuer", issuer).param("subject", subject)
                .query(Long.class)
                .single();
    }

    /** Overwrites what the directory owns of a directory user (the directory wins at every sign-in). */
    public void updateDirectoryUser(long userId, DirectoryProfile profile) {
        jdbc.sql("""
                        update app_user set display_name = :displayName, email = :email, role = :role,
                               departments = cast(:departments as text[])
                        where id = :id and directory_subject is not null""")
                .param("displayName", profile.displayName()).param("email", profile.email())
                .param("role", profile.role().name())
                .param("departments", PgArrays.textArray(profile.departments()))
                .param("id", userId)
                .update();
    }

    /** What the directory says about a person at sign-in. */
    public record DirectoryProfile(String displayName, String email, Role role, Set<String> departments) {

        public DirectoryProfile {
            departments = departments == null ? Set.of() : Set.copyOf(departments);
        }
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

    /** The organisation's users, by username. */
    public List<UserAccount> findByOrganisation(long organisationId) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from app_user where organisation_id = :org order by lower(username)")
                .param("org", organisationId)
                .query(UserAccounts::mapAccount)
                .list();
    }

    /** The user with this id if, and only if, it belongs to the organisation. */
    public Optional<UserAccount> findInOrganisation(long organisationId, long userId) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from app_user where organisation_id = :org and id = :id")
                .param("org", organisationId).param("id", userId)
                .query(UserAccounts::mapAccount)
                .optional();
    }

    /** Changes name, role and departments of a user of the organisation; false if there is none. */
    public boolean update(long organisationId, long userId, String displayName, Role role,
            Collection<String> departments) {
        return jdbc.sql("""
                        update app_user set display_name = :displayName, role = :role,
                               departments = cast(:departments as text[])
                        where organisation_id = :org and id = :id""")
                .param("displayName", displayName).param("role", role.name())
                .param("departments", PgArrays.textArray(departments))
                .param("org", organisationId).param("id", userId)
                .update() == 1;
    }

    public boolean setEnabled(long organisationId, long userId, boolean enabled) {
        return jdbc.sql("update app_user set enabled = :enabled where organisation_id = :org and id = :id")
                .param("enabled", enabled).param("org", organisationId).param("id", userId)
                .update() == 1;
    }

    public boolean setPasswordHash(long organisationId, long userId, String passwordHash) {
        // A directory user has no password here, and gets none.
        return jdbc.sql("update app_user set password_hash = :hash"
                        + " where organisation_id = :org and id = :id and directory_subject is null")
                .param("hash", passwordHash).param("org", organisationId).param("id", userId)
                .update() == 1;
    }

    /** How many enabled global admins the organisation has (it must never drop to none). */
    public long countEnabledGlobalAdmins(long organisationId) {
        return jdbc.sql("""
                        select count(*) from app_user
                        where organisation_id = :org and enabled and role = 'GLOBAL_ADMIN'""")
                .param("org", organisationId)
                .query(Long.class).single();
    }

    /**
     * Locks the organisation's user rows until the end of the transaction, so that two admins
     * demoting each other at the same moment cannot leave the organisation without an admin.
     */
    public void lockOrganisationUsers(long organisationId) {
        jdbc.sql("select id from app_user where organisation_id = :org order by id for update")
                .param("org", organisationId).query().listOfRows();
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

    static UserAccount mapAccount(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getLong("id"),
                rs.getLong("organisation_id"),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                toSet(rs.getArray("departments")),
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getBoolean("directory_user"));
    }

    private static Set<String> toSet(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return new HashSet<>(Arrays.asList((String[]) array.getArray()));
    }
}
