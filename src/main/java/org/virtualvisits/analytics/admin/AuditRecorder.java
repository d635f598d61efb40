package org.virtualvisits.analytics.admin;

import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * Writes the audit log: every {@link AuditEvent} any feature publishes, and every
 * username/password sign-in, successful or not (Spring Security's authentication events).
 * A feature's event is written once the feature's transaction has committed (an action that
 * rolls back leaves no entry, and a read-only transaction may publish too), or at once when
 * there is no transaction.
 */
@Component
class AuditRecorder {

    static final String LOGIN_SUCCEEDED = "login.succeeded";
    static final String LOGIN_FAILED = "login.failed";
    /** Actor of entries that no user caused (scheduled jobs). */
    static final String SYSTEM = "system";

    private final AuditEntries entries;
    private final CurrentUser currentUser;
    private final UserAccounts users;

    AuditRecorder(AuditEntries entries, CurrentUser currentUser, UserAccounts users) {
        this.entries = entries;
        this.currentUser = currentUser;
        this.users = users;
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(AuditEvent event) {
        String actor = event.actor() != null ? event.actor()
                : currentUser.get().map(AppUserPrincipal::username).orElse(SYSTEM);
        entries.append(event.organisationId(), actor, event.action(), event.detail());
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication
                && authentication.getPrincipal() instanceof AppUserPrincipal user) {
            entries.append(user.organisationId(), user.username(), LOGIN_SUCCEEDED,
                    from(authentication).orElse(null));
        }
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication)) {
            return;
        }
        String username = authentication.getName();
        // An unknown username is kept without organisation: no organisation's admin sees it.
        Long organisationId = users.findByUsername(username).map(AppUserPrincipal::organisationId).orElse(null);
        String detail = reason(event.getException()) + from(authentication).map(from -> ", " + from).orElse("");
        entries.append(organisationId, username, LOGIN_FAILED, detail);
    }

    private static String reason(AuthenticationException exception) {
        String type = exception.getClass().getSimpleName();
        return switch (type) {
            case "BadCredentialsException" -> "wrong username or password";
            case "LockedException" -> "locked after repeated failures";
            case "DisabledException" -> "user disabled";
            default -> type;
        };
    }

    private static Optional<String> from(UsernamePasswordAuthenticationToken authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null
                ? Optional.of("from " + details.getRemoteAddress()) : Optional.empty();
    }
}
