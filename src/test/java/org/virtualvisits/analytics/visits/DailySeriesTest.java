package org.virtualvisits.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailySeriesTest {

    private static final LocalDate NOV_19 = LocalDate.of(2026, 11, 19);
    private static final LocalDate NOV_20 = LocalDate.of(2026, 11, 20);
    private static final LocalDate NOV_21 = LocalDate.of(2026, 11, 21);
    private static final LocalDate NOV_22 = LocalDate.of(2026, 11, 22);

    private static Visit visit(String start, MeetingType type, VisitStatus status, long durationSeconds, Long wait) {
        return new Visit("m-" + start + type, type, Instant.parse(start), wait, durationSeconds, status, 2, false,
                null, AppointmentKind.SCHEDULED);
    }

    @Test
    void onePointPerDayWithEmptyDaysAtZero() {
        List<DailyPoint> points = DailySeries.compute(
                List.of(visit("2026-11-20T10:04:00Z", MeetingType.BOOKINGS, VisitStatus.COMPLETED, 1620, 180L)),
                NOV_19, NOV_21);

        assertThat(points).containsExactly(
                new DailyPoint(NOV_19, 0, 0, 0, null, null),
                new DailyPoint(NOV_20, 1, 1, 0, 27.0, 3.0),
                new DailyPoint(NOV_21, 0, 0, 0, null, null));
    }

    @Test
    void countsAllStatusesButAveragesDurationOverCompletedAndWaitOverVisitsWithAWait() {
        List<Visit> visits = List.of(
                visit("2026-11-20T08:00:00Z", MeetingType.BOOKINGS, VisitStatus.COMPLETED, 1500, 60L),
                visit("2026-11-20T09:00:00Z", MeetingType.BOOKINGS, VisitStatus.COMPLETED, 1800, null),
                visit("2026-11-20T10:00:00Z", MeetingType.EHR, VisitStatus.NO_SHOW, 0, 300L),
                visit("2026-11-20T11:00:00Z", MeetingType.EHR, VisitStatus.IN_PROGRESS, 600, null),
                visit("2026-11-20T12:00:00Z", MeetingType.EHR, VisitStatus.ABANDONED, 0, null));

        assertThat(DailySeries.compute(visits, NOV_20, NOV_20))
                .containsExactly(new DailyPoint(NOV_20, 5, 2, 3, 27.5, 3.0));
    }

    @Test
    void averagesAreNullWhenThereIsNothingToAverage() {
        List<Visit> visits = List.of(visit("2026-11-20T10:00:00Z", MeetingType.EHR, VisitStatus.NO_SHOW, 0, null));

        assertThat(DailySeries.compute(visits, NOV_20, NOV_20))
                .containsExactly(new DailyPoint(NOV_20, 1, 0, 1, null, null));
    }

    @Test
    void visitsOutsideTheRangeAreLeftOut() {
        List<Visit> visits = List.of(
                visit("2026-11-19T23:59:59Z", MeetingType.EHR, VisitStatus.COMPLETED, 60, null),
                visit("2026-11-21T00:00:00Z", MeetingType.EHR, VisitStatus.COMPLETED, 60, null));

        assertThat(DailySeries.compute(visits, NOV_20, NOV_20))
                .containsExactly(new DailyPoint(NOV_20, 0, 0, 0, null, null));
    }

    @Test
    void theDisplayZoneMovesAVisitToAnotherDay() {
        List<Visit> visits = List.of(
                visit("2026-11-20T23:30:00Z", MeetingType.BOOKINGS, VisitStatus.COMPLETED, 600, null));

        assertThat(DailySeries.compute(visits, NOV_20, NOV_21)).extracting(DailyPoint::total)
                .containsExactly(1L, 0L);
        assertThat(DailySeries.compute(visits, NOV_20, NOV_21, ZoneId.of("Europe/Paris")))
                .extracting(DailyPoint::total).containsExactly(0L, 1L);
        assertThat(DailySeries.compute(visits, NOV_21, NOV_22, ZoneId.of("Pacific/Kiritimati")))
                .extracting(DailyPoint::date, DailyPoint::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NOV_21, 1L),
                        org.assertj.core.groups.Tuple.tuple(NOV_22, 0L));
    }

    @Test
    void rangeMustNotBeReversed() {
        assertThatThrownBy(() -> DailySeries.compute(List.of(), NOV_21, NOV_20))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
