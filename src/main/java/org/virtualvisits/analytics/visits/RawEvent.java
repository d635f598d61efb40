package org.virtualvisits.analytics.visits;

/**
 * One event exactly as received in a JSON batch: untyped strings, any of them possibly null.
 * Check it with {@link EventValidation#validate} and convert it with {@link EventValidation#toEvent}.
 */
public record RawEvent(String eventId, String meetingId, String meetingType, String type, String occurredAt,
                       String participantId, String role, String department, String appointmentKind) {
}
