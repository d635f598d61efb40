package org.virtualvisits.analytics.report;

import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.VisitStatus;

/** Optional narrowing of a report: each null field means "any". */
public record VisitFilter(MeetingType meetingType, String department, AppointmentKind appointmentKind,
        VisitStatus status) {

    public static final VisitFilter NONE = new VisitFilter(null, null, null, null);

    public static VisitFilter ofType(MeetingType meetingType) {
        return new VisitFilter(meetingType, null, null, null);
    }

    public VisitFilter withMeetingType(MeetingType type) {
        return new VisitFilter(type, department, appointmentKind, status);
    }
}
