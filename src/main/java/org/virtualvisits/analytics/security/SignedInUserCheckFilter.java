package org.virtualvisits.analytics.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session whose user was disabled, deleted, given another role or other
 * departments, or another password (by an administrator, or by the user in another session)
 * since signing in, so that an administrator's change takes effect on every
 * instance within {@link #CHECK_INTERVAL} (on the next request), not when the session expires.
 */
class SignedInUserCheckFilter extends OncePerRequestFilter {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
    private static final String CHECKED_AT = SignedInUserCheckFilter.class.getName() + ".checkedAt";

    private final UserAccounts users;
    private final Clock clock;

    SignedInUserCheckFilter(UserAccounts users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext()
                .getAuthentication();
        AppUserPrincipal signedIn = authentication == null ? null
                : AppUserPrincipal.of(authentication.getPrincipal()).orElse(null);
        if (session != null && signedIn != null && dueForCheck(session)) {
            Optional<AppUserPrincipal> current;
            try {
                current = users.findById(signedIn.userId());
            } catch (DataAccessResourceFailureException | TransientDataAccessException databaseUnreachable) {
                // Checked again on the next request; the page itself says the database is unavailable.
                chain.doFilter(request, response);
                return;
            }
            if (current.isEmpty() || !stillValid(signedIn, current.get())) {
                SecurityContextHolder.getContextHolderStrategy().clearContext();
                session.invalidate();
            } else {
                session.setAttribute(CHECKED_AT, clock.millis());
            }
        }
        chain.doFilter(request, response);
    }

    private boolean dueForCheck(HttpSession session) {
        Object checkedAt = session.getAttribute(CHECKED_AT);
        return !(checkedAt instanceof Long at) || clock.millis() - at >= CHECK_INTERVAL.toMillis();
    }

    static boolean stillValid(AppUserPrincipal signedIn, AppUserPrincipal current) {
        return current.enabled()
                && current.organisationId() == signedIn.organisationId()
                && current.role() == signedIn.role()
                && Objects.equals(current.departments(), signedIn.departments())
                && signedIn.hasPasswordOf(current);
    }
}
