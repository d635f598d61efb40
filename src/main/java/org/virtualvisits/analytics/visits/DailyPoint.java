package org.virtualvisits.analytics.visits;

import java.time.LocalDate;

/**
 * One day of the daily series (PRODUCT.md §2, API shape of §5).
 *
 * @param avgDurationMinutes  mean duration of the day's COMPLETED visits; null if there are none
 * @param avgLobbyWaitMinutes mean lobby wait of the day's visits that have one; null if there are none
 */
public record DailyPoint(LocalDate date, long total, long bookings, long ehr,
                         Double avgDurationMinutes, Double avgLobbyWaitMinutes) {
}
