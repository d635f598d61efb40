package org.virtualvisits.analytics.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;
import org.virtualvisits.analytics.security.LoginAttempts;
import org.virtualvisits.analytics.security.PasswordPolicy;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccount;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * The users of the signed-in global admin's organisation: create, change role and departments,
 * disable or enable, reset a password, lift a sign-in lock. The organisation always comes from
 * the signed-in admin; a user id of another organisation is "not found". An organisation never
 * loses its last enabled global admin, and an admin cannot disable or demote themselves.
 */
@Service
@Transactional
@PreAuthorize("hasRole('GLOBAL_ADMIN')")
public class UserAdministration {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,99}");
    static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_DEPARTMENT = 200;
    static final int MAX_DEPARTMENTS = 100;
    /** Most department names offered from the visits (a free entry is always possible). */
    static final int MAX_KNOWN_DEPARTMENTS = 1000;

    /** A new user; departments only count for a {@link Role#REPORT_VIEWER}. */
    public record NewUser(String username, String displayName, Role role, Set<String> departments, String password) {
    }

    /** The changeable attributes of a user. */
    public record UserChange(String displayName, Role role, Set<String> departments) {
    }

    /** A user with their current sign-in lock, if any. */
    public record UserListItem(UserAccount account, Instant lockedUntil) {
        public boolean locked() {
            return lockedUntil != null;
        }
    }

    private final UserAccounts users;
    private final LoginAttempts loginAttempts;
    private final PasswordEncoder passwordEncoder;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    UserAdministration(UserAccounts users, LoginAttempts loginAttempts, PasswordEncoder passwordEncoder,
            CurrentUser currentUser, ApplicationEventPublisher events, JdbcClient jdbc) {
        this.users = users;
        this.loginAttempts = loginAttempts;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
        this.events = events;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<UserListItem> users() {
        List<UserAccount> accounts = users.findByOrganisation(admin().organisationId());
        Map<String, Instant> locks = loginAttempts.locksOf(accounts.stream().map(UserAccount::username).toList());
        return accounts.stream()
                .map(a -> new UserListItem(a, locks.get(a.username().toLowerCase(Locale.ROOT))))
                .toList();
    }

    /** The departments that occur in the organisation's visits, to offer when limiting a viewer. */
    @Transactional(readOnly = true)
    public List<String> knownDepartments() {
        return jdbc.sql("""
                        select distinct department from visit
                        where organisation_id = :org and department is not null and department <> ''
                        order by department limit :max""")
                .param("org", admin().organisationId()).param("max", MAX_KNOWN_DEPARTMENTS)
                .query(String.class).list();
    }

    public long create(NewUser user) {
        AppUserPrincipal admin = admin();
        String username = user.username() == null ? "" : user.username().trim();
        if (!USERNAME.matcher(username).matches()) {
            throw new AdminException("admin.error.username.invalid");
        }
        String displayName = displayName(user.displayName());
        Role role = Objects.requireNonNull(user.role(), "role");
        Set<String> departments = departments(role, user.departments());
        checkPassword(user.password(), username);
        if (users.exists(username)) {
            throw new AdminException("admin.error.username.taken");
        }
        long id;
        try {
            id = users.create(admin.organisationId(), username, displayName, passwordEncoder.encode(user.password()),
                    role, departments);
        } catch (DuplicateKeyException e) {
            throw new AdminException("admin.error.username.taken");
        }
        audit(admin, "user.created", username + ": " + describe(role, departments));
        return id;
    }

    public void update(long userId, UserChange change) {
        AppUserPrincipal admin = admin();
        users.lockOrganisationUsers(admin.organisationId());
        UserAccount user = inOrganisation(admin, userId);
        String displayName = displayName(change.displayName());
        Role role = Objects.requireNonNull(change.role(), "role");
        Set<String> departments = departments(role, change.departments());
        if (user.id() == admin.userId() && role != user.role()) {
            throw new AdminException("admin.error.self.role");
        }
        if (user.enabled() && user.role() == Role.GLOBAL_ADMIN && role != Role.GLOBAL_ADMIN) {
            requireAnotherAdmin(admin);
        }
        users.update(admin.organisationId(), userId, displayName, role, departments);
        List<String> changes = new ArrayList<>();
        if (!displayName.equals(user.displayName())) {
            changes.add("name \"" + user.displayName() + "\" → \"" + displayName + "\"");
        }
        if (role != user.role() || !departments.equals(user.departments())) {
            changes.add(describe(user.role(), user.departments()) + " → " + describe(role, departments));
        }
        if (!changes.isEmpty()) {
            audit(admin, "user.updated", user.username() + ": " + String.join("; ", changes));
        }
    }

    public void setEnabled(long userId, boolean enabled) {
        AppUserPrincipal admin = admin();
        users.lockOrganisationUsers(admin.organisationId());
        UserAccount user = inOrganisation(admin, userId);
        if (user.enabled() == enabled) {
            return;
        }
        if (!enabled && user.id() == admin.userId()) {
            throw new AdminException("admin.error.self.disable");
        }
        if (!enabled && user.role() == Role.GLOBAL_ADMIN) {
            requireAnotherAdmin(admin);
        }
        users.setEnabled(admin.organisationId(), userId, enabled);
        audit(admin, enabled ? "user.enabled" : "user.disabled", user.username());
    }

    /** Sets a new password (the admin hands it over) and lifts any sign-in lock. */
    public void resetPassword(long userId, String password) {
        AppUserPrincipal admin = admin();
        UserAccount user = inOrganisation(admin, userId);
        if (user.directoryUser()) {
            throw new AdminException("admin.error.directoryUser.password");
        }
        checkPassword(password, user.username());
        users.setPasswordHash(admin.organisationId(), userId, passwordEncoder.encode(password));
        loginAttempts.clear(user.username());
        audit(admin, "user.passwordReset", user.username());
    }

    /** Lifts a sign-in lock before it ends by itself. */
    public void unlock(long userId) {
        AppUserPrincipal admin = admin();
        UserAccount user = inOrganisation(admin, userId);
        if (loginAttempts.isLocked(user.username())) {
            loginAttempts.clear(user.username());
            audit(admin, "user.unlocked", user.username());
        }
    }

    private void requireAnotherAdmin(AppUserPrincipal admin) {
        if (users.countEnabledGlobalAdmins(admin.organisationId()) <= 1) {
            throw new AdminException("admin.error.lastAdmin");
        }
    }

    private UserAccount inOrganisation(AppUserPrincipal admin, long userId) {
        return users.findInOrganisation(admin.organisationId(), userId).orElseThrow(AdminException::notFound);
    }

    private static String displayName(String value) {
        String name = value == null ? "" : value.trim();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME) {
            throw new AdminException("admin.error.displayName", MAX_DISPLAY_NAME);
        }
        return name;
    }

    /** Departments limit only viewers; names trimmed, none empty or longer than 200 characters. */
    static Set<String> departments(Role role, Collection<String> values) {
        if (role != Role.REPORT_VIEWER || values == null) {
            return Set.of();
        }
        Set<String> departments = new TreeSet<>();
        for (String value : values) {
            String department = value == null ? "" : value.trim();
            if (department.isEmpty() || department.length() > MAX_DEPARTMENT) {
                throw new AdminException("admin.error.department", MAX_DEPARTMENT);
            }
            departments.add(department);
        }
        if (departments.size() > MAX_DEPARTMENTS) {
            throw new AdminException("admin.error.departments.tooMany", MAX_DEPARTMENTS);
        }
        return departments;
    }

    private static void checkPassword(String password, String username) {
        PasswordPolicy.check(password, username).ifPresent(violation -> {
            throw new AdminException(violation.messageKey("admin.error.password."), violation.arguments());
        });
    }

    private static String describe(Role role, Set<String> departments) {
        return departments.isEmpty() ? role.name()
                : role.name() + " [" + departments.stream().collect(Collectors.joining(", ")) + "]";
    }

    private AppUserPrincipal admin() {
        return currentUser.require();
    }

    private void audit(AppUserPrincipal admin, String action, String detail) {
        events.publishEvent(new AuditEvent(admin.organisationId(), admin.username(), action, detail));
    }
}
