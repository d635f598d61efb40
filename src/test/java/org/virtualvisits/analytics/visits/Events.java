package org.virtualvisits.analytics.visits;

import static org.virtualvisits.analytics.visits.EventType.*;
import static org.virtualvisits.analytics.visits.ParticipantRole.*;

import java.time.Instant;

/** Terse event builders for tests: times are "HH:mm" or "HH:mm:ss[.SSS]" on 2026-11-20 UTC. */
final class Events {

    static final String MEETING = "m-1";

    private Events() {
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-20T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    static MeetingEvent event(EventType type, String participant, ParticipantRole role, String time) {
        return new MeetingEvent(type + "/" + participant + "/" + time, MEETING, MeetingType.BOOKINGS, type, at(time),
                participant, role, null, null);
    }

    static MeetingEvent staffJoins(String p, String time) {
        return event(JOINED, p, STAFF, time);
    }

    static MeetingEvent staffLeaves(String p, String time) {
        return event(LEFT, p, STAFF, time);
    }

    static MeetingEvent joins(String p, String time) {
        return event(JOINED, p, ATTENDEE, time);
    }

    static MeetingEvent leaves(String p, String time) {
        return event(LEFT, p, ATTENDEE, time);
    }

    static MeetingEvent lobby(String p, String time) {
        return event(LOBBY_JOINED, p, ATTENDEE, time);
    }

    static MeetingEvent admitted(String p, String time) {
        return event(ADMITTED, p, ATTENDEE, time);
    }

    static MeetingEvent sms(String p, String time) {
        return event(SMS_SENT, p, ATTENDEE, time);
    }

    static MeetingEvent ended(String time) {
        return event(MEETING_ENDED, null, null, time);
    }

    static MeetingEvent with(MeetingEvent e, String department, AppointmentKind kind) {
        return new MeetingEvent(e.eventId(), e.meetingId(), e.meetingType(), e.type(), e.occurredAt(),
                e.participantId(), e.role(), department, kind);
    }

    static MeetingEvent withType(MeetingEvent e, MeetingType meetingType) {
        return new MeetingEvent(e.eventId(), e.meetingId(), meetingType, e.type(), e.occurredAt(),
                e.participantId(), e.role(), e.department(), e.appointmentKind());
    }
}
