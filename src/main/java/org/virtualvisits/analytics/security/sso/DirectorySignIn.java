package org.virtualvisits.analytics.security.sso;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;
import org.virtualvisits.analytics.security.UserAccounts.DirectoryProfile;
import org.virtualvisits.analytics.security.sso.DirectorySignInRefused.Reason;

/**
 * Turns a person the provider vouches for into a user of ours, at every sign-in: the token's tenant
 * picks the organisation (no match: refused), the role claim the role (none: refused), and the user
 * is created or brought up to date (the directory wins). A disabled user stays refused. Refusals and
 * changes are audited; the transaction commits on a refusal so that its audit entry is kept.
 */
@Service
public class DirectorySignIn {

    static final String LOGIN_SUCCEEDED = "login.succeeded";
    static final String LOGIN_FAILED = "login.failed";
    private static final Logger log = LoggerFactory.getLogger(DirectorySignIn.class);

    private final Organisations organisations;
    private final UserAccounts users;
    private final SsoProperties properties;
    private final ApplicationEventPublisher events;

    DirectorySignIn(Organisations organisations, UserAccounts users, SsoProperties properties,
            ApplicationEventPublisher events) {
        this.organisations = organisations;
        this.users = users;
        this.properties = properties;
        this.events = events;
    }

    /** The user this person is now; throws {@link DirectorySignInRefused} when they may not come in. */
    @Transactional(noRollbackFor = DirectorySignInRefused.class)
    public AppUserPrincipal signIn(String issuer, String subject, DirectoryClaims claims) {
        Organisation organisation = claims.tenantId().flatMap(this::organisationOf).orElseThrow(() -> {
            // No organisation to file it under: only the operators' log sees it.
            log.warn("Directory sign-in of {} refused: tenant {} is no organisation's", claims.username(),
                    claims.tenantId().orElse("(none)"));
            return new DirectorySignInRefused(Reason.UNKNOWN_TENANT, "Unknown tenant");
        });
        Optional<AppUserPrincipal> known = users.findByDirectoryIdentity(issuer, subject);
        String username = known.map(AppUserPrincipal::username).orElse(claims.username());
        if (known.isPresent() && known.get().organisationId() != organisation.id()) {
            throw refused(known.get().organisationId(), username, Reason.OTHER_ORGANISATION,
                    "tenant " + claims.tenantId().orElse("") + " is another organisation's");
        }
        if (known.isPresent() && !known.get().enabled()) {
            throw refused(organisation.id(), username, Reason.DISABLED, "user disabled");
        }
        Role role = claims.role().orElseThrow(() -> refused(organisation.id(), username, Reason.NO_ROLE,
                "no role for this application in claim '" + properties.roleClaim() + "'"));
        DirectoryProfile profile = new DirectoryProfile(claims.displayName(), claims.email(), role,
                claims.departments());
        long userId;
        if (known.isPresent()) {
            userId = known.get().userId();
            update(known.get(), profile, organisation.id());
        } else {
            if (users.exists(username)) {
                throw refused(organisation.id(), username, Reason.NAME_TAKEN,
                        "the username is taken by another account");
            }
            userId = users.createDirectoryUser(organisation.id(), username, issuer, subject, profile);
            audit(organisation.id(), username, "user.created",
                    username + ": " + describe(role, profile.departments()) + " (from the directory)");
        }
        audit(organisation.id(), username, LOGIN_SUCCEEDED, "directory sign-in");
        return users.findById(userId).orElseThrow();
    }

    private void update(AppUserPrincipal before, DirectoryProfile profile, long organisationId) {
        users.updateDirectoryUser(before.userId(), profile);
        if (before.role() != profile.role() || !before.departments().equals(profile.departments())) {
            audit(organisationId, before.username(), "user.updated", before.username() + ": "
                    + describe(before.role(), before.departments()) + " → " + describe(profile.role(), profile.departments())
                    + " (from the directory)");
        }
    }

    /**
     * The configured tenant ({@code app.sso.tenant-id}) is the default organisation's before any
     * organisation's setting: another organisation's admin must not be able to claim it.
     */
    private Optional<Organisation> organisationOf(String tenantId) {
        if (properties.tenantId() != null && properties.tenantId().equalsIgnoreCase(tenantId)) {
            return organisations.findBySlug(DefaultOrganisation.SLUG);
        }
        return organisations.findByEntraTenantId(tenantId);
    }

    private DirectorySignInRefused refused(long organisationId, String username, Reason reason, String detail) {
        audit(organisationId, username, LOGIN_FAILED, "directory sign-in refused: " + detail);
        return new DirectorySignInRefused(reason, detail);
    }

    private void audit(long organisationId, String username, String action, String detail) {
        events.publishEvent(new AuditEvent(organisationId, Objects.requireNonNull(username), action, detail));
    }

    private static String describe(Role role, Set<String> departments) {
        return departments.isEmpty() ? role.name() : role.name() + " " + new TreeSet<>(departments);
    }
}
