package org.virtualvisits.analytics.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of whole days, both ends included, read in a time zone (UTC unless the user
 * chose another): a visit is in the range when its start time falls on one of those days.
 */
public record ReportRange(LocalDate from, LocalDate to, ZoneId zone) {

    /** Longest range a report covers; beyond it a chart stops being readable. */
    public static final int MAX_DAYS = 366 * 2;

    public ReportRange {
        if (from == null || to == null) {
            throw new IllegalArgumentException("Both ends of the range are required");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The range ends before it starts");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("The range is longer than " + MAX_DAYS + " days");
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    public static ReportRange utc(LocalDate from, LocalDate to) {
        return new ReportRange(from, to, ZoneId.of("UTC"));
    }

    /** The last {@code days} days up to and including today in the zone. */
    public static ReportRange lastDays(int days, LocalDate today, ZoneId zone) {
        return new ReportRange(today.minusDays(days - 1L), today, zone);
    }

    public Instant startInclusive() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant endExclusive() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public int dayCount() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>(dayCount());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    /** The range of equal length just before this one (for "change against previous period"). */
    public ReportRange previous() {
        int length = dayCount();
        return new ReportRange(from.minusDays(length), from.minusDays(1), zone);
    }
}
