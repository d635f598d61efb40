package org.virtualvisits.analytics.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.virtualvisits.analytics.base.web.ApiErrorResponses;
import org.virtualvisits.analytics.base.web.ApiProblems;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls by "Authorization: Bearer &lt;token&gt;". A missing or unknown token
 * leaves the request anonymous; the API chain then answers 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;

    BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String secret = header.substring(PREFIX.length()).trim();
            if (!secret.isEmpty() && secret.length() <= 512) {
                Optional<ApiTokenPrincipal> found;
                try {
                    found = tokens.authenticate(secret);
                } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
                    // The token cannot be checked while the database is unreachable: say so, never 401 or a redirect.
                    response.setHeader("Retry-After", Long.toString(ApiProblems.RETRY_AFTER_SECONDS));
                    ApiErrorResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, ApiProblems.UNAVAILABLE_DETAIL);
                    return;
                }
                found.ifPresent(principal -> {
                    List<SimpleGrantedAuthority> authorities = principal.scopes().stream()
                            .map(scope -> new SimpleGrantedAuthority(scope.authority())).toList();
                    SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                    context.setAuthentication(
                            UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
                    SecurityContextHolder.getContextHolderStrategy().setContext(context);
                });
            }
        }
        chain.doFilter(request, response);
    }
}
