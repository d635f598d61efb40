package org.virtualvisits.analytics.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SendScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void dailyAtEightParisIsSixUtcInSummerAndSevenInWinter() {
        SendSchedule schedule = SendSchedule.daily(LocalTime.of(8, 0), PARIS);
        assertThat(schedule.nextAfter(Instant.parse("2026-07-01T05:00:00Z"))).isEqualTo("2026-07-01T06:00:00Z");
        assertThat(schedule.nextAfter(Instant.parse("2026-07-01T06:00:00Z"))).isEqualTo("2026-07-02T06:00:00Z");
        assertThat(schedule.nextAfter(Instant.parse("2026-12-01T08:00:00Z"))).isEqualTo("2026-12-02T07:00:00Z");
    }

    @Test
    void localTimeStaysAcrossTheSpringChange() {
        // Europe/Paris goes from +01:00 to +02:00 on Sunday 29 March 2026 at 02:00.
        SendSchedule schedule = SendSchedule.daily(LocalTime.of(8, 0), PARIS);
        Instant saturday = schedule.nextAfter(Instant.parse("2026-03-28T00:00:00Z"));
        Instant sunday = schedule.nextAfter(saturday);
        Instant monday = schedule.nextAfter(sunday);
        assertThat(saturday).isEqualTo("2026-03-28T07:00:00Z");
        assertThat(sunday).isEqualTo("2026-03-29T06:00:00Z");
        assertThat(monday).isEqualTo("2026-03-30T06:00:00Z");
    }

    @Test
    void aTimeInTheSpringGapIsSentWhenTheClocksHaveJumped() {
        SendSchedule schedule = SendSchedule.daily(LocalTime.of(2, 30), PARIS);
        Instant inGap = schedule.nextAfter(Instant.parse("2026-03-28T12:00:00Z"));
        // 02:30 does not exist on 29 March: 03:30 CEST, 01:30 UTC. Sent once that day.
        assertThat(inGap).isEqualTo("2026-03-29T01:30:00Z");
        assertThat(schedule.nextAfter(inGap)).isEqualTo("2026-03-30T00:30:00Z");
    }

    @Test
    void aTimeInTheAutumnOverlapIsSentOnceAtItsFirstOccurrence() {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
        SendSchedule schedule = SendSchedule.daily(LocalTime.of(2, 30), PARIS);
        Instant first = schedule.nextAfter(Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(first).isEqualTo("2026-10-25T00:30:00Z");
        Instant next = schedule.nextAfter(first);
        assertThat(next).as("not again at the second 02:30 (01:30 UTC)").isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void weeklyOnMonday() {
        SendSchedule schedule = SendSchedule.weekly(DayOfWeek.MONDAY, LocalTime.of(7, 30), PARIS);
        // Wednesday 25 November 2026 -> Monday 30 November, 07:30 CET.
        assertThat(schedule.nextAfter(Instant.parse("2026-11-25T10:00:00Z"))).isEqualTo("2026-11-30T06:30:00Z");
        assertThat(schedule.nextAfter(Instant.parse("2026-11-30T06:30:00Z"))).isEqualTo("2026-12-07T06:30:00Z");
    }

    @Test
    void monthlyOnThe31stIsSentOnTheLastDayOfShorterMonths() {
        SendSchedule schedule = SendSchedule.monthly(31, LocalTime.of(9, 0), ZoneId.of("UTC"));
        Instant january = schedule.nextAfter(Instant.parse("2026-01-15T00:00:00Z"));
        Instant february = schedule.nextAfter(january);
        Instant march = schedule.nextAfter(february);
        Instant april = schedule.nextAfter(march);
        assertThat(january).isEqualTo("2026-01-31T09:00:00Z");
        assertThat(february).isEqualTo("2026-02-28T09:00:00Z");
        assertThat(march).isEqualTo("2026-03-31T09:00:00Z");
        assertThat(april).isEqualTo("2026-04-30T09:00:00Z");
        assertThat(SendSchedule.monthly(29, LocalTime.NOON, ZoneId.of("UTC"))
                .nextAfter(Instant.parse("2028-02-01T00:00:00Z"))).as("leap year").isEqualTo("2028-02-29T12:00:00Z");
    }

    @Test
    void aScheduleWithoutItsDayIsRefused() {
        assertThatThrownBy(() -> new SendSchedule(Frequency.WEEKLY, null, null, LocalTime.NOON, PARIS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendSchedule.monthly(32, LocalTime.NOON, PARIS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendSchedule.monthly(0, LocalTime.NOON, PARIS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
