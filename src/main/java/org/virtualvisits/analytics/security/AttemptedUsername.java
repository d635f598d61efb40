package org.virtualvisits.analytics.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers, in the browser's own session, the username typed into the sign-in form, so that after
 * a failed attempt the form shows it again and only the password has to be retyped. Never the
 * password; nothing is stored for a browser without a session (the login page always has one).
 */
class AttemptedUsername extends OncePerRequestFilter {

    static final String ATTRIBUTE = AttemptedUsername.class.getName();
    /** Longer than any username the application accepts; a longer text is not worth showing again. */
    private static final int MAX_LENGTH = 200;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + "/login");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = request.getParameter("username");
        HttpSession session = request.getSession(false);
        if (session != null && username != null && !username.isBlank() && username.length() <= MAX_LENGTH) {
            session.setAttribute(ATTRIBUTE, username.strip());
        }
        chain.doFilter(request, response);
    }
}
