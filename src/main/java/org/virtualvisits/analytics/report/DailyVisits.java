package org.virtualvisits.analytics.report;

import java.time.LocalDate;

/** Visits of one day: counts by meeting type (all statuses) and the day's averages in minutes. */
public record DailyVisits(LocalDate date, long total, long bookings, long ehr,
        Double avgDurationMinutes, Double avgLobbyWaitMinutes) {

    public static DailyVisits empty(LocalDate date) {
        return new DailyVisits(date, 0, 0, 0, null, null);
    }
}
