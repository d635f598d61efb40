package org.virtualvisits.analytics.report.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.report.ReportRange;

class RangeCutTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void aHalfHourZoneReadsItsCutHoursAndItsEndsFromTheVisits() {
        // 3 days in Kolkata: 2026-11-09T18:30Z .. 2026-11-12T18:30Z.
        RangeCut split = RangeCut.of(new ReportRange(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12), KOLKATA));
        assertThat(split.hourStart()).isEqualTo(Instant.parse("2026-11-09T19:00:00Z"));
        assertThat(split.hourEnd()).isEqualTo(Instant.parse("2026-11-12T18:00:00Z"));
        // The local midnights of the 11th and 12th fall at 18:30Z, inside the hours from 18:00Z.
        assertThat(split.cutHours()).containsExactly(Instant.parse("2026-11-10T18:00:00Z"),
                Instant.parse("2026-11-11T18:00:00Z"));
        assertThat(split.partsFrom()).containsExactly(Instant.parse("2026-11-09T18:30:00Z"),
                Instant.parse("2026-11-10T18:00:00Z"), Instant.parse("2026-11-11T18:00:00Z"),
                Instant.parse("2026-11-12T18:00:00Z"));
        assertThat(split.partsTo()).containsExactly(Instant.parse("2026-11-09T19:00:00Z"),
                Instant.parse("2026-11-10T19:00:00Z"), Instant.parse("2026-11-11T19:00:00Z"),
                Instant.parse("2026-11-12T18:30:00Z"));
    }

    @Test
    void everyInstantOfTheRangeIsReadOnceAndEachRollupHourLiesInOneLocalDay() {
        for (ZoneId zone : List.of(KOLKATA, ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Europe/Paris"), ZoneOffset.UTC)) {
            for (ReportRange range : List.of(new ReportRange(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 10), zone),
                    new ReportRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 15), zone),
                    new ReportRange(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 10), zone))) {
                RangeCut split = RangeCut.of(range);
                List<Instant[]> pieces = new ArrayList<>();
                for (Instant hour = split.hourStart(); hour.isBefore(split.hourEnd()); hour = hour.plus(1, ChronoUnit.HOURS)) {
                    if (!split.cutHours().contains(hour)) {
                        Instant end = hour.plus(1, ChronoUnit.HOURS);
                        assertThat(hour.atZone(zone).toLocalDate())
                                .as("%s: the rollup hour %s lies in one local day", zone, hour)
                                .isEqualTo(end.minusNanos(1).atZone(zone).toLocalDate());
                        pieces.add(new Instant[] {hour, end});
                    }
                }
                for (int i = 0; i < split.partsFrom().size(); i++) {
                    pieces.add(new Instant[] {split.partsFrom().get(i), split.partsTo().get(i)});
                }
                pieces.sort((a, b) -> a[0].compareTo(b[0]));
                Instant covered = range.startInclusive();
                for (Instant[] piece : pieces) {
                    assertThat(piece[0]).as("%s %s: no gap, no overlap", zone, range).isEqualTo(covered);
                    assertThat(piece[1]).isAfter(piece[0]);
                    covered = piece[1];
                }
                assertThat(covered).isEqualTo(range.endExclusive());
                if (split.wholeHours()) {
                    assertThat(split.cutHours()).as("%s needs no cut hours", zone).isEmpty();
                }
            }
        }
    }
}
