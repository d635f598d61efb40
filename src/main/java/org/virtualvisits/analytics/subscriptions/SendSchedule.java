package org.virtualvisits.analytics.subscriptions;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a subscription is sent: every day, on a day of the week or on a day of the month, at a
 * local time in a zone. Local time is what people mean ("Monday 8:00"), so the instant moves
 * with daylight saving time. A time that does not exist on a day (the spring-forward gap) is
 * sent when the clocks have jumped, that much later (02:30 becomes 03:30 in Europe/Paris); a
 * time that happens twice (the autumn overlap) is sent once, at its first occurrence.
 *
 * @param dayOfWeek  for {@link Frequency#WEEKLY}, else null
 * @param dayOfMonth for {@link Frequency#MONTHLY} (1..31; past the month's end: its last day), else null
 */
public record SendSchedule(Frequency frequency, DayOfWeek dayOfWeek, Integer dayOfMonth, LocalTime time,
        ZoneId zone) {

    public SendSchedule {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        if (frequency == Frequency.WEEKLY && dayOfWeek == null) {
            throw new IllegalArgumentException("A weekly schedule needs a day of the week");
        }
        if (frequency == Frequency.MONTHLY && (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 31)) {
            throw new IllegalArgumentException("A monthly schedule needs a day of the month from 1 to 31");
        }
        dayOfWeek = frequency == Frequency.WEEKLY ? dayOfWeek : null;
        dayOfMonth = frequency == Frequency.MONTHLY ? dayOfMonth : null;
        time = time.withSecond(0).withNano(0);
    }

    public static SendSchedule daily(LocalTime time, ZoneId zone) {
        return new SendSchedule(Frequency.DAILY, null, null, time, zone);
    }

    public static SendSchedule weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
        return new SendSchedule(Frequency.WEEKLY, day, null, time, zone);
    }

    public static SendSchedule monthly(int dayOfMonth, LocalTime time, ZoneId zone) {
        return new SendSchedule(Frequency.MONTHLY, null, dayOfMonth, time, zone);
    }

    /** The first send strictly after {@code after}. */
    public Instant nextAfter(Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate();
        // At most a month and a day ahead; one more day covers a time that falls before the gap shift.
        for (int i = 0; i <= 62; i++, day = day.plusDays(1)) {
            if (sendsOn(day)) {
                // ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier
                // offset in an overlap: the rules stated above.
                Instant at = ZonedDateTime.of(day, time, zone).toInstant();
                if (at.isAfter(after)) {
                    return at;
                }
            }
        }
        throw new IllegalStateException("No send day within two months: " + this);
    }

    /** Whether the schedule sends on this local day. */
    public boolean sendsOn(LocalDate day) {
        return switch (frequency) {
            case DAILY -> true;
            case WEEKLY -> day.getDayOfWeek() == dayOfWeek;
            case MONTHLY -> day.getDayOfMonth() == Math.min(dayOfMonth, day.lengthOfMonth());
        };
    }
}
