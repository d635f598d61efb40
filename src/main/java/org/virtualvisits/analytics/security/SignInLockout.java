package org.virtualvisits.analytics.security;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.base.audit.AuditEvent;

/** Counts failed username/password sign-ins per username and clears the count on success. */
@Component
class SignInLockout {

    private static final Logger log = LoggerFactory.getLogger(SignInLockout.class);

    private final LoginAttempts attempts;
    private final UserAccounts users;
    private final LoginLockoutProperties policy;
    private final ApplicationEventPublisher events;

    SignInLockout(LoginAttempts attempts, UserAccounts users, LoginLockoutProperties policy,
            ApplicationEventPublisher events) {
        this.attempts = attempts;
        this.users = users;
        this.policy = policy;
        this.events = events;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication) {
            attempts.recordSuccess(authentication.getName());
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication)) {
            return;
        }
        String username = authentication.getName();
        LoginAttempts.Failure failure = attempts.recordFailure(username);
        if (failure.lockedNow()) {
            Duration lock = policy.lockDuration();
            log.warn("Sign-in locked for {} minutes after {} failed attempts in a row",
                    lock.toMinutes(), failure.failures());
            users.findByUsername(username).ifPresent(user -> events.publishEvent(new AuditEvent(
                    user.organisationId(), user.username(), "login.locked",
                    "Locked for " + lock.toMinutes() + " min after " + failure.failures()
                            + " failed sign-ins in a row")));
        }
    }
}
