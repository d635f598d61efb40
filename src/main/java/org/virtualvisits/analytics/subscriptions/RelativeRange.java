package org.virtualvisits.analytics.subscriptions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.virtualvisits.analytics.report.ReportRange;

/**
 * The range a subscription mail covers, relative to the day it is sent (in the subscription's
 * zone). The rolling ranges are the report's own presets (today included, as on screen); the
 * calendar ones are the whole week (Monday to Sunday) or month before the one of the send day.
 */
public enum RelativeRange {
    LAST_7_DAYS(7),
    LAST_30_DAYS(30),
    LAST_90_DAYS(90),
    PREVIOUS_WEEK(null),
    PREVIOUS_MONTH(null);

    private final Integer days;

    RelativeRange(Integer days) {
        this.days = days;
    }

    /** The report preset ({@code ?days=}) this range is, or null for a calendar range. */
    public Integer presetDays() {
        return days;
    }

    /** The rolling range of {@code days} days (what the screen shows), or the last 7 days for another length. */
    public static RelativeRange closestTo(int days) {
        for (RelativeRange range : values()) {
            if (range.days != null && range.days == days) {
                return range;
            }
        }
        return LAST_7_DAYS;
    }

    public ReportRange range(LocalDate today, ZoneId zone) {
        return switch (this) {
            case LAST_7_DAYS, LAST_30_DAYS, LAST_90_DAYS -> ReportRange.lastDays(days, today, zone);
            case PREVIOUS_WEEK -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new ReportRange(monday, monday.plusDays(6), zone);
            }
            case PREVIOUS_MONTH -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new ReportRange(first, first.with(TemporalAdjusters.lastDayOfMonth()), zone);
            }
        };
    }
}
