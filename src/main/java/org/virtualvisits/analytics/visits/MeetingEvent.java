package org.virtualvisits.analytics.visits;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated event of one meeting (see {@link EventValidation#toEvent(RawEvent)}).
 *
 * @param participantId null only for {@link EventType#MEETING_ENDED}
 * @param role          null only for {@link EventType#MEETING_ENDED}
 * @param department    optional
 * @param appointmentKind optional
 */
public record MeetingEvent(String eventId, String meetingId, MeetingType meetingType, EventType type,
                           Instant occurredAt, String participantId, ParticipantRole role,
                           String department, AppointmentKind appointmentKind) {

    public MeetingEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(meetingType, "meetingType");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (type != EventType.MEETING_ENDED && (participantId == null || role == null)) {
            throw new IllegalArgumentException(type + " event " + eventId + " needs a participantId and a role");
        }
    }
}
