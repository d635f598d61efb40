package org.virtualvisits.analytics.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The HTTP status of a page load: Vaadin answers every page address with its bootstrap page and
 * 200, then shows {@link NotFoundPage} or {@link AccessDeniedPage} in the browser. Crawlers, link
 * checkers and monitoring read the status, so a page load of an address that is no page answers
 * 404, and of a page the signed-in user's role does not allow 403 (the page shown is the same).
 * Runs after Spring Security: an anonymous visitor is sent to sign in first.
 */
@org.springframework.stereotype.Component
class PageStatusFilter extends OncePerRequestFilter {

    /** Addresses that are not pages: framework requests, the API, files, sign-in. */
    private static final List<String> NOT_PAGES = List.of("/VAADIN/", "/api/", "/actuator", "/swagger-ui",
            "/v3/api-docs", "/icons/", "/login", "/logout", "/HEARTBEAT", "/themes/", "/frontend/");
    /** Vaadin's own reading of @AnonymousAllowed, @PermitAll, @RolesAllowed and @DenyAll: the one the router applies. */
    private static final AccessAnnotationChecker ACCESS = new AccessAnnotationChecker();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !"GET".equals(request.getMethod()) || request.getParameter("v-r") != null
                || accept == null || !accept.contains("text/html") || last.contains(".")
                || NOT_PAGES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String route = path.startsWith("/") ? path.substring(1) : path;
        Optional<Class<? extends Component>> target = ApplicationRouteRegistry
                .getInstance(new VaadinServletContext(getServletContext())).getNavigationTarget(route);
        if (target.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        } else if (!ACCESS.hasAccess(target.get(), request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        }
        chain.doFilter(request, response);
    }
}
