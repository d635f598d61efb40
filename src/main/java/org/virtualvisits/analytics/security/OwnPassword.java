package org.virtualvisits.analytics.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.base.audit.AuditEvent;

/**
 * Every signed-in user changes their own password: the current one first (a session left open
 * must not be enough), then the same rules an administrator's password follows. The user's other
 * sessions end; this one stays signed in. Administrators reset other people's passwords in the
 * user administration instead.
 */
@Service
public class OwnPassword {

    private final CurrentUser currentUser;
    private final UserAccounts users;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;

    OwnPassword(CurrentUser currentUser, UserAccounts users, PasswordEncoder passwordEncoder,
                ApplicationEventPublisher events) {
        this.currentUser = currentUser;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
    }

    /** @throws PasswordChangeException when the current password is wrong or the new one breaks a rule */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void change(String currentPassword, String newPassword) {
        AppUserPrincipal signedIn = currentUser.require();
        AppUserPrincipal stored = users.findById(signedIn.userId())
                .orElseThrow(() -> new PasswordChangeException("account.password.error.current"));
        // A directory user has no password here (the menu does not offer it; this is for a forged call).
        if (currentPassword == null || stored.passwordHash() == null
                || !passwordEncoder.matches(currentPassword, stored.passwordHash())) {
            throw new PasswordChangeException("account.password.error.current");
        }
        PasswordPolicy.check(newPassword, stored.username()).ifPresent(violation -> {
            throw new PasswordChangeException(violation.messageKey("account.password.error."), violation.arguments());
        });
        if (passwordEncoder.matches(newPassword, stored.passwordHash())) {
            throw new PasswordChangeException("account.password.error.same");
        }
        String newHash = passwordEncoder.encode(newPassword);
        users.setPasswordHash(stored.organisationId(), stored.userId(), newHash);
        keepThisSession(signedIn.withPasswordHash(newHash));
        events.publishEvent(new AuditEvent(stored.organisationId(), stored.username(), "user.passwordChanged",
                stored.username()));
    }

    /**
     * Other sessions of the user end at their next check (SignedInUserCheckFilter notices the new
     * password); this one carries on with the new password's fingerprint. The context is the one
     * stored in the HTTP session, so the change outlives this request.
     */
    private static void keepThisSession(AppUserPrincipal updated) {
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication current = context.getAuthentication();
        UsernamePasswordAuthenticationToken replaced =
                UsernamePasswordAuthenticationToken.authenticated(updated, null, current.getAuthorities());
        replaced.setDetails(current.getDetails());
        context.setAuthentication(replaced);
    }
}
