package org.virtualvisits.analytics.security;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Username and password sign-in with the lockout of {@link LoginAttempts}. Every account check
 * (disabled, locked) runs after the password check, so a failure takes the same time whatever
 * its reason and the answer is the same generic one: nothing tells an attacker whether a
 * username exists, is disabled or is locked. The password hash is dropped from the principal
 * that goes into the session.
 */
class AppAuthenticationProvider extends DaoAuthenticationProvider {

    AppAuthenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder, LoginAttempts attempts) {
        super(users);
        setPasswordEncoder(passwordEncoder);
        setPreAuthenticationChecks(user -> {
        });
        setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("User is disabled");
            }
            if (attempts.isLocked(user.getUsername())) {
                throw new LockedException("User is locked after repeated failed sign-ins");
            }
        });
    }

    @Override
    protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
            UserDetails user) {
        Object withoutHash = principal instanceof AppUserPrincipal app ? app.withoutPassword() : principal;
        return super.createSuccessAuthentication(withoutHash, authentication, user);
    }
}
