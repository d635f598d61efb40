package org.virtualvisits.analytics.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * Administration tests work in organisations of their own (never the demo ones, which other
 * tests read), with users created for the test and signed in as the login form would.
 */
public abstract class AdminTestSupport {

    public static final String PASSWORD = TestFixture.PASSWORD;

    @Autowired
    protected Organisations organisations;
    @Autowired
    protected TestFixture fixture;
    @Autowired
    protected UserAccounts userAccounts;
    @Autowired
    protected PasswordEncoder passwordEncoder;
    @Autowired
    protected JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    protected Organisation newOrganisation() {
        return fixture.newOrganisation();
    }

    protected AppUserPrincipal newUser(Organisation organisation, Role role, Set<String> departments) {
        return fixture.newUser(organisation, role, departments);
    }

    protected AppUserPrincipal newUser(Organisation organisation, Role role) {
        return newUser(organisation, role, Set.of());
    }

    /**
     * Runs an HTTP call with nobody signed in on the test thread (MockMvc would otherwise use
     * the test's signed-in user, and clears the context when done), then signs the user in again.
     */
    protected <T> T anonymously(AppUserPrincipal signedIn, ThrowingSupplier<T> call) throws Exception {
        SecurityContextHolder.clearContext();
        try {
            return call.get();
        } finally {
            signIn(signedIn);
        }
    }

    @FunctionalInterface
    protected interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    protected void signIn(AppUserPrincipal user) {
        TestFixture.signIn(user);
    }

    /** The organisation's audit entries, oldest first: "action|actor|detail". */
    protected List<String> auditOf(Organisation organisation) {
        return jdbc.sql("select action, actor, detail from audit_log where organisation_id = :org order by id")
                .param("org", organisation.id())
                .query((rs, row) -> rs.getString("action") + "|" + rs.getString("actor") + "|" + rs.getString("detail"))
                .list();
    }

    protected Map<String, Object> userRow(long id) {
        return jdbc.sql("select * from app_user where id = :id").param("id", id).query().singleRow();
    }
}
