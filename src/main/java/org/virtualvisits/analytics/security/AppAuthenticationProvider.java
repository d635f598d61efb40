package org.virtualvisits.analytics.security;

import java.util.function.Predicate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
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
 * that goes into the session. A directory user (no password here) never signs in with a password,
 * and while directory sign-in has closed password sign-in only the break-glass user may.
 */
class AppAuthenticationProvider extends DaoAuthenticationProvider {

    private final Predicate<String> passwordSignInAllowed;

    AppAuthenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder, LoginAttempts attempts,
            Predicate<String> passwordSignInAllowed) {
        super(users);
        this.passwordSignInAllowed = passwordSignInAllowed;
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
    public Authentication authenticate(Authentication authentication) {
        if (!passwordSignInAllowed.test(authentication.getName())) {
            throw new BadCredentialsException("Password sign-in is closed for this user");
        }
        return super.authenticate(authentication);
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken authentication) {
        if (user.getPassword() == null) {
            throw new BadCredentialsException("A directory user has no password");
        }
        super.additionalAuthenticationChecks(user, authentication);
    }

    @Override
    protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
            UserDetails user) {
        Object withoutHash = principal instanceof AppUserPrincipal app ? app.withoutPassword() : principal;
        return super.createSuccessAuthentication(withoutHash, authentication, user);
    }
}
