package org.virtualvisits.analytics.visits.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.virtualvisits.analytics.base.web.ApiProblems;
import org.virtualvisits.analytics.base.web.JsonRequestBody;
import org.virtualvisits.analytics.security.ApiTokenPrincipal;
import org.virtualvisits.analytics.visits.AnalyticsDisabledException;
import org.virtualvisits.analytics.visits.BatchRejectedException;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.FieldError;
import org.virtualvisits.analytics.visits.IngestionResult;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/** {@code POST /api/v1/events}: meeting activity in (PRODUCT.md §5). */
@RestController
@Tag(name = "Events", description = "Meeting activity in")
@SecurityRequirement(name = "bearer")
class EventsController {

    /** Largest body accepted, in bytes (10 MB). */
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    private final EventIngestion ingestion;
    private final ObjectMapper json;

    EventsController(EventIngestion ingestion, ObjectMapper json) {
        this.ingestion = ingestion;
        this.json = json;
    }

    record Accepted(int accepted, int duplicates) {
    }

    // Declared, so that an Accept header it cannot serve is refused (406) before anything is stored.
    @PostMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a batch of meeting events",
            description = "Stores the batch atomically: if any event is invalid, nothing is stored. Events "
                    + "already received (same eventId) are counted as duplicates and ignored. A 202 means the "
                    + "events are committed; the affected visits are re-derived in the background, usually "
                    + "within a second.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = EventBatchDoc.class))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "Batch stored"),
                    @ApiResponse(responseCode = "400", description = "Invalid batch; nothing stored",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "401", description = "Missing or unknown token"),
                    @ApiResponse(responseCode = "403", description = "Token lacks scope events:write"),
                    @ApiResponse(responseCode = "409", description = "Analytics is switched off"),
                    @ApiResponse(responseCode = "413", description = "Body over 10 MB"),
                    @ApiResponse(responseCode = "415", description = "Not application/json in UTF-8"),
                    @ApiResponse(responseCode = "503", description = "Database unreachable; retry after the "
                            + "Retry-After seconds")})
    ResponseEntity<Accepted> receive(HttpServletRequest request, @AuthenticationPrincipal ApiTokenPrincipal token)
            throws IOException {
        CharBuffer body = JsonRequestBody.read(request, MAX_BODY_BYTES);
        EventBatchParser.ParsedBatch batch;
        try (JsonParser parser = json.getFactory().createParser(body.array(), body.arrayOffset() + body.position(),
                body.remaining())) {
            batch = EventBatchParser.parse(parser);
        }
        if (!batch.errors().isEmpty()) {
            throw new BatchRejectedException(batch.errors());
        }
        IngestionResult result = ingestion.ingest(token.organisationId(), batch.events());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(result.accepted(), result.duplicates()));
    }

    @ExceptionHandler(BatchRejectedException.class)
    ProblemDetail rejected(BatchRejectedException e) {
        List<FieldError> errors = new ArrayList<>(e.errors());
        errors.sort(Comparator.comparingInt(FieldError::index));
        long badEvents = errors.stream().mapToInt(FieldError::index).distinct().count();
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid batch",
                badEvents + " event(s) of the batch are invalid; nothing of the batch was stored.");
        problem.setProperty("errors", errors.stream().map(error -> new ProblemError(
                error.index() < 0 ? null : error.index(), error.eventId(), error.field(),
                error.field() + " " + error.message())).toList());
        return problem;
    }

    @ExceptionHandler(AnalyticsDisabledException.class)
    ProblemDetail analyticsOff(AnalyticsDisabledException e) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "Analytics is switched off", e.getMessage());
    }

    /** One entry of the 400 answer's "errors" list. */
    record ProblemError(Integer index, String eventId, String field, String message) {
    }

    /** For the OpenAPI description only: the shape of a batch. */
    @Schema(name = "EventBatch")
    record EventBatchDoc(List<EventDoc> events) {
    }

    @Schema(name = "Event")
    record EventDoc(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200,
                    description = "Unique per organisation; a repeat is a duplicate") String eventId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String meetingId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"BOOKINGS", "EHR"})
            String meetingType,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"LOBBY_JOINED", "ADMITTED",
                    "JOINED", "LEFT", "MEETING_ENDED", "SMS_SENT"}) String type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-20T10:04:00Z",
                    description = "ISO-8601 instant (UTC, or with an offset), from 1970 to the year 9999; "
                            + "stored to the microsecond") String occurredAt,
            @Schema(description = "Required except for MEETING_ENDED", maxLength = 200) String participantId,
            @Schema(description = "Required except for MEETING_ENDED", allowableValues = {"STAFF", "ATTENDEE"})
            String role,
            @Schema(maxLength = 200) String department,
            @Schema(allowableValues = {"SCHEDULED", "ON_DEMAND"}) String appointmentKind) {
    }
}
