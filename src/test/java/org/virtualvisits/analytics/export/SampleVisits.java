package org.virtualvisits.analytics.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/** Deterministic visits for writer tests. */
final class SampleVisits {

    private SampleVisits() {
    }

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
