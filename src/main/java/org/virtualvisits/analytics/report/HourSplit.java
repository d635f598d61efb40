package org.virtualvisits.analytics.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a report range in a zone whose days do not start on whole UTC hours (Asia/Kolkata +05:30,
 * Asia/Kathmandu +05:45, ...) is read: the whole UTC hours inside it from the hourly rollup, except
 * the hours that a local midnight cuts in two, and those hours plus the part-hours at either end
 * from the visits themselves. Every other hour of the range lies in one local day, so the rollup's
 * hour gives its local day.
 *
 * @param innerStart  the first whole UTC hour of the range (the rollup is read from here)
 * @param innerEnd    the end of the last whole UTC hour of the range (the rollup is read up to here)
 * @param cutHours    the rollup hours inside [innerStart, innerEnd) that a local midnight cuts
 * @param rawFrom     the starts of the intervals read from the visits (cut hours and part-hours)
 * @param rawTo       their ends, in the same order
 */
record HourSplit(Instant innerStart, Instant innerEnd, List<Instant> cutHours, List<Instant> rawFrom,
                 List<Instant> rawTo) {

    static HourSplit of(ReportRange range) {
        Instant start = range.startInclusive();
        Instant end = range.endExclusive();
        Instant innerStart = ceilHour(start);
        Instant innerEnd = end.truncatedTo(ChronoUnit.HOURS);
        List<Instant> cutHours = new ArrayList<>();
        List<Instant> rawFrom = new ArrayList<>();
        List<Instant> rawTo = new ArrayList<>();
        if (!innerStart.isBefore(innerEnd)) {
            // Less than a whole hour: all of it from the visits, nothing from the rollup.
            rawFrom.add(start);
            rawTo.add(end);
            return new HourSplit(end, end, List.of(), List.copyOf(rawFrom), List.copyOf(rawTo));
        }
        if (start.isBefore(innerStart)) {
            rawFrom.add(start);
            rawTo.add(innerStart);
        }
        for (LocalDate day = range.from().plusDays(1); !day.isAfter(range.to()); day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay(range.zone()).toInstant();
            Instant hour = midnight.truncatedTo(ChronoUnit.HOURS);
            if (!hour.equals(midnight) && !hour.isBefore(innerStart) && hour.isBefore(innerEnd)) {
                cutHours.add(hour);
                rawFrom.add(hour);
                rawTo.add(hour.plus(1, ChronoUnit.HOURS));
            }
        }
        if (innerEnd.isBefore(end)) {
            rawFrom.add(innerEnd);
            rawTo.add(end);
        }
        return new HourSplit(innerStart, innerEnd, List.copyOf(cutHours), List.copyOf(rawFrom), List.copyOf(rawTo));
    }

    private static Instant ceilHour(Instant instant) {
        Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(instant) ? hour : hour.plus(1, ChronoUnit.HOURS);
    }
}
