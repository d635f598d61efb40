package org.virtualvisits.analytics.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.base.db.NoDatasourceUrlCondition;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.DemoProperties;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.organisation.StartupTask;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.ApiTokens;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * Creates, idempotently, the default organisation, its first global admin and, when demo
 * data is on, the demo organisations and users. Runs under a PostgreSQL advisory lock so
 * that several instances starting together do it once.
 */
@Component
@Order(0)
class StartupBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupBootstrap.class);
    private static final long ADVISORY_LOCK_KEY = 0x5656_4131L; // "VVA1"

    record DemoUser(String username, String displayName, Role role, Set<String> departments) {
    }

    static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("teams", "Taylor Teams-Admin", Role.TEAMS_ADMIN, Set.of()),
            new DemoUser("viewer", "Val Viewer", Role.REPORT_VIEWER, Set.of()),
            new DemoUser("cardio-viewer", "Casey Cardiology", Role.REPORT_VIEWER, Set.of("Cardiology")));
    static final DemoUser SECOND_ORG_ADMIN =
            new DemoUser("northwind-admin", "Nora Northwind", Role.GLOBAL_ADMIN, Set.of());

    private final Organisations organisations;
    private final UserAccounts users;
    private final PasswordEncoder passwordEncoder;
    private final BootstrapProperties bootstrap;
    private final DemoProperties demo;
    private final Environment environment;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final List<StartupTask> startupTasks;
    private final ApiTokens apiTokens;

    StartupBootstrap(Organisations organisations, UserAccounts users, PasswordEncoder passwordEncoder,
            BootstrapProperties bootstrap, DemoProperties demo, Environment environment, JdbcClient jdbc,
            TransactionTemplate transaction, List<StartupTask> startupTasks, ApiTokens apiTokens) {
        this.organisations = organisations;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.bootstrap = bootstrap;
        this.demo = demo;
        this.environment = environment;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.startupTasks = startupTasks;
        this.apiTokens = apiTokens;
    }

    boolean demoEnabled() {
        return demo.enabled() != null ? demo.enabled() : NoDatasourceUrlCondition.noDatasourceUrl(environment);
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean demoEnabled = demoEnabled();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", ADVISORY_LOCK_KEY).query().singleRow();
            Organisation defaultOrganisation = organisations.createIfMissing(DefaultOrganisation.SLUG,
                    demoEnabled ? "Contoso Health (demo)" : bootstrap.organisationName(), true, true);
            createFirstAdmin(defaultOrganisation, demoEnabled);
            if (demoEnabled) {
                for (DemoUser user : DEMO_USERS) {
                    createUser(defaultOrganisation.id(), user, demo.password());
                }
                Organisation second = organisations.createIfMissing(DefaultOrganisation.SECOND_DEMO_SLUG,
                        "Northwind Clinic (demo)", true, false);
                createUser(second.id(), SECOND_ORG_ADMIN, demo.password());
            }
            registerBootstrapToken(defaultOrganisation);
            for (StartupTask task : startupTasks) {
                task.run(defaultOrganisation, demoEnabled);
            }
        });
        if (demoEnabled) {
            logDemoLogins();
        }
    }

    private void registerBootstrapToken(Organisation organisation) {
        String token = bootstrap.token();
        if (token == null || token.isBlank()) {
            return;
        }
        if (token.length() < ApiTokens.MIN_SECRET_LENGTH) {
            throw new IllegalStateException("app.bootstrap.token (APP_BOOTSTRAP_TOKEN) must be at least "
                    + ApiTokens.MIN_SECRET_LENGTH + " characters long");
        }
        apiTokens.registerIfMissing(organisation.id(), "Bootstrap token (app.bootstrap.token)",
                EnumSet.allOf(ApiScope.class), token);
    }

    private void createFirstAdmin(Organisation organisation, boolean demoEnabled) {
        String username = bootstrap.admin().username();
        String password = bootstrap.admin().password();
        if (users.exists(username)) {
            return;
        }
        if (password == null || password.isBlank()) {
            if (!demoEnabled) {
                log.warn("No global admin created: set app.bootstrap.admin.password "
                        + "(APP_BOOTSTRAP_ADMIN_PASSWORD) to create '{}' on start-up", username);
                return;
            }
            password = demo.password();
        }
        users.create(organisation.id(), username, "Global administrator", passwordEncoder.encode(password),
                Role.GLOBAL_ADMIN, Set.of());
        log.info("Created global admin '{}' of organisation '{}'", username, organisation.name());
    }

    private void createUser(long organisationId, DemoUser user, String password) {
        if (!users.exists(user.username())) {
            users.create(organisationId, user.username(), user.displayName(), passwordEncoder.encode(password),
                    user.role(), user.departments());
        }
    }

    private void logDemoLogins() {
        String password = demo.password();
        StringBuilder text = new StringBuilder("\n\n  Demo log-ins (password for each: ").append(password).append(")\n");
        text.append(String.format("    %-16s GLOBAL_ADMIN   Contoso Health%n", bootstrap.admin().username()));
        for (DemoUser user : DEMO_USERS) {
            text.append(String.format("    %-16s %-14s Contoso Health%s%n", user.username(), user.role(),
                    user.departments().isEmpty() ? "" : " (departments: " + String.join(", ", user.departments()) + ")"));
        }
        text.append(String.format("    %-16s GLOBAL_ADMIN   Northwind Clinic%n", SECOND_ORG_ADMIN.username()));
        log.info(text.toString());
    }
}
