package org.virtualvisits.analytics.report.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.virtualvisits.analytics.report.ReportRange;

/**
 * How a report range lines up with the rollups' buckets, the one place that cuts a range:
 * <ul>
 * <li>by UTC hour ({@code visit_hourly}): the whole hours [{@code hourStart}, {@code hourEnd}) come from
 * the rollup, except the {@code cutHours} that a local midnight cuts in two (zones such as Asia/Kolkata,
 * +05:30); those and the part-hours at either end are read from the visits, as the intervals
 * {@code partsFrom[i]}..{@code partsTo[i]}. Every other hour lies in one local day, so the rollup's hour
 * gives its local day. In UTC and whole-hour zones there are no cut hours ({@link #wholeHours()}).</li>
 * <li>by UTC day ({@code visit_wait_daily}, {@code visit_sort_daily}, {@code visit_meeting_id_daily}):
 * the whole UTC days [{@code dayStart}, {@code dayEnd}) come from the daily rollups, the part-days
 * [start, dayStart) and [dayEnd, end) from the visits (empty in UTC).</li>
 * </ul>
 */
public record RangeCut(ReportRange range, Instant start, Instant end,
                       Instant hourStart, Instant hourEnd, List<Instant> cutHours,
                       List<Instant> partsFrom, List<Instant> partsTo,
                       Instant dayStart, Instant dayEnd) {

    public static RangeCut of(ReportRange range) {
        Instant start = range.startInclusive();
        Instant end = range.endExclusive();

        Instant dayStart = ceil(start, ChronoUnit.DAYS);
        Instant dayEnd = end.truncatedTo(ChronoUnit.DAYS);
        if (!dayStart.isBefore(dayEnd)) {
            dayStart = end;
            dayEnd = end;
        }

        Instant hourStart = ceil(start, ChronoUnit.HOURS);
        Instant hourEnd = end.truncatedTo(ChronoUnit.HOURS);
        List<Instant> cutHours = new ArrayList<>();
        List<Instant> partsFrom = new ArrayList<>();
        List<Instant> partsTo = new ArrayList<>();
        if (!hourStart.isBefore(hourEnd)) {
            // Less than a whole hour: all of it from the visits, nothing from the rollup.
            return new RangeCut(range, start, end, end, end, List.of(), List.of(start), List.of(end), dayStart, dayEnd);
        }
        if (start.isBefore(hourStart)) {
            partsFrom.add(start);
            partsTo.add(hourStart);
        }
        for (LocalDate day = range.from().plusDays(1); !day.isAfter(range.to()); day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay(range.zone()).toInstant();
            Instant hour = midnight.truncatedTo(ChronoUnit.HOURS);
            if (!hour.equals(midnight) && !hour.isBefore(hourStart) && hour.isBefore(hourEnd)) {
                cutHours.add(hour);
                partsFrom.add(hour);
                partsTo.add(hour.plus(1, ChronoUnit.HOURS));
            }
        }
        if (hourEnd.isBefore(end)) {
            partsFrom.add(hourEnd);
            partsTo.add(end);
        }
        return new RangeCut(range, start, end, hourStart, hourEnd, List.copyOf(cutHours), List.copyOf(partsFrom),
                List.copyOf(partsTo), dayStart, dayEnd);
    }

    /**
     * Whether the range and every day boundary in it fall on whole UTC hours, the hourly rollup's
     * buckets: true in UTC and every whole-hour zone, false in e.g. Asia/Kolkata (+05:30).
     */
    public boolean wholeHours() {
        for (LocalDate day = range.from(); !day.isAfter(range.to().plusDays(1)); day = day.plusDays(1)) {
            if (Math.floorMod(day.atStartOfDay(range.zone()).toEpochSecond(), 3600L) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the range starts and ends at UTC midnights (UTC, or e.g. London in winter), so that the
     * daily rollups by UTC day count it exactly.
     */
    public boolean wholeUtcDays() {
        return start.equals(dayStart) && end.equals(dayEnd) && dayStart.isBefore(dayEnd);
    }

    /** The first whole UTC day. */
    public LocalDate firstUtcDay() {
        return dayStart.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The UTC day after the last whole one. */
    public LocalDate endUtcDay() {
        return dayEnd.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant ceil(Instant instant, ChronoUnit unit) {
        Instant truncated = instant.truncatedTo(unit);
        return truncated.equals(instant) ? truncated : truncated.plus(1, unit);
    }
}
