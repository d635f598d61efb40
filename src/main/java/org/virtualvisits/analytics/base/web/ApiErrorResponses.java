package org.virtualvisits.analytics.base.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Keeps every answer under {@code /api/} a problem document. Without it, an error that Spring MVC reports
 * with {@code sendError} (a wrong method, an unacceptable {@code Accept}) is forwarded to the error page,
 * which the UI's security sends to the sign-in page: a client following redirects would read
 * {@code 200 text/html} for a failed call. And a path the API does not have would reach the UI's router.
 * So: a path that matches no API endpoint is a 404 here, and {@code sendError} writes the problem itself,
 * keeping the headers already set (such as {@code Allow} on a 405).
 */
public class ApiErrorResponses extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationContext context;
    private volatile List<PathPattern> apiPaths;

    public ApiErrorResponses(ApplicationContext context) {
        this.context = context;
    }

    /** Whether this is the servlet container's error dispatch for a failed {@code /api/} request. */
    public static boolean isApiErrorDispatch(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return request.getDispatcherType() == DispatcherType.ERROR && uri != null
                && uri.toString().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // The container failed the request outside Spring MVC (a body that stopped arriving, say) and
            // forwards to its error page: answer the problem here instead.
            writeContainerError(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!isApiEndpoint(path)) {
            writeBeforeSecurity(response, HttpStatus.NOT_FOUND, "There is no API endpoint at " + path + ".");
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getValue().length > 1) {
                // Refused rather than guessing which of the values was meant (as for a JSON key given twice).
                writeBeforeSecurity(response, HttpStatus.BAD_REQUEST,
                        "The query parameter '" + parameter.getKey() + "' is given more than once.");
                return;
            }
        }
        chain.doFilter(request, new ProblemOnSendError(response));
    }

    private boolean isApiEndpoint(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return apiPaths().stream().anyMatch(pattern -> pattern.matches(container));
    }

    /** The paths of the API's handler methods (read once, after the context started). */
    private List<PathPattern> apiPaths() {
        List<PathPattern> paths = apiPaths;
        if (paths == null) {
            RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                    RequestMappingHandlerMapping.class);
            paths = mapping.getHandlerMethods().keySet().stream()
                    .map(RequestMappingInfo::getPathPatternsCondition)
                    .filter(condition -> condition != null)
                    .flatMap(condition -> condition.getPatterns().stream())
                    .filter(pattern -> pattern.getPatternString().startsWith("/api/"))
                    .toList();
            apiPaths = paths;
        }
        return paths;
    }

    private static void writeContainerError(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.getReasonPhrase();
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && JsonRequestBody.timedOut(failure)) {
            status = HttpStatus.REQUEST_TIMEOUT;
            detail = "The request body did not arrive in time; send it without pauses. Nothing of it was stored.";
        }
        if (!response.isCommitted()) {
            response.resetBuffer();
            writeBeforeSecurity(response, status, detail);
        }
    }

    /**
     * A problem document written before the security chain's header writer ran (this filter, the
     * firewall): with the headers it would have added.
     */
    public static void writeBeforeSecurity(HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        write(response, status, detail);
    }

    /** The one way an RFC 9457 problem document is written straight to a response, outside Spring MVC. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /** Writes {@code sendError} as a problem document instead of forwarding to the error page. */
    private static final class ProblemOnSendError extends HttpServletResponseWrapper {

        ProblemOnSendError(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            HttpStatus answer = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
            resetBuffer();
            write((HttpServletResponse) getResponse(), answer, detail(answer, message));
        }

        private String detail(HttpStatus status, String message) {
            String allow = getHeader("Allow");
            return switch (status) {
                case METHOD_NOT_ALLOWED -> "This endpoint does not take this method"
                        + (allow == null || allow.isBlank() ? "." : "; it takes " + allow + ".");
                case NOT_ACCEPTABLE -> "This endpoint answers application/json (problems: application/problem+json);"
                        + " the request's Accept header allows neither.";
                case UNSUPPORTED_MEDIA_TYPE -> "Send the body as 'Content-Type: application/json' in UTF-8.";
                default -> message == null || message.isBlank() ? status.getReasonPhrase() : message;
            };
        }
    }
}
