package org.virtualvisits.analytics.visits;

import java.time.Instant;
import java.util.Objects;

/**
 * The metrics of one visit, derived from all events of its meeting by {@link VisitDerivation}.
 *
 * @param lobbyWaitSeconds null when nobody waited in the lobby or nobody was admitted
 * @param department       null when no event named one
 * @param appointmentKind  {@link AppointmentKind#SCHEDULED} when no event named one
 */
public record Visit(String meetingId, MeetingType meetingType, Instant startTime, Long lobbyWaitSeconds,
                    long durationSeconds, VisitStatus status, int participants, boolean smsSent,
                    String department, AppointmentKind appointmentKind) {

    public Visit {
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(meetingType, "meetingType");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(appointmentKind, "appointmentKind");
        if (durationSeconds < 0 || participants < 0 || (lobbyWaitSeconds != null && lobbyWaitSeconds < 0)) {
            throw new IllegalArgumentException("durations and counts must not be negative");
        }
    }
}
