package org.virtualvisits.analytics.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/** Deterministic visits for writer tests. */
final class SampleVisits {

    private SampleVisits() {
    }

    /** The grid's English labels, written out here so a test fails if the export stops using them. */
    static final Map<VisitStatus, String> ENGLISH_STATUS = Map.of(VisitStatus.IN_PROGRESS, "In progress",
            VisitStatus.COMPLETED, "Completed", VisitStatus.NO_SHOW, "No-show", VisitStatus.ABANDONED, "Abandoned");
    static final Map<MeetingType, String> ENGLISH_TYPE = Map.of(MeetingType.BOOKINGS, "Bookings", MeetingType.EHR, "EHR");
    static final Map<AppointmentKind, String> ENGLISH_KIND = Map.of(AppointmentKind.SCHEDULED, "Scheduled",
            AppointmentKind.ON_DEMAND, "On demand");

    static Visit visit(int i) {
        return new Visit("m-" + i, i % 3 == 0 ? MeetingType.EHR : MeetingType.BOOKINGS,
                Instant.parse("2026-11-20T10:04:00Z").plusSeconds(61L * i),
                i % 4 == 0 ? null : 30L + i,
                1625L + i,
                VisitStatus.values()[i % VisitStatus.values().length],
                1 + i % 5,
                i % 2 == 0,
                i % 5 == 0 ? null : "Dept " + (i % 3),
                i % 7 == 0 ? AppointmentKind.ON_DEMAND : AppointmentKind.SCHEDULED);
    }

    static List<Visit> visits(int count) {
        List<Visit> visits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            visits.add(visit(i));
        }
        return visits;
    }
}
