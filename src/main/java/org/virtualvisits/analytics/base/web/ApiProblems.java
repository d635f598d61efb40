package org.virtualvisits.analytics.base.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the HTTP API as RFC 9457 problem documents: a clear 4xx for anything the caller
 * sent wrong, and a bare 500 (logged, no stack trace to the caller) for our own faults.
 */
@RestControllerAdvice(basePackages = "org.virtualvisits.analytics")
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage());
    }

    @ExceptionHandler(UnsupportedMediaTypeException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(UnsupportedMediaTypeException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).header("Accept-Post", "application/json")
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", e.getMessage()));
    }

    @ExceptionHandler(BodyNotReadException.class)
    ProblemDetail bodyNotRead(BodyNotReadException e) {
        HttpStatus status = e.timedOut() ? HttpStatus.REQUEST_TIMEOUT : HttpStatus.BAD_REQUEST;
        return problem(status, status.getReasonPhrase(), e.getMessage() + " Nothing of it was stored.");
    }

    /**
     * The database is unreachable (down, restarting, no free connection): try again shortly. A failed
     * commit or rollback (TransactionSystemException) is the connection dying under the transaction.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class, TransactionSystemException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        return serviceUnavailable();
    }

    /** 503 with Retry-After: the answer while the database cannot be reached. */
    public static ResponseEntity<ProblemDetail> serviceUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", UNAVAILABLE_DETAIL));
    }

    public static final long RETRY_AFTER_SECONDS = 5;
    public static final String UNAVAILABLE_DETAIL = "The database is not reachable at the moment; nothing of this "
            + "request was stored. Please retry in a few seconds.";

    @ExceptionHandler(JsonProcessingException.class)
    ProblemDetail badJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not valid JSON" + where + ".");
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request",
                "The query parameter '" + e.getParameterName() + "' is required."));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "a valid value"
                : switch (e.getRequiredType().getSimpleName()) {
                    case "LocalDate" -> "a date like 2026-11-20";
                    case "int", "Integer", "long", "Long" -> "a whole number";
                    case "MeetingType" -> "one of BOOKINGS, EHR";
                    default -> "a valid " + e.getRequiredType().getSimpleName();
                };
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request",
                "The query parameter '" + name + "' must be " + expected + "."));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring's own 4xx handling (and the security chain) know these
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; nothing of this request was stored. Please retry later.");
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
