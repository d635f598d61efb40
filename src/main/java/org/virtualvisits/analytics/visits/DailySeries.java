package org.virtualvisits.analytics.visits;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Plain-Java reference of the daily series of PRODUCT.md §2: one point per day of an inclusive range.
 * A visit's day is that of its start time in the chosen zone (UTC by default). Averages are left
 * unrounded; rounding is a presentation concern.
 */
public final class DailySeries {

    private DailySeries() {
    }

    public static List<DailyPoint> compute(Collection<Visit> visits, LocalDate from, LocalDate to) {
        return compute(visits, from, to, ZoneOffset.UTC);
    }

    /** @throws IllegalArgumentException if {@code to} is before {@code from} */
    public static List<DailyPoint> compute(Collection<Visit> visits, LocalDate from, LocalDate to, ZoneId zone) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        Map<LocalDate, List<Visit>> byDay = visits.stream()
                .collect(Collectors.groupingBy(v -> VisitDerivation.day(v, zone)));
        List<DailyPoint> points = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            points.add(point(day, byDay.getOrDefault(day, List.of())));
        }
        return points;
    }

    private static DailyPoint point(LocalDate day, List<Visit> visits) {
        long bookings = visits.stream().filter(v -> v.meetingType() == MeetingType.BOOKINGS).count();
        long ehr = visits.stream().filter(v -> v.meetingType() == MeetingType.EHR).count();
        OptionalDouble duration = visits.stream().filter(v -> v.status() == VisitStatus.COMPLETED)
                .mapToLong(Visit::durationSeconds).average();
        OptionalDouble wait = visits.stream().filter(v -> v.lobbyWaitSeconds() != null)
                .mapToLong(Visit::lobbyWaitSeconds).average();
        return new DailyPoint(day, visits.size(), bookings, ehr, minutes(duration), minutes(wait));
    }

    private static Double minutes(OptionalDouble seconds) {
        return seconds.isPresent() ? seconds.getAsDouble() / 60.0 : null;
    }
}
