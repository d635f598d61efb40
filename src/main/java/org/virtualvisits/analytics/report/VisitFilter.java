package org.virtualvisits.analytics.report;

import java.util.ArrayList;
import java.util.List;
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

    /** SQL conditions for the fields that are set (bound as :f_type, :f_department, ...). */
    String sqlConditions() {
        List<String> conditions = new ArrayList<>();
        if (meetingType != null) {
            conditions.add("meeting_type = :f_type");
        }
        if (department != null) {
            conditions.add("department = :f_department");
        }
        if (appointmentKind != null) {
            conditions.add("appointment_kind = :f_kind");
        }
        if (status != null) {
            conditions.add("status = :f_status");
        }
        return conditions.isEmpty() ? "" : " and " + String.join(" and ", conditions);
    }
}
